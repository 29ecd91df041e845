"""The model of a reminder, for domain apps to copy (see README "Notifications")."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from notifications.services import notify_each

from .models import Appointment


def appointments_due(*, on):
    """One query: the people to remind, with what the template and the notify call need."""
    return (
        Appointment.objects.filter(due_on=on, cancelled=False, person__is_active=True)
        .select_related("person__notification_preference")
        .order_by("pk")
    )


@shared_task(name="toyapp.remind_appointments_tomorrow", ignore_result=True)
def remind_appointments_tomorrow():
    due_on = timezone.localdate() + timedelta(days=1)
    return notify_each(
        event="toyapp.appointment_tomorrow",
        recipients=(
            (appointment.person, {"appointment": appointment}, f"{appointment.pk}:{appointment.due_on}")
            for appointment in appointments_due(on=due_on).iterator()
        ),
    )


@shared_task(name="toyapp.report_slow", ignore_result=True, acks_late=False)
def report_slow(marker_dir, seconds):
    """A stand-in for a long report (routed to the "reports" queue by its name): it marks when
    it starts and ends. Acknowledged at once, so a test that stops its worker leaves nothing
    to redeliver."""
    import time
    from pathlib import Path

    Path(marker_dir, "report-started").touch()
    time.sleep(seconds)
    Path(marker_dir, "report-finished").touch()
