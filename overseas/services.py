"""Every write to internship data goes through here.

Locks: a writer that can take or free a place of an intake (apply, fail a stage, withdraw) locks
the intake row first, then the candidacy row; a writer that records a stage locks the same two
in the same order. So two clerks recording the same candidate's stage at once queue behind
each other: the second sees the stage already recorded (or its predecessor missing) and is
refused, and lock order is the same everywhere, so writers cannot deadlock. The quota counter
`Intake.candidates_count` changes only under the intake lock, with a conditional UPDATE, behind
the CHECK constraint `overseas_intake_candidates_within_quota`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.services import audit
from core.workflow import TransitionNotAllowed, transition
from placements import services as placement_services
from placements.models import Placement

from . import notifying, selectors
from .eligibility import eligibility_problems, seekers_for_eligibility
from .models import (
    Candidacy,
    CandidateDocument,
    DataTransfer,
    Deployment,
    Intake,
    IntakeStage,
    ReturnRecord,
    StageResult,
)

S = Candidacy.Status


class OverseasError(ValidationError):
    """A refused internship action, with a message for the person who tried it."""


def _date(value):
    return formats.date_format(value, "j F Y")


def _lock_intake(intake_id) -> Intake:
    return Intake.objects.select_for_update(of=("self",)).select_related("scheme", "organisation").get(pk=intake_id)


def _lock_candidacy(candidacy_id) -> Candidacy:
    return (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("seeker__user", "intake", "next_stage")
        .get(pk=candidacy_id)
    )


def _move(candidacy, to_status, *, actor, reason="", updates=None, action="status_change"):
    try:
        Candidacy.workflow.check(candidacy.status, to_status, reason)
    except TransitionNotAllowed as exc:
        if exc.code == "reason_required":
            raise OverseasError(exc.messages, code="reason_required") from None
        raise OverseasError(
            _("Not possible while the candidacy is “%(status)s”.") % {"status": candidacy.get_status_display()},
            code="transition_not_allowed",
        ) from None
    moved = transition(candidacy, to_status, actor=actor, reason=reason, updates=updates, action=action)
    moved.seeker, moved.intake = candidacy.seeker, candidacy.intake
    return moved


def _free_place(intake):
    Intake.objects.filter(pk=intake.pk, candidates_count__gt=0).update(candidates_count=F("candidates_count") - 1)
    selectors.forget_public_pages()  # the public pages show the places left


# --- Applying and withdrawing -------------------------------------------------------------------


def candidacy_apply(*, intake, seeker, height_cm, weight_kg, actor, day=None) -> Candidacy:
    """A job seeker applies for an intake; every failing rule is reported at once."""
    day = day or timezone.localdate()
    try:
        with transaction.atomic():
            intake = _lock_intake(intake.pk)
            seeker = seekers_for_eligibility().get(pk=seeker.pk)
            # Checked under the lock: the window may have just closed, the last place just gone.
            problems = eligibility_problems(
                seeker=seeker, intake=intake, day=day, height_cm=height_cm, weight_kg=weight_kg
            )
            if problems:
                raise OverseasError(problems)
            first_stage = intake.stages.order_by("position").first()
            candidacy = Candidacy.objects.create(
                intake=intake,
                seeker=seeker,
                height_cm=height_cm,
                weight_kg=weight_kg,
                local_resident=seeker.is_local,
                next_stage=first_stage,
                status=S.APPLIED,
            )
            if not Intake.objects.filter(pk=intake.pk, candidates_count__lt=F("quota")).update(
                candidates_count=F("candidates_count") + 1
            ):
                raise OverseasError(_("This intake is full."), code="full")
            selectors.forget_public_pages()  # the public pages show the places left
            audit(actor=actor, obj=candidacy, action="candidacy_applied", to_status=S.APPLIED)
            candidacy.intake = intake
            notifying.candidacy_applied(candidacy)
    except IntegrityError:
        # The partial unique constraint: a double click, or two tabs, raced past the check.
        raise OverseasError(
            _("You already have an internship candidacy in progress; one at a time."), code="duplicate"
        ) from None
    return candidacy


def candidacy_withdraw(*, candidacy, reason, actor) -> Candidacy:
    """The seeker (before departure) or staff end a candidacy; its place is given back."""
    with transaction.atomic():
        intake = _lock_intake(candidacy.intake_id)
        current = _lock_candidacy(candidacy.pk)
        moved = _move(
            current,
            S.WITHDRAWN,
            actor=actor,
            reason=reason,
            updates={"status_reason": reason, "next_stage": None},
            action="candidacy_withdrawn",
        )
        _free_place(intake)
    return moved


def candidacy_release_on_delete(*, candidacy):
    """A candidacy is being deleted with its seeker's account (UU PDP erasure): give its place
    back. Connected to `pre_delete` (apps.py), inside the deletion's transaction."""
    intake = _lock_intake(candidacy.intake_id)
    status = Candidacy.objects.filter(pk=candidacy.pk).values_list("status", flat=True).first()
    if status in Candidacy.ACTIVE_STATUSES:
        _free_place(intake)
        audit(actor=None, obj=candidacy, action="candidacy_deleted", from_status=status)


# --- Stages -------------------------------------------------------------------------------------


@dataclass
class ResultLine:
    """One result to record: which candidacy, passed or failed, score and note."""

    candidacy_id: int
    result: str
    score: Decimal | None = None
    note: str = ""
    line: int | None = None  # the number to report it under (a spreadsheet's row); else its place


def _record_locked(*, candidacy: Candidacy, stage: IntakeStage, held_on: date, result, score, note, actor, today):
    """Record `stage` for the locked `candidacy` (its intake locked too). Raises OverseasError."""
    if candidacy.intake_id != stage.intake_id:
        raise OverseasError(_("This stage belongs to another intake."), code="wrong_intake")
    if candidacy.status not in Candidacy.SELECTION_STATUSES:
        raise OverseasError(
            _("This candidacy is no longer in selection (“%(status)s”).") % {"status": candidacy.get_status_display()},
            code="not_in_selection",
        )
    expected = candidacy.next_stage
    if expected is None or stage.position < expected.position:
        raise OverseasError(
            _("“%(stage)s” is already recorded for this candidate.") % {"stage": stage.name}, code="recorded"
        )
    if stage.pk != expected.pk:
        raise OverseasError(
            _("“%(stage)s” cannot be recorded before “%(expected)s”: stages are recorded in order.")
            % {"stage": stage.name, "expected": expected.name},
            code="out_of_order",
        )
    if result not in StageResult.Result.values:
        raise OverseasError(_("Choose passed or failed."), code="result")
    if held_on > today:
        raise OverseasError(_("The date of a stage cannot be in the future."), code="future")
    applied_on = timezone.localdate(candidacy.applied_at)
    if held_on < applied_on:
        raise OverseasError(
            _("The date is before the registration (%(date)s).") % {"date": _date(applied_on)}, code="date_order"
        )
    previous = candidacy.results.order_by("-stage__position").values_list("held_on", flat=True).first()
    if previous is not None and held_on < previous:
        raise OverseasError(
            _("The date is before the previous stage (%(date)s).") % {"date": _date(previous)}, code="date_order"
        )
    if score is not None and not (Decimal(0) <= score <= Decimal(100)):
        raise OverseasError(_("A score is between 0 and 100."), code="score")
    note = (note or "").strip()
    if result == StageResult.Result.FAILED and not note:
        raise OverseasError(_("Give the reason for a failed stage in the note."), code="reason_required")
    StageResult.objects.create(
        candidacy=candidacy, stage=stage, held_on=held_on, result=result, score=score, note=note, recorded_by=actor
    )
    audit(actor=actor, obj=candidacy, action=f"stage_{result}", reason=f"{stage.position}. {stage.name}")
    if result == StageResult.Result.FAILED:
        reason = _("Did not pass “%(stage)s”: %(note)s") % {"stage": stage.name, "note": note}
        moved = _move(
            candidacy,
            S.FAILED,
            actor=actor,
            reason=reason[:255],
            updates={"status_reason": reason[:255], "next_stage": None},
            action="candidacy_failed",
        )
        _free_place(candidacy.intake)
        notifying.stage_failed(moved, stage=stage, note=note)
        return moved
    following = stage.intake.stages.filter(position__gt=stage.position).order_by("position").first()
    if following is None:
        moved = _move(
            candidacy,
            S.PASSED,
            actor=actor,
            updates={"next_stage": None, "passed_on": held_on},
            action="candidacy_passed",
        )
        notifying.selection_passed(moved)
        return moved
    if candidacy.status == S.APPLIED:
        moved = _move(
            candidacy, S.IN_SELECTION, actor=actor, updates={"next_stage": following}, action="candidacy_in_selection"
        )
    else:
        candidacy.next_stage = following
        candidacy.save(update_fields=["next_stage", "updated_at"])
        moved = candidacy
    notifying.stage_passed(moved, stage=stage, following=following)
    return moved


def stage_record(*, candidacy, stage, held_on, result, score=None, note="", actor) -> Candidacy:
    """Record one stage's result for one candidate: in order, once, even with two clerks at once."""
    with transaction.atomic():
        _lock_intake(candidacy.intake_id)
        current = _lock_candidacy(candidacy.pk)
        stage = IntakeStage.objects.select_related("intake").get(pk=stage.pk)
        return _record_locked(
            candidacy=current,
            stage=stage,
            held_on=held_on,
            result=result,
            score=score,
            note=note,
            actor=actor,
            today=timezone.localdate(),
        )


class BulkResultError(OverseasError):
    """A bulk recording refused as a whole; `lines` maps each bad line number to its messages."""

    def __init__(self, lines: dict[int, list[str]]):
        self.lines = lines
        super().__init__(
            [
                _("Line %(line)s: %(message)s") % {"line": line, "message": " ".join(messages)}
                for line, messages in sorted(lines.items())
            ],
            code="bulk",
        )


def stage_record_bulk(*, stage, held_on, lines: list[ResultLine], actor) -> list[Candidacy]:
    """Record a test day's results for many candidates: all of them, or (one bad line) none.

    Lines are numbered from 1 in the order given (the form's rows) unless they carry their own
    number (a spreadsheet's row); every bad line is reported, not only the first."""
    today = timezone.localdate()
    errors: dict[int, list[str]] = {}
    seen: dict[int, int] = {}
    numbered = [(line.line or index, line) for index, line in enumerate(lines, start=1)]
    for number, line in numbered:
        if line.candidacy_id in seen:
            errors.setdefault(number, []).append(
                _("the same candidate as line %(line)s.") % {"line": seen[line.candidacy_id]}
            )
        seen.setdefault(line.candidacy_id, number)
    if not lines:
        raise OverseasError(_("No results to record: fill in at least one line."), code="empty")
    recorded = []
    with transaction.atomic():
        intake = _lock_intake(stage.intake_id)
        stage = IntakeStage.objects.select_related("intake").get(pk=stage.pk)
        found = {
            c.pk: c
            for c in Candidacy.objects.select_for_update(of=("self",))
            .select_related("seeker__user", "next_stage")
            .filter(pk__in=list(seen), intake=intake)
            .order_by("pk")  # one lock order for every bulk writer
        }
        for number, line in numbered:
            if number in errors:
                continue
            candidacy = found.get(line.candidacy_id)
            if candidacy is None:
                errors[number] = [_("no candidate with this number in this intake.")]
                continue
            candidacy.intake = intake
            try:
                # A savepoint per line: a refused line leaves nothing behind, and the others
                # are still checked, so that every bad line is reported at once.
                with transaction.atomic():
                    recorded.append(
                        _record_locked(
                            candidacy=candidacy,
                            stage=stage,
                            held_on=held_on,
                            result=line.result,
                            score=line.score,
                            note=line.note,
                            actor=actor,
                            today=today,
                        )
                    )
            except OverseasError as exc:
                errors[number] = exc.messages
        if errors:
            raise BulkResultError(errors)
    return recorded


def stage_schedule(*, stage, day, place="", actor) -> IntakeStage:
    """Set the day (and place) of a stage; candidates waiting for it are reminded by the daily job."""
    with transaction.atomic():
        locked = IntakeStage.objects.select_for_update().get(pk=stage.pk)
        locked.scheduled_on, locked.place = day, place
        locked.save(update_fields=["scheduled_on", "place"])
        audit(actor=actor, obj=locked, action="stage_scheduled", reason=f"{day:%Y-%m-%d} {place}"[:255])
    return locked


# --- Documents ----------------------------------------------------------------------------------


def document_save(*, candidacy, kind, number, issued_on, expires_on=None, actor) -> CandidateDocument:
    """Record (or correct) a candidate's passport, medical certificate, CoE, visa or contract."""
    if expires_on is not None and expires_on <= issued_on:
        raise OverseasError(_("A document expires after it is issued."), code="expiry")
    with transaction.atomic():
        current = _lock_candidacy(candidacy.pk)
        if current.status not in (S.APPLIED, S.IN_SELECTION, S.PASSED, S.DEPARTED):
            raise OverseasError(_("This candidacy has ended."), code="ended")
        document, _created = CandidateDocument.objects.update_or_create(
            candidacy=current,
            kind=kind,
            defaults={"number": number.strip(), "issued_on": issued_on, "expires_on": expires_on},
        )
        audit(actor=actor, obj=current, action="document_saved", reason=f"{kind} {number}"[:255])
    return document


# --- Deployment ---------------------------------------------------------------------------------


def deployment_create(
    *,
    candidacy,
    host_company,
    prefecture,
    job_field,
    departure_date,
    emergency_contact_name,
    emergency_contact_phone,
    emergency_contact_relation="",
    supervising_organisation="",
    actor,
) -> Deployment:
    """Record where a candidate who passed selection goes, and when; the candidacy becomes "abroad"."""
    with transaction.atomic():
        _lock_intake(candidacy.intake_id)
        current = _lock_candidacy(candidacy.pk)
        if current.status != S.PASSED:
            raise OverseasError(
                _("Only a candidate who passed every selection stage can depart (now: “%(status)s”).")
                % {"status": current.get_status_display()},
                code="not_passed",
            )
        last_passed = (
            current.passed_on or current.results.order_by("-held_on").values_list("held_on", flat=True).first()
        )
        if last_passed is not None and departure_date <= last_passed:
            raise OverseasError(
                _("The departure date must be after the last stage passed (%(date)s).") % {"date": _date(last_passed)},
                code="departure_before_stage",
            )
        duration = current.intake.scheme.duration_months
        deployment = Deployment.objects.create(
            candidacy=current,
            host_company=host_company,
            supervising_organisation=supervising_organisation,
            prefecture=prefecture,
            job_field=job_field,
            departure_date=departure_date,
            duration_months=duration,
            contract_end=Deployment.compute_contract_end(departure_date, duration),
            emergency_contact_name=emergency_contact_name,
            emergency_contact_phone=emergency_contact_phone,
            emergency_contact_relation=emergency_contact_relation,
        )
        moved = _move(current, S.DEPARTED, actor=actor, action="candidacy_deployed")
        notifying.deployment_recorded(moved, deployment)
    return deployment


def _lock_deployment(deployment_id) -> Deployment:
    return (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("candidacy__intake__scheme", "candidacy__seeker__user")
        .get(pk=deployment_id)
    )


def deployment_extend(*, deployment, months: int, reason="", actor) -> Deployment:
    """Extend a contract; the scheme says how many months of extension are allowed in total."""
    with transaction.atomic():
        current = _lock_deployment(deployment.pk)
        if not current.is_abroad:
            raise OverseasError(_("Only a person still abroad can be extended."), code="not_abroad")
        allowed = current.candidacy.intake.scheme.max_extension_months
        total = current.extension_months + months
        if months <= 0:
            raise OverseasError(_("An extension is at least one month."), code="months")
        if total > allowed:
            raise OverseasError(
                _("This scheme allows %(allowed)s months of extension in total; this would make %(total)s.")
                % {"allowed": allowed, "total": total},
                code="too_long",
            )
        updates = {
            "extension_months": total,
            "contract_end": Deployment.compute_contract_end(current.departure_date, current.duration_months, total),
        }
        to_status = Deployment.Status.EXTENDED if current.status != Deployment.Status.TRANSFERRED else current.status
        if to_status == current.status:
            for name, value in updates.items():
                setattr(current, name, value)
            current.save(update_fields=[*updates, "updated_at"])
            audit(actor=actor, obj=current, action="deployment_extended", reason=reason)
            return current
        return transition(current, to_status, actor=actor, reason=reason, updates=updates, action="deployment_extended")


def deployment_transfer(*, deployment, reason, actor) -> Deployment:
    """The person moves to the new scheme while in Japan (from 2027)."""
    with transaction.atomic():
        current = _lock_deployment(deployment.pk)
        try:
            return transition(
                current,
                Deployment.Status.TRANSFERRED,
                actor=actor,
                reason=reason,
                updates={"status_reason": reason},
                action="deployment_transferred",
            )
        except TransitionNotAllowed as exc:
            raise OverseasError(exc.messages, code=exc.code) from None


def data_transfer_record(
    *, candidacy, recipient, recipient_country, legal_basis, data_categories, purpose, transferred_on, actor
) -> DataTransfer:
    """Record personal data sent abroad, with its recipient and legal basis (UU 27/2022, art. 56)."""
    with transaction.atomic():
        current = _lock_candidacy(candidacy.pk)
        record = DataTransfer.objects.create(
            candidacy=current,
            recipient=recipient,
            recipient_country=recipient_country,
            legal_basis=legal_basis,
            data_categories=data_categories,
            purpose=purpose,
            transferred_on=transferred_on,
            recorded_by=actor,
        )
        audit(actor=actor, obj=current, action="personal_data_sent_abroad", reason=f"{recipient} ({legal_basis})")
    return record


# --- Return and re-placement --------------------------------------------------------------------


def return_record(
    *, candidacy, returned_on, intention, early=False, reason="", skill_level="", japanese_level="", note="", actor
) -> ReturnRecord:
    """Record a person's return (at the end of the contract, or early with a reason)."""
    with transaction.atomic():
        _lock_intake(candidacy.intake_id)
        current = _lock_candidacy(candidacy.pk)
        deployment = _lock_deployment(current.deployment.pk) if hasattr(current, "deployment") else None
        if deployment is None or current.status != S.DEPARTED:
            raise OverseasError(_("Only a person who departed can return."), code="not_departed")
        if returned_on <= deployment.departure_date:
            raise OverseasError(_("The return date must be after the departure date."), code="return_date")
        if returned_on > timezone.localdate():
            raise OverseasError(_("The return date cannot be in the future."), code="future")
        reason = (reason or "").strip()
        if early and not reason:
            raise OverseasError(_("Give the reason for an early return."), code="reason_required")
        to_status = Deployment.Status.RETURNED_EARLY if early else Deployment.Status.RETURNED
        transition(
            deployment,
            to_status,
            actor=actor,
            reason=reason,
            updates={"status_reason": reason},
            action="deployment_returned",
        )
        record = ReturnRecord.objects.create(
            candidacy=current,
            returned_on=returned_on,
            early=early,
            skill_level=skill_level,
            japanese_level=japanese_level,
            intention=intention,
            note=note,
            recorded_by=actor,
        )
        moved = _move(current, S.RETURNED, actor=actor, reason=reason, action="candidacy_returned")
        record.candidacy = moved
        # The place in the intake is given back only now: the person held it until return.
        _free_place(current.intake)
        notifying.returned(moved, record)
    return record


def return_link_placement(*, candidacy, placement, actor) -> ReturnRecord:
    """Link a returnee to the placement that followed (made through the placements app)."""
    with transaction.atomic():
        current = _lock_candidacy(candidacy.pk)
        record = ReturnRecord.objects.select_for_update().filter(candidacy=current).first()
        if record is None:
            raise OverseasError(_("Record the return first."), code="not_returned")
        if placement.seeker_id != current.seeker_id:
            raise OverseasError(_("This placement is someone else's."), code="wrong_person")
        if placement.start_date < record.returned_on:
            raise OverseasError(_("This placement started before the return."), code="before_return")
        if placement.status not in (Placement.Status.REPORTED, Placement.Status.VERIFIED):
            raise OverseasError(_("This placement was rejected or has ended."), code="placement_status")
        record.placement, record.replaced_on = placement, placement.start_date
        record.save(update_fields=["placement", "replaced_on"])
        audit(actor=actor, obj=current, action="returnee_replaced", reason=f"placement {placement.pk}")
    return record


def returnee_place(
    *, candidacy, actor, position, contract_type, start_date, employer=None, employer_name="", wage=None
) -> ReturnRecord:
    """Record a returnee's new job through the placements app (channel "return from Japan",
    reported by Disnaker) and link it, in one transaction."""
    with transaction.atomic():
        try:
            placement = placement_services.placement_report(
                seeker=candidacy.seeker, reporter=Placement.Reporter.DISNAKER, actor=actor, position=position,
                contract_type=contract_type, start_date=start_date, channel=Placement.Channel.RETURN_JAPAN,
                employer=employer, employer_name=employer_name, wage=wage,
            )  # fmt: skip
        except ValidationError as exc:
            raise OverseasError(exc.messages, code="placement") from None
        return return_link_placement(candidacy=candidacy, placement=placement, actor=actor)


def returnee_propose(*, candidacy, vacancy, actor):
    """Put a returnee forward for a vacancy (the employer sees the proposal, the person is told)."""
    if candidacy.status != S.RETURNED:
        raise OverseasError(_("Only returnees are proposed from here."), code="not_returned")
    try:
        return placement_services.application_propose(vacancy=vacancy, seeker=candidacy.seeker, actor=actor)
    except ValidationError as exc:
        raise OverseasError(exc.messages, code="placement") from None
