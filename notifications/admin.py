from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.pagination import LargeTablePaginator

from . import services
from .events import known_events
from .models import Notification, NotificationPreference


class EventFilter(admin.SimpleListFilter):
    """Events from the template folders: Django's default filter would run SELECT DISTINCT over
    millions of rows on every page."""

    title = _("event")
    parameter_name = "event"

    def lookups(self, request, model_admin):
        return [(event, event) for event in known_events()]

    def queryset(self, request, queryset):
        return queryset.filter(event=self.value()) if self.value() else queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    paginator = LargeTablePaginator
    """The notification log: read-only, written by the services; staff can only resend.

    Shows the recipient's name, never their phone number, and cannot be searched by one.
    """

    list_display = ("created_at", "recipient", "event", "channel", "status", "attempts", "sent_at", "error")
    list_filter = ("status", "channel", EventFilter, ("created_at", admin.DateFieldListFilter))
    list_select_related = ("recipient",)
    search_fields = ("=id", "=recipient__email", "recipient__full_name")
    show_full_result_count = False  # COUNT(*) over millions of rows on every page is not worth it
    actions = ["resend"]
    fieldsets = (
        (None, {"fields": ("recipient", "event", "channel", "language", "key", "link")}),
        (
            _("Delivery"),
            {
                "fields": (
                    "status",
                    "attempts",
                    "last_error",
                    "created_at",
                    "next_attempt_at",
                    "claimed_at",
                    "sent_at",
                    "read_at",
                )
            },
        ),
        (_("Message"), {"fields": ("subject", "body", "body_html")}),
    )
    readonly_fields = (
        "recipient",
        "event",
        "channel",
        "language",
        "key",
        "link",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "read_at",
        "subject",
        "body",
        "body_html",
    )

    @admin.display(description=_("last error"))
    def error(self, obj):
        return obj.last_error[:80]

    @admin.action(description=_("Resend the selected notifications"), permissions=["resend"])
    def resend(self, request, queryset):
        count = services.notifications_resend(notifications=queryset, actor=request.user)
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext(
                "%(count)d notification queued again.",
                "%(count)d notifications queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d skipped: in-app entries and messages already on their way are not resent.",
                    "%(count)d skipped: in-app entries and messages already on their way are not resent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.change_notification")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    """Read-only: opting in or out of a channel is the person's own choice (consent, UU PDP)."""

    list_display = ("user", "email", "sms", "whatsapp", "updated_at")
    list_filter = ("email", "sms", "whatsapp")
    list_select_related = ("user",)
    search_fields = ("=user__email", "user__full_name")
    readonly_fields = ("user", "email", "sms", "whatsapp", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
