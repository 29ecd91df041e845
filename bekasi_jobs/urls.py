from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import set_language
from core.metrics import metrics_view
from core.views import healthz, readyz

admin.site.site_header = _("Disnaker Kabupaten Bekasi")
admin.site.site_title = _("Bekasi workforce portal")
admin.site.index_title = _("Administration")


def _staff_only(login):
    """The admin sends people without staff rights to its login page; a signed-in TKP3D member,
    partner or seeker gets 403 there instead of a second login form."""

    def view(request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            raise PermissionDenied
        return login(request, *args, **kwargs)

    return view


admin.site.login = _staff_only(admin.site.login)

urlpatterns = [
    # Answered by core.middleware.HealthEndpointsMiddleware before any other middleware; listed
    # here for reverse() and in case that middleware is removed.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("akun/", include("accounts.urls")),
    path("pencari-kerja/", include("seekers.urls")),
    path("pelatihan/", include("trainings.urls")),
    path("penempatan/", include("placements.urls")),
    path("", include("placements.public_urls")),
    path("magang-jepang/", include("overseas.urls")),
    path("pembiayaan/", include("financing.urls")),
    path("notifikasi/", include("notifications.urls")),
    path("dasbor/", include("dashboard.urls")),
    path("statistik/", include("dashboard.public_urls")),
    path("", include("core.urls")),
]

# Error pages in the portal's look, in Bahasa Indonesia (core/views.py, templates/4xx.html).
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
