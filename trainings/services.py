"""Every write to training data goes through here.

Seats: every function that can take or free a seat of a batch (apply in first-come batches,
accept, promote, reject, withdraw, drop, start, cancel, a capacity change, an erased account)
first locks the batch row with `select_for_update()` inside its transaction, then moves
enrolments with `_move()`, which adjusts `Batch.seats_taken` with a conditional UPDATE. One lock,
always taken first, for every writer: concurrent clicks queue behind each other instead of all
reading "one seat left" (RELIABILITY.md measured 18 to 33 of 40 getting into a 5-seat batch
without it), and the lock order (batch, then enrolment) is the same everywhere, so writers cannot
deadlock. The CHECK constraint `trainings_batch_seats_within_capacity` is the last line of defence.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.services import audit, next_serial
from core.workflow import TransitionNotAllowed, transition
from seekers import sections

from . import notifying
from .eligibility import eligibility_problems
from .models import (
    Attendance,
    Batch,
    BusinessOutcome,
    Certificate,
    Enrolment,
    Program,
    Session,
)

S = Enrolment.Status


class TrainingError(ValidationError):
    """A refused training action, with a message for the person who tried it."""


def _lock_batch(batch_id) -> Batch:
    # of=("self",): lock the batch only, not the programme and provider rows joined for display.
    return Batch.objects.select_for_update(of=("self",)).select_related("program__provider").get(pk=batch_id)


def _refusal(obj, exc: TransitionNotAllowed) -> TrainingError:
    """The workflow's refusal, with a message that names the current status in words."""
    if exc.code == "reason_required":
        return TrainingError(exc.messages, code="reason_required")
    return TrainingError(
        _("Not possible while the status is “%(status)s”.") % {"status": obj.get_status_display()},
        code="transition_not_allowed",
    )


def _transition(obj, to_status, **kwargs):
    """`transition()` of a row this transaction already holds locked (the batch by `_lock_batch`,
    an enrolment by `_move`): no second lock, one check, trainings' wording on a refusal."""
    try:
        return transition(obj, to_status, locked=True, **kwargs)
    except TransitionNotAllowed as exc:
        raise _refusal(obj, exc) from None


def _batch_transition(batch, to_status, *, actor, reason="", updates=None, action):
    return _transition(batch, to_status, actor=actor, reason=reason, updates=updates, action=action)


def _move(enrolment, to_status, *, batch: Batch, actor, reason="", updates=None, action="status_change"):
    """Move one enrolment of the locked `batch`, keeping `batch.seats_taken` equal to the seats held.

    Returns (moved enrolment, whether a seat was freed)."""
    assert enrolment.batch_id == batch.pk
    current = Enrolment.objects.select_for_update(of=("self",)).select_related("seeker__user").get(pk=enrolment.pk)
    allowed = Enrolment.workflow.can(current.status, to_status)
    takes = to_status in Enrolment.SEAT_STATUSES and current.status not in Enrolment.SEAT_STATUSES
    frees = current.status in Enrolment.SEAT_STATUSES and to_status not in Enrolment.SEAT_STATUSES
    # A move that is not allowed is refused by _transition with its own message, before this one.
    if allowed and takes and batch.is_full:
        raise TrainingError(_("The batch is full: no seat left."), code="full")
    moved = _transition(current, to_status, actor=actor, reason=reason, updates=updates, action=action)
    if takes:
        # Under the batch lock this always succeeds; the condition guards against a writer that
        # forgot the lock (and the CHECK constraint against one that forgot both).
        if not Batch.objects.filter(pk=batch.pk, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1
        ):
            raise TrainingError(_("The batch is full: no seat left."), code="full")
        batch.seats_taken += 1
    elif frees:
        Batch.objects.filter(pk=batch.pk, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
        batch.seats_taken -= 1
    moved.batch, moved.seeker = batch, current.seeker
    return moved, frees


def _require_open_for_decisions(batch):
    if batch.status != Batch.Status.PUBLISHED:
        raise TrainingError(
            _("Decisions on seats are made while the batch is published and has not started."), code="batch_state"
        )


def _promote(batch: Batch, *, count=1) -> list[Enrolment]:
    """Give up to `count` free seats of the locked `batch` to the first on its waitlist."""
    promoted = []
    if batch.status != Batch.Status.PUBLISHED:
        return promoted
    while len(promoted) < count and not batch.is_full:
        first = Enrolment.objects.filter(batch=batch).waitlist().select_related("seeker__user").first()
        if first is None:
            break
        moved, _freed = _move(
            first,
            S.ACCEPTED,
            batch=batch,
            actor=None,
            updates={"decided_at": timezone.now(), "status_reason": ""},
            action="enrolment_promoted",
        )
        notifying.enrolment_promoted(moved)
        promoted.append(moved)
    return promoted


# --- Applying and withdrawing -------------------------------------------------------------------


def enrolment_apply(*, batch: Batch, seeker, actor, motivation="") -> Enrolment:
    """A job seeker applies for a batch. In first-come batches the seat is given (or the waitlist
    place) at once; otherwise staff decide."""
    problems = eligibility_problems(seeker=seeker, batch=batch)
    if problems:
        raise TrainingError(problems)
    try:
        with transaction.atomic():
            batch = _lock_batch(batch.pk)
            problems = eligibility_problems(seeker=seeker, batch=batch)  # the window may have just closed
            if problems:
                raise TrainingError(problems)
            previous = set(Enrolment.objects.filter(batch=batch, seeker=seeker).values_list("status", flat=True))
            if previous & set(Enrolment.ACTIVE_STATUSES):
                raise TrainingError(_("You have already applied for this batch."), code="duplicate")
            if S.REJECTED in previous:
                raise TrainingError(_("You were not accepted for this batch."), code="rejected_before")
            enrolment = Enrolment.objects.create(
                batch=batch, seeker=seeker, local_resident=seeker.is_local, motivation=motivation[:500]
            )
            audit(actor=actor, obj=enrolment, action="enrolment_applied", to_status=enrolment.status)
            enrolment.batch = batch
            if batch.admission == Batch.Admission.FIRST_COME:
                if batch.is_full:
                    enrolment = _waitlist(enrolment, batch=batch, actor=None)
                else:
                    enrolment = _accept(enrolment, batch=batch, actor=None)
            else:
                notifying.enrolment_applied(enrolment)
    except IntegrityError:
        # The same person's double click: the partial unique constraint keeps one application.
        raise TrainingError(_("You have already applied for this batch."), code="duplicate") from None
    return enrolment


def enrolment_withdraw(*, enrolment: Enrolment, actor) -> Enrolment:
    """The seeker withdraws before the batch starts; a seat they held goes to the waitlist."""
    with transaction.atomic():
        batch = _lock_batch(enrolment.batch_id)
        if batch.status != Batch.Status.PUBLISHED or timezone.localdate() >= batch.start_date:
            raise TrainingError(
                _("The batch has started; please tell the training provider that you are stopping."),
                code="started",
            )
        moved, freed = _move(enrolment, S.WITHDRAWN, batch=batch, actor=actor, action="enrolment_withdrawn")
        if freed:
            _promote(batch)
    return moved


def enrolment_release_on_delete(*, enrolment):
    """An enrolment is being deleted, with its seeker's account (UU PDP erasure): give its seat
    back and promote the waitlist, as a withdrawal would. Connected to `pre_delete` (apps.py),
    inside the deletion's transaction."""
    batch = _lock_batch(enrolment.batch_id)
    status = Enrolment.objects.filter(pk=enrolment.pk).values_list("status", flat=True).first()
    if status not in Enrolment.SEAT_STATUSES:
        return
    Batch.objects.filter(pk=batch.pk, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
    batch.seats_taken -= 1
    audit(actor=None, obj=enrolment, action="enrolment_deleted", from_status=status)
    _promote(batch)


# --- Selection ----------------------------------------------------------------------------------


def _shortlist(enrolment, *, batch, actor, reason=""):
    _require_open_for_decisions(batch)
    moved, _freed = _move(enrolment, S.SHORTLISTED, batch=batch, actor=actor, action="enrolment_shortlisted")
    notifying.enrolment_shortlisted(moved)
    return moved


def _accept(enrolment, *, batch, actor, reason=""):
    _require_open_for_decisions(batch)
    moved, _freed = _move(
        enrolment,
        S.ACCEPTED,
        batch=batch,
        actor=actor,
        updates={"decided_at": timezone.now(), "status_reason": ""},
        action="enrolment_accepted",
    )
    notifying.enrolment_accepted(moved)
    return moved


def _waitlist(enrolment, *, batch, actor, reason=""):
    _require_open_for_decisions(batch)
    now = timezone.now()
    moved, _freed = _move(
        enrolment,
        S.WAITLISTED,
        batch=batch,
        actor=actor,
        updates={"decided_at": now, "waitlisted_at": now},
        action="enrolment_waitlisted",
    )
    notifying.enrolment_waitlisted(moved)
    return moved


def _reject(enrolment, *, batch, actor, reason=""):
    moved, freed = _move(
        enrolment,
        S.REJECTED,
        batch=batch,
        actor=actor,
        reason=reason,
        updates={"decided_at": timezone.now(), "status_reason": reason.strip()[:500]},
        action="enrolment_rejected",
    )
    notifying.enrolment_rejected(moved)
    if freed:
        _promote(batch)
    return moved


DECISIONS = {"shortlist": _shortlist, "accept": _accept, "waitlist": _waitlist, "reject": _reject}


def _decide_one(decision, *, enrolment, actor, reason=""):
    with transaction.atomic():
        batch = _lock_batch(enrolment.batch_id)
        return DECISIONS[decision](enrolment, batch=batch, actor=actor, reason=reason)


def enrolment_shortlist(*, enrolment, actor):
    return _decide_one("shortlist", enrolment=enrolment, actor=actor)


def enrolment_accept(*, enrolment, actor):
    return _decide_one("accept", enrolment=enrolment, actor=actor)


def enrolment_waitlist(*, enrolment, actor):
    return _decide_one("waitlist", enrolment=enrolment, actor=actor)


def enrolment_reject(*, enrolment, actor, reason):
    return _decide_one("reject", enrolment=enrolment, actor=actor, reason=reason)


@dataclass
class BulkResult:
    done: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # [(enrolment, message)]


def enrolment_bulk_decide(*, enrolments, decision, actor, reason="") -> BulkResult:
    """Shortlist, accept, waitlist or reject many applicants at once, batch by batch, in the
    order they applied. What cannot be done (no seat left, a decision already made) is reported
    per person; the rest is done."""
    if decision not in DECISIONS:
        raise TrainingError(_("Unknown decision."), code="unknown_decision")
    if decision == "reject" and not reason.strip():
        raise TrainingError(_("A reason is required for this decision."), code="reason_required")
    result = BulkResult()
    chosen = list(enrolments.select_related("seeker").order_by("batch_id", "applied_at", "pk"))
    with transaction.atomic():
        batches = {}
        for enrolment in chosen:
            if enrolment.batch_id not in batches:  # ascending ids: the same lock order for every bulk run
                batches[enrolment.batch_id] = _lock_batch(enrolment.batch_id)
            batch = batches[enrolment.batch_id]
            try:
                with transaction.atomic():
                    result.done.append(DECISIONS[decision](enrolment, batch=batch, actor=actor, reason=reason))
            except ValidationError as exc:
                result.refused.append((enrolment, " ".join(exc.messages)))
    return result


# --- During and after the training ---------------------------------------------------------------


def enrolment_drop(*, enrolment, actor, reason) -> Enrolment:
    """An accepted person who does not turn up, or a trainee who stops. Before the start the seat
    goes to the waitlist."""
    with transaction.atomic():
        batch = _lock_batch(enrolment.batch_id)
        moved, freed = _move(
            enrolment,
            S.DROPPED,
            batch=batch,
            actor=actor,
            reason=reason,
            updates={"status_reason": (reason or "").strip()[:500]},
            action="enrolment_dropped",
        )
        notifying.enrolment_dropped(moved)
        if freed:
            _promote(batch)
    return moved


def _next_certificate_number(year) -> str:
    return f"3216-PLT-{year}-{next_serial(name='certificate', year=year):06d}"


def enrolment_complete(*, enrolment, actor) -> Enrolment:
    """A trainee completes the programme: a certificate with a verifiable number is issued."""
    today = timezone.localdate()
    with transaction.atomic():
        batch = _lock_batch(enrolment.batch_id)
        moved, _freed = _move(
            enrolment,
            S.COMPLETED,
            batch=batch,
            actor=actor,
            updates={"completed_at": timezone.now()},
            action="enrolment_completed",
        )
        certificate = Certificate.objects.create(
            enrolment=moved, number=_next_certificate_number(today.year), issued_on=today
        )
        audit(actor=actor, obj=certificate, action="certificate_issued")
        notifying.enrolment_completed(moved, certificate)
    return moved


def enrolment_record_scores(*, enrolment, pre_test_score, post_test_score, actor) -> Enrolment:
    for score in (pre_test_score, post_test_score):
        if score is not None and not 0 <= score <= 100:
            raise TrainingError(_("Scores are between 0 and 100."), code="score_range")
    with transaction.atomic():
        current = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if current.status not in (S.ACCEPTED, S.ATTENDING, S.COMPLETED):
            raise TrainingError(_("Scores are recorded for accepted trainees only."), code="not_trainee")
        current.pre_test_score, current.post_test_score = pre_test_score, post_test_score
        current.save(update_fields=["pre_test_score", "post_test_score", "updated_at"])
        audit(actor=actor, obj=current, action="scores_recorded")
    enrolment.pre_test_score, enrolment.post_test_score = pre_test_score, post_test_score
    return enrolment


def session_add(*, batch: Batch, day: date, topic="", actor) -> Session:
    if batch.status not in (Batch.Status.PUBLISHED, Batch.Status.RUNNING):
        raise TrainingError(_("Sessions are added to published or running batches."), code="batch_state")
    if not batch.start_date <= day <= batch.end_date:
        raise TrainingError(_("The session must fall between the batch's first and last day."), code="out_of_range")
    try:
        with transaction.atomic():
            session = Session.objects.create(batch=batch, date=day, topic=topic)
            audit(actor=actor, obj=session, action="session_added")
    except IntegrityError:
        raise TrainingError(_("There is already a session on that day."), code="duplicate") from None
    return session


def attendance_record(*, session: Session, marks: dict, actor) -> int:
    """Save the register of one session: {enrolment id: Attendance.Status}. Only trainees of the
    session's batch count; returns how many marks were saved."""
    trainees = set(
        Enrolment.objects.filter(
            batch=session.batch_id, status__in=(S.ATTENDING, S.COMPLETED, S.DROPPED), pk__in=list(marks)
        ).values_list("pk", flat=True)
    )
    rows = [
        Attendance(session=session, enrolment_id=pk, status=status)
        for pk, status in marks.items()
        if pk in trainees and status in Attendance.Status.values
    ]
    with transaction.atomic():
        Attendance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["session", "enrolment"],
            update_fields=["status", "recorded_at"],
        )
        audit(actor=actor, obj=session, action="attendance_recorded")
    return len(rows)


def outcome_check(*, enrolment):
    if enrolment.batch.program.category != Program.Category.ENTREPRENEURSHIP:
        raise TrainingError(_("Business outcomes are recorded for entrepreneurship tracks only."), code="category")
    if enrolment.status != S.COMPLETED:
        raise TrainingError(_("Business outcomes are recorded for graduates only."), code="not_completed")


def outcome_record(
    *, enrolment, started, kind="", business_name="", registration_number="", note="", actor
) -> BusinessOutcome:
    """The business outcome of an entrepreneurship graduate (asked six months after completion)."""
    if not started:
        kind = business_name = registration_number = ""
    elif not kind:
        raise TrainingError(_("Say what kind of business was started."), code="kind_required")
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",)).select_related("batch__program").get(pk=enrolment.pk)
        )
        outcome_check(enrolment=enrolment)
        outcome, _created = BusinessOutcome.objects.update_or_create(
            enrolment=enrolment,
            defaults={
                "started": started,
                "kind": kind,
                "business_name": business_name,
                "registration_number": registration_number.strip(),
                "note": note,
                "recorded_by": actor,
            },
        )
        audit(actor=actor, obj=outcome, action="outcome_recorded")
    return outcome


def certificate_revoke(*, certificate: Certificate, reason, actor) -> Certificate:
    if not (reason or "").strip():
        raise TrainingError(_("A reason is required for this decision."), code="reason_required")
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason.strip()[:255]
        )
        if not updated:
            raise TrainingError(_("This certificate is already revoked."), code="already_revoked")
        audit(actor=actor, obj=certificate, action="certificate_revoked", reason=reason)
        sections.seeker_changed(certificate.enrolment.seeker_id)  # an update(): no post_save
    certificate.refresh_from_db()
    return certificate


# --- Batches ------------------------------------------------------------------------------------

# Fields a batch form may change; status and seats_taken move only through the functions here.
BATCH_EDITABLE_FIELDS = [
    "program",
    "name",
    "admission",
    "start_date",
    "end_date",
    "schedule",
    "location",
    "kecamatan",
    "capacity",
    "registration_opens",
    "registration_closes",
]


def batch_save(*, batch: Batch, actor) -> Batch:
    """Create or edit a batch (the admin's form). The seat counter and the status are never taken
    from the form: a form loaded before a burst of acceptances would write back a stale count."""
    with transaction.atomic():
        if batch.pk is None:
            batch.seats_taken = 0
            batch.status = Batch.Status.DRAFT
            batch.full_clean()
            batch.save()
            audit(actor=actor, obj=batch, action="batch_created")
            return batch
        locked = _lock_batch(batch.pk)
        if batch.capacity < locked.seats_taken:
            raise TrainingError(
                _("The batch already has %(n)s accepted trainees; the capacity cannot be lower.")
                % {"n": locked.seats_taken},
                code="capacity",
            )
        grown = batch.capacity - locked.capacity
        for name in BATCH_EDITABLE_FIELDS:
            setattr(locked, name, getattr(batch, name))
        locked.full_clean()
        locked.save(update_fields=[*BATCH_EDITABLE_FIELDS, "updated_at"])
        audit(actor=actor, obj=locked, action="batch_changed")
        if grown > 0:
            _promote(locked, count=grown)
    batch.seats_taken, batch.status = locked.seats_taken, locked.status
    return locked


def batch_publish(*, batch, actor):
    with transaction.atomic():
        batch = _lock_batch(batch.pk)
        return _batch_transition(batch, Batch.Status.PUBLISHED, actor=actor, action="batch_published")


def batch_unpublish(*, batch, actor):
    with transaction.atomic():
        batch = _lock_batch(batch.pk)
        if Enrolment.objects.filter(batch=batch).active().exists():
            raise TrainingError(
                _("People have applied for this batch: cancel it (with a reason) instead of unpublishing it."),
                code="has_applicants",
            )
        return _batch_transition(batch, Batch.Status.DRAFT, actor=actor, action="batch_unpublished")


def batch_start(*, batch, actor) -> Batch:
    """The first day: accepted people become trainees; those still waiting are told there was no seat."""
    with transaction.atomic():
        batch = _lock_batch(batch.pk)
        if timezone.localdate() < batch.start_date:
            raise TrainingError(
                _("This batch starts on %(date)s.") % {"date": formats.date_format(batch.start_date, "j F Y")},
                code="too_early",
            )
        batch.status = _batch_transition(batch, Batch.Status.RUNNING, actor=actor, action="batch_started").status
        for enrolment in Enrolment.objects.filter(batch=batch).order_by("pk"):
            if enrolment.status == S.ACCEPTED:
                _move(enrolment, S.ATTENDING, batch=batch, actor=actor, action="enrolment_attending")
            elif enrolment.status in Enrolment.UNDECIDED_STATUSES:
                _reject(enrolment, batch=batch, actor=actor, reason=_("The batch has started and no seat became free."))
    return batch


def batch_finish(*, batch, actor) -> Batch:
    with transaction.atomic():
        batch = _lock_batch(batch.pk)
        attending = Enrolment.objects.filter(batch=batch, status=S.ATTENDING).count()
        if attending:
            raise TrainingError(
                _("%(n)s trainees are still attending: record their completion or drop-out first.") % {"n": attending},
                code="still_attending",
            )
        return _batch_transition(batch, Batch.Status.FINISHED, actor=actor, action="batch_finished")


def batch_cancel(*, batch, actor, reason) -> Batch:
    """Cancel a batch that has not started; everyone still in it is told why."""
    with transaction.atomic():
        batch = _lock_batch(batch.pk)
        batch.status = _batch_transition(
            batch,
            Batch.Status.CANCELLED,
            actor=actor,
            reason=reason,
            updates={"status_reason": (reason or "").strip()[:255]},
            action="batch_cancelled",
        ).status
        message = _("The batch was cancelled: %(reason)s") % {"reason": reason.strip()}
        for enrolment in Enrolment.objects.filter(batch=batch, status__in=(*Enrolment.UNDECIDED_STATUSES, S.ACCEPTED)):
            _reject(enrolment, batch=batch, actor=actor, reason=message)
    return batch
