from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
