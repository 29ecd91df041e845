"""The portal's admin site: Django's, with the app list built only where a page shows it.

`AdminSite.each_context()` builds the list of every app and model the person may see (a
permission check and a few URL reversals per model: about 3 ms of CPU) for every admin page,
though only the index, an app's index and the navigation sidebar show it. Here it is built
when a template first reads it, once per request; a changelist without the sidebar
(`core.admin_lists.LeanChangeListMixin`) never builds it. README, "Speed under load".
"""

from django.contrib import admin
from django.utils.functional import SimpleLazyObject


class PortalAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        if app_label is not None:
            return super().get_app_list(request, app_label)
        build = super().get_app_list
        return SimpleLazyObject(lambda: build(request))
