from django.contrib import admin

from .models import AuditLog, Desa, EducationLevel, Kecamatan, Sector


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


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, written by services."""

    list_display = ("created_at", "actor", "action", "content_type", "object_id", "from_status", "to_status")
    list_filter = ("action", "content_type")
    list_select_related = ("actor", "content_type")
    search_fields = ("=object_id", "actor__full_name", "actor__email")
    date_hierarchy = "created_at"
    show_full_result_count = False  # COUNT(*) over millions of rows on every page is not worth it

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
