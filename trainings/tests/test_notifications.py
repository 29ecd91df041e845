"""The messages a seeker gets, written to the notifications outbox in the transaction of the change."""

import datetime

import pytest
from django.db import transaction

from notifications import events
from notifications.models import Channel, Notification
from trainings import services
from trainings.models import Enrolment

from .factories import BatchFactory, today

S = Enrolment.Status


def _inbox(user):
    return list(Notification.objects.filter(recipient=user, channel=Channel.INBOX).order_by("pk"))


def _events(user):
    return [n.event.removeprefix("trainings.") for n in _inbox(user)]


def test_a_seeker_hears_of_each_step_from_application_to_certificate(seeker, profile, disnaker_staff, time_machine):
    batch = BatchFactory(program__title="Pengelasan SMAW 3G")
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    services.enrolment_shortlist(enrolment=enrolment, actor=disnaker_staff)
    services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    time_machine.move_to(batch.start_date)
    services.batch_start(batch=batch, actor=disnaker_staff)
    enrolment = services.enrolment_complete(enrolment=enrolment, actor=disnaker_staff)

    assert _events(seeker) == [
        "enrolment_applied",
        "enrolment_shortlisted",
        "enrolment_accepted",
        "enrolment_completed",
    ]
    accepted, completed = _inbox(seeker)[2], _inbox(seeker)[3]
    assert accepted.subject == "Diterima: Pengelasan SMAW 3G" and accepted.language == "id"
    assert accepted.link == "/pelatihan/saya/"
    assert enrolment.certificate.number in completed.body
    assert enrolment.certificate.get_absolute_url() in completed.body
    assert enrolment.certificate.get_verify_url() in completed.body


def test_a_rejection_carries_its_reason(seeker, profile, batch, disnaker_staff):
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    services.enrolment_reject(enrolment=enrolment, actor=disnaker_staff, reason="Kuota kecamatan penuh")
    rejected = _inbox(seeker)[-1]
    assert rejected.event == "trainings.enrolment_rejected" and "Kuota kecamatan penuh" in rejected.body


def test_the_waitlisted_person_is_told_when_a_seat_comes_free(seeker, profile, apply, disnaker_staff):
    seeker.language = "en"
    seeker.save()
    batch = BatchFactory(capacity=1)
    holder = apply(batch)
    services.enrolment_accept(enrolment=holder, actor=disnaker_staff)
    waiting = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    services.enrolment_waitlist(enrolment=waiting, actor=disnaker_staff)
    services.enrolment_withdraw(enrolment=holder, actor=holder.seeker.user)

    assert _events(seeker) == ["enrolment_applied", "enrolment_waitlisted", "enrolment_promoted"]
    assert _inbox(seeker)[-1].subject.startswith("A seat became free")  # in the person's language


def test_a_drop_out_is_told_with_its_reason(seeker, profile, batch, disnaker_staff):
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    services.enrolment_drop(enrolment=enrolment, actor=disnaker_staff, reason="Tidak hadir daftar ulang")
    assert _events(seeker)[-1] == "enrolment_dropped"
    assert "Tidak hadir daftar ulang" in _inbox(seeker)[-1].body


def test_a_rolled_back_change_notifies_nobody(seeker, profile, batch, disnaker_staff):
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
        raise RuntimeError("the request failed after the decision")
    assert _events(seeker) == ["enrolment_applied"]
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


def test_a_refused_decision_in_a_bulk_run_notifies_nobody(apply, disnaker_staff):
    batch = BatchFactory(capacity=1)
    first, second = apply(batch), apply(batch)
    services.enrolment_bulk_decide(
        enrolments=Enrolment.objects.filter(batch=batch), decision="accept", actor=disnaker_staff
    )
    assert _events(first.seeker.user) == ["enrolment_applied", "enrolment_accepted"]
    assert _events(second.seeker.user) == ["enrolment_applied"]  # no seat: no message


def test_tomorrows_trainees_are_reminded_once(apply):
    from trainings.tasks import remind_batches_starting_tomorrow

    tomorrow = today() + datetime.timedelta(days=1)
    batch = BatchFactory(start_date=tomorrow, registration_closes=tomorrow)
    enrolment = apply(batch)
    services.enrolment_accept(enrolment=enrolment, actor=None)
    remind_batches_starting_tomorrow()
    remind_batches_starting_tomorrow()  # a repeated run
    assert _events(enrolment.seeker.user).count("batch_starts_tomorrow") == 1


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_training_event_renders_in_both_languages(db, language):
    context = {
        "recipient": type("U", (), {"get_short_name": lambda self: "Rina"})(),
        "site_url": "https://kerja.bekasikab.go.id",
        "program": "Pengelasan SMAW 3G",
        "provider": "BLK Kabupaten Bekasi",
        "batch": "Angkatan I",
        "start_date": datetime.date(2026, 12, 1),
        "end_date": datetime.date(2026, 12, 30),
        "schedule": "Senin–Jumat",
        "location": "Bengkel Las",
        "url": "/pelatihan/saya/",
        "reason": "Kuota penuh",
        "certificate_number": "3216-PLT-2026-000001",
        "certificate_url": "/pelatihan/sertifikat/1/unduh/",
        "verify_url": "/pelatihan/sertifikat/cek/x/",
    }
    trainings_events = [e for e in events.known_events() if e.startswith("trainings.")]
    assert len(trainings_events) == 9
    for event in trainings_events:
        rendered = events.render(event, context, language=language)
        assert rendered.subject and "{" not in rendered.subject + rendered.text + rendered.short, event
        assert "Pengelasan SMAW 3G" in rendered.subject + rendered.text, event
