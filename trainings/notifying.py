"""Every message the training workflow sends, in one place.

Services call these inside the transaction of the change (the notification row is the outbox:
a rolled-back change sends nothing). Templates: templates/notifications/events/<event>/.
"""

from django.urls import reverse

from notifications.services import notify


def _context(enrolment, **extra):
    batch = enrolment.batch
    program = batch.program
    return {
        "program": program.title,
        "provider": str(program.provider),
        "batch": batch.name,
        "start_date": batch.start_date,
        "end_date": batch.end_date,
        "schedule": batch.schedule,
        "location": batch.location,
        "url": reverse("trainings:my_trainings"),
        **extra,
    }


def _send(enrolment, event, **extra):
    notify(
        user=enrolment.seeker.user,
        event=f"trainings.{event}",
        context=_context(enrolment, **extra),
        key=f"trainings.{event}.{enrolment.pk}",
    )


def enrolment_applied(enrolment):
    _send(enrolment, "enrolment_applied")


def enrolment_shortlisted(enrolment):
    _send(enrolment, "enrolment_shortlisted")


def enrolment_accepted(enrolment):
    _send(enrolment, "enrolment_accepted")


def enrolment_waitlisted(enrolment):
    _send(enrolment, "enrolment_waitlisted")


def enrolment_rejected(enrolment):
    _send(enrolment, "enrolment_rejected", reason=enrolment.status_reason)


def enrolment_promoted(enrolment):
    _send(enrolment, "enrolment_promoted")


def enrolment_dropped(enrolment):
    _send(enrolment, "enrolment_dropped", reason=enrolment.status_reason)


def enrolment_completed(enrolment, certificate):
    _send(
        enrolment,
        "enrolment_completed",
        certificate_number=certificate.number,
        certificate_url=certificate.get_absolute_url(),
        verify_url=certificate.get_verify_url(),
    )


def batch_starts_tomorrow(enrolment):
    _send(enrolment, "batch_starts_tomorrow")
