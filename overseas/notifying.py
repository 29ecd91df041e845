"""Every message the internship workflow sends, in one place.

Services call these inside the transaction of the change (the notification row is the outbox:
a rolled-back change sends nothing); the daily reminders in `tasks.py` call them with a key.
Templates: templates/notifications/events/overseas.*/.
"""

from django.urls import reverse

from notifications.services import notify


def _context(candidacy, **extra):
    return {"intake": candidacy.intake.name, "url": reverse("overseas:my_candidacy"), **extra}


def _send(candidacy, event, *, key, **extra):
    notify(
        user=candidacy.seeker.user,
        event=f"overseas.{event}",
        context=_context(candidacy, **extra),
        key=f"overseas.{event}.{key}",
    )


def candidacy_applied(candidacy):
    _send(candidacy, "candidacy_applied", key=candidacy.pk)


def stage_passed(candidacy, *, stage, following):
    _send(
        candidacy,
        "stage_passed",
        key=f"{candidacy.pk}.{stage.pk}",
        stage=stage.name,
        next_stage=following.name,
        next_date=following.scheduled_on,
    )


def stage_failed(candidacy, *, stage, note):
    _send(candidacy, "stage_failed", key=f"{candidacy.pk}.{stage.pk}", stage=stage.name, reason=note)


def selection_passed(candidacy):
    _send(candidacy, "selection_passed", key=candidacy.pk)


def deployment_recorded(candidacy, deployment):
    _send(
        candidacy,
        "deployment_recorded",
        key=deployment.pk,
        departure_date=deployment.departure_date,
        company=deployment.host_company,
        prefecture=deployment.get_prefecture_display(),
    )


def returned(candidacy, record):
    _send(candidacy, "returned", key=record.pk)


# --- Reminders (daily, tasks.py): the key includes the date, so a changed date reminds again ----


def stage_scheduled(candidacy):
    stage = candidacy.next_stage
    _send(
        candidacy,
        "stage_scheduled",
        key=f"{candidacy.pk}.{stage.pk}.{stage.scheduled_on:%Y%m%d}",
        stage=stage.name,
        date=stage.scheduled_on,
        place=stage.place,
    )


def document_expiring(document):
    _send(
        document.candidacy,
        "document_expiring",
        key=f"{document.pk}.{document.expires_on:%Y%m%d}",
        document=document.get_kind_display(),
        number=document.number,
        expires_on=document.expires_on,
    )


def departure_soon(deployment):
    _send(
        deployment.candidacy,
        "departure_soon",
        key=f"{deployment.pk}.{deployment.departure_date:%Y%m%d}",
        departure_date=deployment.departure_date,
        company=deployment.host_company,
        prefecture=deployment.get_prefecture_display(),
    )


def contract_ending(deployment):
    _send(
        deployment.candidacy,
        "contract_ending",
        key=f"{deployment.pk}.{deployment.contract_end:%Y%m%d}",
        contract_end=deployment.contract_end,
        company=deployment.host_company,
    )


def after_return(record):
    _send(record.candidacy, "after_return", key=record.pk, returned_on=record.returned_on)
