"""The admin app with the portal's site (core/admin_site.py): in INSTALLED_APPS instead of
"django.contrib.admin" (same label, same autodiscovery). A module of its own: an apps module
must import no models, and core/apps.py may hold only one AppConfig."""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "core.admin_site.PortalAdminSite"
