from django.db.models import Count, Min

from core.caching import bump_versions, versioned_get, versioned_set

from .models import Notification, NotificationPreference

# The navbar badge is on every page a person sees: its count is kept in the shared cache per
# person, under a version set anew whenever their unread messages change (`unread_changed`: a new
# inbox message, one or all read). Deletions by the retention purge (messages over a year old)
# show within UNREAD_TIMEOUT.
UNREAD_TIMEOUT = 5 * 60


def _unread_keys(user_id) -> tuple[str, str]:
    return f"notifications:unread:{user_id}", f"notifications:unread:v:{user_id}"


def unread_changed(user_id) -> None:
    bump_versions([_unread_keys(user_id)[1]])


def unread_count(user) -> int:
    """The navbar badge: one COUNT over the partial index `notifications_unread_idx`, or none
    while the person's cached count is current."""
    if not user.is_authenticated:
        return 0
    entry_key, version_key = _unread_keys(user.pk)
    cached, stamp = versioned_get(entry_key, [version_key])
    if cached is not None:
        return cached
    count = Notification.objects.unread().filter(recipient=user).count()
    versioned_set(entry_key, stamp, count, UNREAD_TIMEOUT)
    return count


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


def outbox_backlog() -> dict:
    """The outbox rows not yet sent, for `/readyz?full=1` and the metrics: one query.

    {"pending": n, "sending": n, "failed": n, "oldest_pending_at": datetime | None}. Sent rows
    (the millions) are never counted: pending and sending come from the partial index
    `notifications_waiting_idx`, failed from `notifications_status_idx`.
    """
    S = Notification.Status
    rows = (
        Notification.objects.filter(status__in=[S.PENDING, S.SENDING, S.FAILED])
        .order_by()
        .values("status")
        .annotate(n=Count("id"), oldest=Min("created_at"))
    )
    backlog = {S.PENDING.value: 0, S.SENDING.value: 0, S.FAILED.value: 0, "oldest_pending_at": None}
    for row in rows:
        backlog[row["status"]] = row["n"]
        if row["status"] == S.PENDING:
            backlog["oldest_pending_at"] = row["oldest"]
    return backlog
