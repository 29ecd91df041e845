from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.pagination import LargeTablePaginator

from .models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "phone", "full_name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    paginator = LargeTablePaginator
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("full_name", "email", "phone", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_active", "groups")
    search_fields = ("full_name", "=email", "=phone")
    ordering = ("-pk",)  # newest first through the primary key: no sort of the whole table
    show_full_result_count = False
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("email", "phone", "phone_verified_at", "password")}),
        (_("Personal info"), {"fields": ("full_name", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "phone", "full_name", "password1", "password2")}),
    )
    filter_horizontal = ("groups",)

    # Who may grant powers: only superusers. A Disnaker clerk may look after seekers' accounts
    # (name, contact, active) but never make anyone staff, superuser or a role member, nor set
    # the password of a staff account (that would be a takeover).
    PRIVILEGED_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += [f for f in self.PRIVILEGED_FIELDS if f not in readonly]
        return readonly

    def _is_protected(self, request, obj):
        return obj is not None and (obj.is_staff or obj.is_superuser) and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        if self._is_protected(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting a seeker's account goes through a deletion request (files, seats, audit).
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, id)
        if user is not None and self._is_protected(request, user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
