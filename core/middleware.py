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


class MalformedRequestMiddleware:
    """Answer a request whose body cannot be read with 400, before anything else reads it.

    Django raises from `request.POST` on a non-UTF-8 form charset, an unknown charset, a broken
    multipart body or boundary; its default 400 view then re-runs the CSRF check, which reads
    `request.POST` again and turns the 400 into a 500 (measured on login, admin login, uploads).
    Reading the body here, once, inside a try, means no later code sees an unreadable body.
    Placed right after SecurityMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import QueryDict
        from django.utils.datastructures import MultiValueDict

        from core.views import bad_request

        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            try:
                request.POST  # noqa: B018 - parses the body (and FILES) once, here
                request.FILES  # noqa: B018
            except Exception:  # noqa: BLE001 - any parser failure is the client's malformed request
                request._post, request._files = QueryDict(), MultiValueDict()
                return bad_request(request, None)
        try:
            request.get_full_path()
            request.COOKIES  # noqa: B018
        except Exception:  # noqa: BLE001 - undecodable path or cookie header
            request.COOKIES = {}
            return bad_request(request, None)
        return self.get_response(request)


def reject_malformed_headers(app):
    """WSGI wrapper: a Content-Type or Content-Length Django cannot even build a request from
    (a NUL in the charset raises in WSGIRequest.__init__, before any middleware) answers 400."""

    def guarded(environ, start_response):
        content_type = environ.get("CONTENT_TYPE", "")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in content_type):
            from core.views import render_error

            response = render_error(None, 400)
            start_response("400 Bad Request", [("Content-Type", response["Content-Type"])])
            return [response.content]
        return app(environ, start_response)

    return guarded
