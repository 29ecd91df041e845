from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_lists import LeanChangeListMixin
from .models import AuditLog, Desa, EducationLevel, Kecamatan, Sector
from .pagination import LargeTablePaginator


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("name", "code")


@admin.register(Desa)
class DesaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "kecamatan")
    list_filter = ("kind", "kecamatan")
    list_select_related = ("kecamatan",)
    search_fields = ("name", "code")


@admin.register(EducationLevel)
class EducationLevelAdmin(admin.ModelAdmin):
    list_display = ("rank", "code", "name")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


class ActionKindFilter(admin.SimpleListFilter):
    """Fixed choices: a filter on the free `action` column would SELECT DISTINCT over every row."""

    title = _("kind of action")
    parameter_name = "kind"
    KINDS = {
        "viewed_": _("Views of personal data (NIK, documents, cards)"),
        "exported_": _("Exports of personal data"),
        "status_change": _("Status changes"),
        "card_": _("AK/1 cards"),
        "deletion_": _("Account deletions"),
    }

    def lookups(self, request, model_admin):
        return list(self.KINDS.items())

    def queryset(self, request, queryset):
        if self.value() in self.KINDS:
            return queryset.filter(action__startswith=self.value())
        return queryset


@admin.register(AuditLog)
class AuditLogAdmin(LeanChangeListMixin, admin.ModelAdmin):
    paginator = LargeTablePaginator
    """Read-only: the trail is append-only, written by services."""

    list_display = ("created_at", "actor", "action", "content_type", "object_id", "from_status", "to_status")
    list_filter = (ActionKindFilter, "content_type")
    list_select_related = ("actor", "content_type")
    search_fields = ("=object_id", "=actor__email")
    ordering = ("-pk",)  # newest first without sorting millions of rows
    show_full_result_count = False  # COUNT(*) over millions of rows on every page is not worth it

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
