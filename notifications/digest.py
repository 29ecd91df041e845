"""The weekly digest for TKP3D members: the key figures of the week that just ended, by email.

The figures come from providers listed in `settings.NOTIFICATIONS_DIGEST_FIGURES` (dotted paths),
so every app adds its own without this module knowing about it (seekers/digest.py counts the job
seekers; notifications itself knows no figure):

    # trainings/digest.py
    def figures(*, start, end):
        counts = Enrolment.objects.aggregate(...)  # one query
        return [Figure(_("Trainees enrolled this week"), counts["new"]), ...]

A provider takes the week's bounds (`start` inclusive, `end` exclusive, aware datetimes) and
returns a list of `Figure`s, computed in the database with one query per figure at most (one
aggregate for several is better). Figures are computed once per digest, never per recipient.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.roles import Role

from .services import notify_each

EVENT = "notifications.weekly_digest"


@dataclass(frozen=True)
class Figure:
    label: str  # lazily translated: rendered in each recipient's language
    value: int


def week_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The last full week, Monday 00:00 to Monday 00:00, Asia/Jakarta."""
    today = timezone.localdate(now)
    this_monday = today - timedelta(days=today.weekday())
    end = timezone.make_aware(datetime.combine(this_monday, datetime.min.time()))
    return end - timedelta(days=7), end


def digest_figures(*, start, end) -> list[Figure]:
    figures = []
    for path in settings.NOTIFICATIONS_DIGEST_FIGURES:
        figures.extend(import_string(path)(start=start, end=end))
    return figures


def digest_recipients():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.TKP3D.value)
        .select_related("notification_preference")
        .order_by("pk")
    )


def weekly_digest_send(*, now=None) -> int:
    """Send the digest of the last full week to every active TKP3D member; return how many got it.

    Keyed by the week: a second run in the same week (a beat restart) sends nothing again.
    """
    start, end = week_bounds(now or timezone.now())
    figures = digest_figures(start=start, end=end)
    context = {"figures": figures, "start": start, "last_day": timezone.localdate(end) - timedelta(days=1)}
    key = start.date().isoformat()
    return notify_each(event=EVENT, recipients=((user, context, key) for user in digest_recipients().iterator()))
