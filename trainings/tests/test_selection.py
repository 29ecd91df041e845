"""Selection: shortlist, accept, waitlist, reject; seats and the waitlist."""

import pytest
from django.contrib.contenttypes.models import ContentType

from core.models import AuditLog
from trainings import services
from trainings.models import Batch, Enrolment
from trainings.services import TrainingError

from .factories import BatchFactory

S = Enrolment.Status


def _seats_held(batch):
    return Enrolment.objects.filter(batch=batch, status__in=Enrolment.SEAT_STATUSES).count()


def _refresh(*objs):
    for obj in objs:
        obj.refresh_from_db()


def test_accepting_takes_a_seat_and_writes_an_audit_row(batch, apply, disnaker_staff):
    enrolment = apply(batch)
    services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    _refresh(enrolment, batch)
    assert enrolment.status == S.ACCEPTED and enrolment.decided_at
    assert batch.seats_taken == 1 == _seats_held(batch)
    entry = AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Enrolment), object_id=enrolment.pk
    ).first()
    assert (entry.actor, entry.from_status, entry.to_status) == (disnaker_staff, "applied", "accepted")


def test_a_full_batch_refuses_another_acceptance_with_a_clear_message(apply, disnaker_staff):
    batch = BatchFactory(capacity=1)
    first, second = apply(batch), apply(batch)
    services.enrolment_accept(enrolment=first, actor=disnaker_staff)
    with pytest.raises(TrainingError) as exc:
        services.enrolment_accept(enrolment=second, actor=disnaker_staff)
    assert exc.value.code == "full" and "penuh" in exc.value.messages[0]
    second.refresh_from_db()
    assert second.status == S.APPLIED


def test_rejecting_needs_a_reason_and_the_seeker_sees_it(batch, apply, disnaker_staff):
    enrolment = apply(batch)
    with pytest.raises(TrainingError):
        services.enrolment_reject(enrolment=enrolment, actor=disnaker_staff, reason="  ")
    services.enrolment_reject(enrolment=enrolment, actor=disnaker_staff, reason="Kuota kecamatan sudah penuh")
    enrolment.refresh_from_db()
    assert enrolment.status == S.REJECTED and enrolment.status_reason == "Kuota kecamatan sudah penuh"


def test_bulk_accept_fills_the_seats_in_order_of_application_and_reports_the_rest(apply, disnaker_staff):
    batch = BatchFactory(capacity=3)
    enrolments = [apply(batch) for _ in range(5)]
    result = services.enrolment_bulk_decide(
        enrolments=Enrolment.objects.filter(batch=batch), decision="accept", actor=disnaker_staff
    )
    assert [e.pk for e in result.done] == [e.pk for e in enrolments[:3]]
    assert [e.pk for e, _message in result.refused] == [e.pk for e in enrolments[3:]]
    batch.refresh_from_db()
    assert batch.seats_taken == 3 == _seats_held(batch)


def test_bulk_reject_without_a_reason_changes_nothing(batch, apply, disnaker_staff):
    apply(batch)
    with pytest.raises(TrainingError):
        services.enrolment_bulk_decide(
            enrolments=Enrolment.objects.filter(batch=batch), decision="reject", actor=disnaker_staff
        )
    assert not Enrolment.objects.filter(status=S.REJECTED).exists()


def test_shortlisted_applicants_can_then_be_accepted(batch, apply, disnaker_staff):
    enrolment = apply(batch)
    services.enrolment_shortlist(enrolment=enrolment, actor=disnaker_staff)
    services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    enrolment.refresh_from_db()
    assert enrolment.status == S.ACCEPTED


def test_a_decision_cannot_be_made_twice(batch, apply, disnaker_staff):
    enrolment = apply(batch)
    services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    with pytest.raises(TrainingError):
        services.enrolment_shortlist(enrolment=enrolment, actor=disnaker_staff)


def test_a_withdrawal_promotes_the_first_waitlisted_applicant(apply, disnaker_staff):
    batch = BatchFactory(capacity=1)
    holder, first, second = apply(batch), apply(batch), apply(batch)
    services.enrolment_accept(enrolment=holder, actor=disnaker_staff)
    services.enrolment_waitlist(enrolment=first, actor=disnaker_staff)
    services.enrolment_waitlist(enrolment=second, actor=disnaker_staff)

    services.enrolment_withdraw(enrolment=holder, actor=holder.seeker.user)

    _refresh(holder, first, second, batch)
    assert (holder.status, first.status, second.status) == (S.WITHDRAWN, S.ACCEPTED, S.WAITLISTED)
    assert batch.seats_taken == 1 == _seats_held(batch)
    promoted = AuditLog.objects.get(object_id=first.pk, action="enrolment_promoted")
    assert promoted.actor is None and promoted.to_status == "accepted"


def test_rejection_after_acceptance_and_a_drop_before_the_start_also_free_the_seat(apply, disnaker_staff):
    batch = BatchFactory(capacity=1)
    holder, waiting, later = apply(batch), apply(batch), apply(batch)
    services.enrolment_accept(enrolment=holder, actor=disnaker_staff)
    services.enrolment_waitlist(enrolment=waiting, actor=disnaker_staff)
    services.enrolment_waitlist(enrolment=later, actor=disnaker_staff)

    services.enrolment_reject(enrolment=holder, actor=disnaker_staff, reason="Dokumen palsu")
    waiting.refresh_from_db()
    assert waiting.status == S.ACCEPTED

    services.enrolment_drop(enrolment=waiting, actor=disnaker_staff, reason="Tidak hadir saat daftar ulang")
    _refresh(later, batch)
    assert later.status == S.ACCEPTED
    assert batch.seats_taken == 1 == _seats_held(batch)


def test_local_residents_come_first_on_the_waitlist(apply, disnaker_staff):
    batch = BatchFactory(capacity=1)
    holder = apply(batch)
    outsider = apply(batch, outside=True)
    local = apply(batch)
    services.enrolment_accept(enrolment=holder, actor=disnaker_staff)
    services.enrolment_waitlist(enrolment=outsider, actor=disnaker_staff)  # waitlisted first...
    services.enrolment_waitlist(enrolment=local, actor=disnaker_staff)

    services.enrolment_withdraw(enrolment=holder, actor=holder.seeker.user)

    _refresh(outsider, local)
    assert local.status == S.ACCEPTED  # ...but the local resident gets the freed seat
    assert outsider.status == S.WAITLISTED


def test_a_bigger_capacity_gives_the_new_seats_to_the_waitlist(apply, disnaker_staff):
    batch = BatchFactory(capacity=1)
    holder, a, b, c = (apply(batch) for _ in range(4))
    services.enrolment_accept(enrolment=holder, actor=disnaker_staff)
    for enrolment in (a, b, c):
        services.enrolment_waitlist(enrolment=enrolment, actor=disnaker_staff)
    batch.refresh_from_db()
    batch.capacity = 3
    services.batch_save(batch=batch, actor=disnaker_staff)
    assert list(Enrolment.objects.filter(batch=batch).order_by("pk").values_list("status", flat=True)) == [
        S.ACCEPTED,
        S.ACCEPTED,
        S.ACCEPTED,
        S.WAITLISTED,
    ]


def test_a_stale_batch_form_cannot_overwrite_the_seat_count(apply, disnaker_staff):
    batch = BatchFactory(capacity=5)
    stale = Batch.objects.get(pk=batch.pk)  # a form loaded before the acceptances
    for enrolment in (apply(batch), apply(batch)):
        services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    stale.location = "Workshop 2"
    services.batch_save(batch=stale, actor=disnaker_staff)
    batch.refresh_from_db()
    assert (batch.seats_taken, batch.location) == (2, "Workshop 2")


def test_the_capacity_cannot_go_below_the_seats_taken(apply, disnaker_staff):
    batch = BatchFactory(capacity=2)
    for enrolment in (apply(batch), apply(batch)):
        services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    batch.refresh_from_db()
    batch.capacity = 1
    with pytest.raises(TrainingError):
        services.batch_save(batch=batch, actor=disnaker_staff)


def test_starting_a_batch_turns_accepted_into_trainees_and_tells_the_rest(apply, disnaker_staff, time_machine):
    batch = BatchFactory(capacity=1)
    accepted, waiting = apply(batch), apply(batch)
    services.enrolment_accept(enrolment=accepted, actor=disnaker_staff)
    services.enrolment_waitlist(enrolment=waiting, actor=disnaker_staff)
    with pytest.raises(TrainingError):
        services.batch_start(batch=batch, actor=disnaker_staff)  # not before the first day

    time_machine.move_to(batch.start_date)
    services.batch_start(batch=batch, actor=disnaker_staff)
    _refresh(accepted, waiting, batch)
    assert batch.status == Batch.Status.RUNNING
    assert accepted.status == S.ATTENDING
    assert waiting.status == S.REJECTED and waiting.status_reason


def test_cancelling_a_batch_releases_everyone_with_the_reason(apply, disnaker_staff):
    batch = BatchFactory()
    accepted, applied = apply(batch), apply(batch)
    services.enrolment_accept(enrolment=accepted, actor=disnaker_staff)
    services.batch_cancel(batch=batch, actor=disnaker_staff, reason="Instruktur berhalangan")
    _refresh(accepted, applied, batch)
    assert batch.status == Batch.Status.CANCELLED and batch.seats_taken == 0
    assert {accepted.status, applied.status} == {S.REJECTED}
    assert "Instruktur berhalangan" in accepted.status_reason


def test_a_batch_with_applicants_is_cancelled_not_unpublished(batch, apply, disnaker_staff):
    apply(batch)
    with pytest.raises(TrainingError):
        services.batch_unpublish(batch=batch, actor=disnaker_staff)


def test_finishing_waits_for_every_trainee_to_be_completed_or_dropped(apply, disnaker_staff, time_machine):
    batch = BatchFactory()
    enrolment = apply(batch)
    services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    time_machine.move_to(batch.start_date)
    services.batch_start(batch=batch, actor=disnaker_staff)
    with pytest.raises(TrainingError):
        services.batch_finish(batch=batch, actor=disnaker_staff)
    services.enrolment_complete(enrolment=enrolment, actor=disnaker_staff)
    services.batch_finish(batch=batch, actor=disnaker_staff)
    batch.refresh_from_db()
    assert batch.status == Batch.Status.FINISHED


def test_a_seeker_erasing_their_account_gives_their_seat_to_the_waitlist(apply, disnaker_staff):
    from seekers.models import DeletionRequest
    from seekers.services import deletion_carry_out

    batch = BatchFactory(capacity=1)
    holder, waiting = apply(batch), apply(batch)
    services.enrolment_accept(enrolment=holder, actor=disnaker_staff)
    services.enrolment_waitlist(enrolment=waiting, actor=disnaker_staff)
    request = DeletionRequest.objects.create(user=holder.seeker.user)

    deletion_carry_out(request=request, actor=disnaker_staff)

    _refresh(waiting, batch)
    assert not Enrolment.objects.filter(pk=holder.pk).exists()
    assert waiting.status == S.ACCEPTED
    assert batch.seats_taken == 1 == _seats_held(batch)
