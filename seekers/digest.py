"""The job-seeker figures of the TKP3D weekly digest (settings.NOTIFICATIONS_DIGEST_FIGURES)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from notifications.digest import Figure


def figures(*, start, end) -> list[Figure]:
    """Job seekers registered in the week (their profile made), and all of them at its end
    (one query)."""
    seekers = get_user_model().objects.job_seekers().filter(seeker__created_at__lt=end)
    counts = seekers.aggregate(new=Count("pk", filter=Q(seeker__created_at__gte=start)), total=Count("pk"))
    return [
        Figure(_("New job seekers this week"), counts["new"]),
        Figure(_("Registered job seekers in total"), counts["total"]),
    ]
