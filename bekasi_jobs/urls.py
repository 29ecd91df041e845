from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import set_language
from core.views import healthz

admin.site.site_header = _("Disnaker Kabupaten Bekasi")
admin.site.site_title = _("Bekasi workforce portal")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("akun/", include("accounts.urls")),
    path("pencari-kerja/", include("seekers.urls")),
    path("pelatihan/", include("trainings.urls")),
    path("penempatan/", include("placements.urls")),
    path("magang-jepang/", include("overseas.urls")),
    path("pembiayaan/", include("financing.urls")),
    path("notifikasi/", include("notifications.urls")),
    path("dasbor/", include("dashboard.urls")),
    path("", include("core.urls")),
]

# Error pages in the portal's look, in Bahasa Indonesia (core/views.py, templates/4xx.html).
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
