from .models import Notification, NotificationPreference


def unread_count(user) -> int:
    """The navbar badge: one COUNT over the partial index `notifications_unread_idx`."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.unread().filter(recipient=user).count()


def inbox(*, user):
    """A person's own in-app messages, newest first. The only way views reach notifications, so
    nobody can open another person's."""
    return Notification.objects.inbox().filter(recipient=user).order_by("-created_at", "-id")


def preference_for(*, user) -> NotificationPreference:
    """The person's channel choices, or the defaults (unsaved) if they never chose.

    Uses the cached relation when the caller selected it (`select_related("notification_preference")`),
    so reminders over thousands of people do not query once per person.
    """
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)
