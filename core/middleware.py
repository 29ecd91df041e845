from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from . import metrics, views


class PortalLocaleMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the person chose otherwise.

    Django's LocaleMiddleware follows the browser's Accept-Language, but many phones in Bekasi
    are set to English while their owners read Indonesian: the portal starts in Indonesian and
    switches only on an explicit choice (the language cookie set by the switcher).
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class HealthEndpointsMiddleware:
    """Answers `/healthz`, `/readyz` and `/metrics` before any other middleware.

    Probes and scrapers call the app server directly: by its address (so the Host header is not in
    ALLOWED_HOSTS) and over plain HTTP (so SecurityMiddleware would redirect to https). Answering
    first skips both, and the session, locale and throttling work these requests do not need.
    Anything else, including these paths with a trailing slash, goes the normal way.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = {"/healthz": views.healthz, "/readyz": views.readyz, "/metrics": metrics.metrics_view}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)
