import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core.models import AuditLog
from core.workflow import TransitionNotAllowed, transition
from tests.toyapp.models import Ticket


def _history(ticket):
    return list(
        AuditLog.objects.filter(content_type=ContentType.objects.get_for_model(Ticket), object_id=ticket.pk)
        .order_by("id")
        .values_list("from_status", "to_status", "reason")
    )


def test_an_allowed_move_saves_and_writes_an_audit_row(disnaker_staff):
    ticket = Ticket.objects.create()
    moved = transition(ticket, Ticket.Status.APPROVED, actor=disnaker_staff, updates={"decided_by_note": "ok"})
    ticket.refresh_from_db()
    assert moved.status == ticket.status == Ticket.Status.APPROVED
    assert ticket.decided_by_note == "ok"
    entry = AuditLog.objects.get()
    assert (entry.actor, entry.action, entry.from_status, entry.to_status) == (
        disnaker_staff,
        "status_change",
        "open",
        "approved",
    )


def test_a_move_not_in_the_table_is_refused_and_changes_nothing(disnaker_staff):
    ticket = Ticket.objects.create()
    with pytest.raises(TransitionNotAllowed):
        transition(ticket, Ticket.Status.CLOSED, actor=disnaker_staff)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN
    assert _history(ticket) == []


def test_the_helper_checks_the_stored_status_not_a_stale_copy(disnaker_staff):
    ticket = Ticket.objects.create()
    stale = Ticket.objects.get(pk=ticket.pk)
    transition(ticket, Ticket.Status.REJECTED, actor=disnaker_staff, reason="incomplete")
    # The stale copy still says "open", but the row is "rejected": approving must fail.
    with pytest.raises(TransitionNotAllowed):
        transition(stale, Ticket.Status.APPROVED, actor=disnaker_staff)
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.REJECTED


def test_a_decision_that_needs_a_reason_is_refused_without_one(disnaker_staff):
    ticket = Ticket.objects.create()
    with pytest.raises(TransitionNotAllowed) as excinfo:
        transition(ticket, Ticket.Status.REJECTED, actor=disnaker_staff, reason="   ")
    assert excinfo.value.code == "reason_required"
    transition(ticket, Ticket.Status.REJECTED, actor=disnaker_staff, reason="documents missing")
    assert _history(ticket) == [("open", "rejected", "documents missing")]


def test_a_row_the_caller_already_locked_is_moved_without_reading_it_again(
    disnaker_staff, django_assert_num_queries
):
    ticket = Ticket.objects.create()
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        # the savepoint, the UPDATE of the ticket, the audit row's INSERT, the savepoint's release:
        # no second SELECT ... FOR UPDATE of the ticket
        with django_assert_num_queries(4) as queries:
            moved = transition(locked, Ticket.Status.APPROVED, actor=disnaker_staff, locked=True)
    assert moved is locked
    assert not any(q["sql"].startswith("SELECT") for q in queries.captured_queries)
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.APPROVED


def test_a_locked_row_is_still_checked_against_the_table(disnaker_staff):
    ticket = Ticket.objects.create()
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        with pytest.raises(TransitionNotAllowed):
            transition(locked, Ticket.Status.CLOSED, actor=disnaker_staff, locked=True)
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.OPEN
    assert _history(ticket) == []


@pytest.mark.django_db(transaction=True)
def test_a_row_claimed_locked_outside_any_transaction_is_refused(disnaker_staff):
    ticket = Ticket.objects.create()
    with pytest.raises(RuntimeError):
        transition(ticket, Ticket.Status.APPROVED, actor=disnaker_staff, locked=True)
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.OPEN


def test_a_move_that_rolls_back_leaves_neither_status_nor_history(disnaker_staff):
    ticket = Ticket.objects.create()
    with pytest.raises(RuntimeError), transaction.atomic():
        transition(ticket, Ticket.Status.APPROVED, actor=disnaker_staff)
        raise RuntimeError("something later in the same request failed")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN
    assert _history(ticket) == []


def test_system_jobs_are_audited_without_an_actor(db):
    ticket = Ticket.objects.create()
    transition(ticket, Ticket.Status.APPROVED, actor=None)
    assert AuditLog.objects.get().actor is None


def test_a_refused_move_names_the_statuses_as_people_read_them(disnaker_staff):
    ticket = Ticket.objects.create()
    with pytest.raises(TransitionNotAllowed) as excinfo:
        transition(ticket, Ticket.Status.CLOSED, actor=disnaker_staff)
    assert excinfo.value.params == {"from": "Open", "to": "Closed"}
