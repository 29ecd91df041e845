"""Every write to placement data goes through here.

Each function runs in one transaction: the status move (`core.workflow.transition`, which locks
the row and writes the audit row), the rows it creates and the notifications (outbox) commit
together or not at all. Other apps' data is changed only through their services: the AK/1 card
is closed by `seekers.services.card_report`, accounts are made by `accounts.services`.
"""

import contextlib
import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.services import user_create, user_grant_role
from core.formatting import rupiah
from core.services import audit
from core.workflow import TransitionNotAllowed, transition
from seekers import sections
from seekers.models import AK1Card, JobSeeker
from seekers.services import CardError, card_report
from seekers.uploads import check_pdf, reencode_image
from trainings.models import Certificate, Enrolment

from . import notifying
from .models import (
    Application,
    BrokerReport,
    ContractType,
    Employer,
    EmployerStaff,
    FollowUp,
    MinimumWage,
    Placement,
    Vacancy,
)

A = Application.Status
P = Placement.Status
V = Vacancy.Status


class PlacementError(ValidationError):
    """A refused action, with a message for the person who tried it."""


def _check(obj, to_status, reason=""):
    try:
        obj.workflow.check(obj.status, to_status, reason)
    except TransitionNotAllowed as exc:
        if exc.code == "reason_required":
            raise PlacementError(exc.messages, code="reason_required") from None
        raise PlacementError(
            _("Not possible while the status is “%(status)s”.") % {"status": obj.get_status_display()},
            code="transition_not_allowed",
        ) from None


def _move(obj, to_status, *, actor, reason="", updates=None, action="status_change"):
    """Check first against the row as loaded (a clear message), then let `transition` lock and
    check again (two clerks at once: the second one gets the message, not a double move)."""
    _check(obj, to_status, reason)
    try:
        return transition(obj, to_status, actor=actor, reason=reason, updates=updates, action=action)
    except TransitionNotAllowed as exc:
        raise PlacementError(exc.messages, code=exc.code) from None


def _store_upload(field, upload):
    """Check an uploaded letter or contract like the seekers' documents (a PDF that opens, or a
    photo that is re-encoded) and save it under a generated name. Returns the content type."""
    if (upload.name or "").lower().endswith(".pdf") or upload.content_type == "application/pdf":
        content, content_type, name = check_pdf(upload), "application/pdf", "evidence.pdf"
    else:
        content, content_type, name = reencode_image(upload).image, "image/jpeg", "evidence.jpg"
    field.save(name, ContentFile(content), save=False)
    return content_type


def _delete_after_commit(field_file):
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


# --- Employers and their staff ---------------------------------------------------------------------


def employer_account_request(*, company_name, nib, full_name, email, phone="", password, position="", letter):
    """A company's HR officer asks for an account: the account is made without any role, the
    company is registered unverified (or found by its NIB), and Disnaker decides."""
    with transaction.atomic():
        user = user_create(email=email, phone=phone or None, password=password, full_name=full_name)
        employer = Employer.objects.filter(nib=nib).first()
        if employer is None:
            employer = Employer(name=company_name, nib=nib)
            employer.full_clean()
            employer.save()
            audit(actor=user, obj=employer, action="employer_registered")
        staff = EmployerStaff(user=user, employer=employer, position=position)
        try:
            staff.letter_content_type = _store_upload(staff.letter, letter)
            staff.save()
        except Exception:
            _delete_after_rollback(staff.letter)
            raise
        audit(actor=user, obj=staff, action="employer_account_requested", to_status=staff.status)
    return staff


def _delete_after_rollback(field_file):
    if field_file and field_file.name:
        field_file.storage.delete(field_file.name)


def employer_verify(*, employer: Employer, actor):
    with transaction.atomic():
        updated = Employer.objects.filter(pk=employer.pk, verified_at__isnull=True).update(verified_at=timezone.now())
        if updated:
            audit(actor=actor, obj=employer, action="employer_verified")
            sections.shared_changed()  # an update(): no post_save for the seekers' dashboard sections
    employer.refresh_from_db(fields=["verified_at"])
    return employer


def employer_save(*, employer: Employer, actor):
    with transaction.atomic():
        creating = employer.pk is None
        employer.full_clean()
        employer.save()
        audit(actor=actor, obj=employer, action="employer_created" if creating else "employer_updated")
    return employer


def employer_staff_verify(*, staff: EmployerStaff, actor):
    """Disnaker checked the NIB and the letter: the officer gets the employer-staff role, and the
    company is verified with them."""
    with transaction.atomic():
        staff = _move(staff, EmployerStaff.Status.VERIFIED, actor=actor, updates={"status_reason": ""})
        user_grant_role(user=staff.user, role=Role.EMPLOYER, actor=actor)
        employer_verify(employer=staff.employer, actor=actor)
        notifying.employer_staff_decided(staff)
    return staff


def employer_staff_reject(*, staff: EmployerStaff, actor, reason):
    with transaction.atomic():
        staff = _move(
            staff, EmployerStaff.Status.REJECTED, actor=actor, reason=reason, updates={"status_reason": reason}
        )
        notifying.employer_staff_decided(staff)
    return staff


def employer_staff_revoke(*, staff: EmployerStaff, actor, reason):
    """The officer left the company: the scope is gone at once (scoping requires `verified`)."""
    with transaction.atomic():
        return _move(staff, EmployerStaff.Status.REVOKED, actor=actor, reason=reason, updates={"status_reason": reason})


# --- Vacancies ---------------------------------------------------------------------------------------


def _search_text(vacancy: Vacancy) -> str:
    parts = [vacancy.title, vacancy.employer.name, str(vacancy.occupation.name), vacancy.skills, vacancy.description]
    return " ".join(p for p in parts if p)[:20000]


def vacancy_problems(vacancy: Vacancy, *, today=None) -> dict:
    """What stops a vacancy from being saved or published: {field: message}."""
    today = today or timezone.localdate()
    problems = {}
    if vacancy.closing_date and vacancy.closing_date < today:
        problems["closing_date"] = _("The closing date is in the past.")
    if vacancy.wage_min is not None and vacancy.wage_max is not None and vacancy.wage_max < vacancy.wage_min:
        problems["wage_max"] = _("The upper end of the wage range is below its lower end.")
    if vacancy.contract_type not in (ContractType.APPRENTICESHIP,) and vacancy.wage_min is not None:
        umk = MinimumWage.for_year(today.year)
        if umk is not None and vacancy.wage_min < umk.amount:
            problems["wage_min"] = _(
                "The wage is below the regency minimum wage (UMK %(year)s: %(amount)s). Only apprenticeships "
                "may pay less."
            ) % {"year": umk.year, "amount": rupiah(umk.amount)}
    if vacancy.contract_type not in Vacancy.CONTRACT_TYPES:
        problems["contract_type"] = _("A vacancy is a fixed-term, permanent or apprenticeship position.")
    return problems


def vacancy_save(*, vacancy: Vacancy, actor, programs=None):
    """Create or update a vacancy (draft, or returned to draft). Published vacancies are changed
    by staff only (the employer would otherwise change what Disnaker verified)."""
    problems = vacancy_problems(vacancy)
    if problems:
        raise PlacementError(problems)
    with transaction.atomic():
        creating = vacancy.pk is None
        if creating:
            vacancy.created_by = actor if actor is not None and actor.is_authenticated else None
        vacancy.search_text = _search_text(vacancy)
        vacancy.save()
        if programs is not None:
            vacancy.relevant_programs.set(programs)
        audit(actor=actor, obj=vacancy, action="vacancy_created" if creating else "vacancy_updated")
        if not creating:
            vacancy_refresh_fits(vacancy=vacancy)
    return vacancy


def vacancy_submit(*, vacancy: Vacancy, actor):
    """The employer sends the vacancy to Disnaker for verification."""
    problems = vacancy_problems(vacancy)
    if problems:
        raise PlacementError(problems)
    with transaction.atomic():
        return _move(vacancy, V.SUBMITTED, actor=actor, updates={"status_reason": ""})


def vacancy_publish(*, vacancy: Vacancy, actor):
    """Disnaker checked the vacancy is real (fake vacancies from brokers never reach seekers)."""
    if not vacancy.employer.is_verified:
        raise PlacementError(_("Verify the employer first."), code="employer_unverified")
    problems = vacancy_problems(vacancy)
    if problems:
        raise PlacementError(problems)
    with transaction.atomic():
        vacancy = _move(
            vacancy, V.PUBLISHED, actor=actor, updates={"published_at": timezone.now(), "status_reason": ""}
        )
        notifying.vacancy_decided(vacancy)
    return vacancy


def vacancy_return(*, vacancy: Vacancy, actor, reason):
    """Back to the employer as a draft, with what to correct."""
    with transaction.atomic():
        vacancy = _move(vacancy, V.DRAFT, actor=actor, reason=reason, updates={"status_reason": reason})
        notifying.vacancy_decided(vacancy)
    return vacancy


def vacancy_close(*, vacancy: Vacancy, actor, filled=False):
    with transaction.atomic():
        return _move(vacancy, V.FILLED if filled else V.CLOSED, actor=actor)


def vacancies_expire(*, today=None) -> int:
    """Published vacancies whose closing date has passed (in Asia/Jakarta) become expired. The
    daily beat job; running it twice changes nothing the second time."""
    today = today or timezone.localdate()
    count = 0
    for vacancy in Vacancy.objects.filter(status=V.PUBLISHED, closing_date__lt=today).only("pk", "status"):
        with transaction.atomic():
            transition(vacancy, V.EXPIRED, actor=None, action="vacancy_expired")
        count += 1
    return count


# --- Fit -------------------------------------------------------------------------------------------

FIT_WEIGHTS = {"education": 30, "skill": 10, "max_skills": 3, "certificate": 20, "local": 15, "card": 10}


def fit_for(*, vacancy: Vacancy, seeker: JobSeeker, program_ids=None) -> dict:
    """Why this seeker fits this vacancy, as the flags an employer sees, and the score they
    rank by. Local residents come first among otherwise equal applicants (Perda 4/2016)."""
    if program_ids is None:
        program_ids = list(vacancy.relevant_programs.values_list("pk", flat=True))
    meets_education = vacancy.min_education_id is None or (
        seeker.education_level_id is not None and seeker.education_level.rank >= vacancy.min_education.rank
    )
    wanted = set(vacancy.skill_list)
    has = {s.name for s in seeker.skills.all()}
    skills_matched = len(wanted & has)
    has_certificate = bool(program_ids) and (
        Certificate.objects.filter(
            enrolment__seeker=seeker, enrolment__batch__program__in=program_ids, revoked_at__isnull=True
        ).exists()
    )
    is_local = seeker.is_local
    has_active_card = AK1Card.objects.filter(seeker=seeker, status=AK1Card.Status.ACTIVE).exists()
    w = FIT_WEIGHTS
    score = (
        w["education"] * meets_education
        + w["skill"] * min(skills_matched, w["max_skills"])
        + w["certificate"] * has_certificate
        + w["local"] * is_local
        + w["card"] * has_active_card
    )
    return {
        "meets_education": meets_education,
        "skills_matched": skills_matched,
        "has_certificate": has_certificate,
        "is_local": is_local,
        "has_active_card": has_active_card,
        "fit_score": score,
    }


def vacancy_refresh_fits(*, vacancy):
    """Recompute the fit of the open applications (the vacancy's requirements changed)."""
    program_ids = list(vacancy.relevant_programs.values_list("pk", flat=True))
    applications = (
        vacancy.applications.filter(status__in=Application.OPEN_STATUSES)
        .select_related("seeker__education_level")
        .prefetch_related("seeker__skills")
    )
    changed = []
    for application in applications:
        fit = fit_for(vacancy=vacancy, seeker=application.seeker, program_ids=program_ids)
        for name, value in fit.items():
            setattr(application, name, value)
        changed.append(application)
    Application.objects.bulk_update(changed, FIT_FIELDS, batch_size=1000)


FIT_FIELDS = ["meets_education", "skills_matched", "has_certificate", "is_local", "has_active_card", "fit_score"]


# --- Applications ------------------------------------------------------------------------------------

ALREADY_APPLIED = _("You have already applied for this vacancy.")


def apply_problems(*, vacancy: Vacancy, seeker: JobSeeker | None, today=None) -> list[str]:
    today = today or timezone.localdate()
    if seeker is None:
        return [_("Fill in your job-seeker profile first.")]
    problems = []
    if not vacancy.is_open(today):
        problems.append(_("This vacancy is not open for applications."))
    if vacancy.requires_ak1 and not AK1Card.objects.filter(seeker=seeker, status=AK1Card.Status.ACTIVE).exists():
        problems.append(_("This vacancy asks for an active AK/1 card."))
    return problems


def application_apply(*, vacancy: Vacancy, seeker: JobSeeker | None, actor, cover_note=""):
    problems = apply_problems(vacancy=vacancy, seeker=seeker)
    if problems:
        raise PlacementError(problems, code="cannot_apply")
    fit = fit_for(vacancy=vacancy, seeker=seeker)
    try:
        with transaction.atomic():
            # Lock the vacancy: a vacancy closing at this moment cannot take one more application.
            locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
            if not locked.is_open():
                raise PlacementError(_("This vacancy is not open for applications."), code="closed")
            if Application.objects.filter(vacancy=vacancy, seeker=seeker).exists():
                raise PlacementError(ALREADY_APPLIED, code="already_applied")
            application = Application.objects.create(
                vacancy=vacancy, seeker=seeker, cover_note=cover_note[:1000], status=A.APPLIED, **fit
            )
            audit(actor=actor, obj=application, action="application_created", to_status=application.status)
            application.vacancy = vacancy
            notifying.application_changed(application)
    except IntegrityError:
        # Two clicks at once: the unique constraint kept one.
        raise PlacementError(ALREADY_APPLIED, code="already_applied") from None
    return application


def application_propose(*, vacancy: Vacancy, seeker: JobSeeker, actor):
    """Disnaker staff put a matching seeker forward; the employer sees the proposal among its
    applicants, the seeker is told and may withdraw."""
    if not vacancy.is_open():
        raise PlacementError(_("This vacancy is not open for applications."), code="closed")
    fit = fit_for(vacancy=vacancy, seeker=seeker)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                vacancy=vacancy, seeker=seeker, status=A.PROPOSED, proposed_by=actor, **fit
            )
            audit(actor=actor, obj=application, action="application_proposed", to_status=application.status)
            application.vacancy = vacancy
            notifying.application_changed(application)
    except IntegrityError:
        raise PlacementError(_("This job seeker is already an applicant."), code="already_applied") from None
    return application


def application_move(*, application: Application, to_status, actor, reason="", start_date=None, wage=None):
    """The employer (or Disnaker) moves an applicant on. "Hired" reports the placement, which
    waits for Disnaker's verification; the vacancy is filled when its openings are."""
    if to_status == A.WITHDRAWN:
        raise PlacementError(_("Only the job seeker can withdraw."), code="not_allowed")
    with transaction.atomic():
        application = _move(
            application,
            to_status,
            actor=actor,
            reason=reason,
            updates={"status_reason": reason[:255], "decided_at": timezone.now()},
        )
        application = Application.objects.select_related("vacancy__employer", "seeker__user").get(pk=application.pk)
        if to_status == A.HIRED:
            vacancy = application.vacancy
            placement_report(
                seeker=application.seeker,
                reporter=Placement.Reporter.EMPLOYER,
                actor=actor,
                employer=vacancy.employer,
                position=vacancy.title,
                occupation=vacancy.occupation,
                contract_type=vacancy.contract_type,
                start_date=start_date or timezone.localdate(),
                wage=wage,
                channel=Placement.Channel.PORTAL,
                application=application,
            )
            hired = vacancy.applications.filter(status=A.HIRED).count()
            if hired >= vacancy.openings and vacancy.status == V.PUBLISHED:
                transition(vacancy, V.FILLED, actor=actor, action="vacancy_filled")
        notifying.application_changed(application)
    return application


def application_withdraw(*, application: Application, actor):
    with transaction.atomic():
        return _move(application, A.WITHDRAWN, actor=actor, updates={"decided_at": timezone.now()})


# --- Placements --------------------------------------------------------------------------------------


def placement_report_check(
    *,
    seeker,
    reporter,
    actor,
    start_date,
    employer=None,
    employer_name="",
    wage=None,
    enrolment=None,
    early_start_reason="",
):
    """The rules of `placement_report`, for forms that want to show them next to the fields.
    Returns the institution credited (the enrolment's provider) or None."""
    today = timezone.localdate()
    if start_date > today + datetime.timedelta(days=Placement.MAX_DAYS_AHEAD):
        raise PlacementError(
            {"start_date": _("The start date is more than %(days)s days away.") % {"days": Placement.MAX_DAYS_AHEAD}}
        )
    if employer is None and not employer_name.strip():
        raise PlacementError({"employer_name": _("Name the employer.")})
    provider = None
    if enrolment is not None:
        if enrolment.seeker_id != seeker.pk:
            raise PlacementError(_("This training belongs to someone else."), code="wrong_enrolment")
        if enrolment.status != Enrolment.Status.COMPLETED and reporter == Placement.Reporter.INSTITUTION:
            raise PlacementError(
                _("Only graduates can be reported: this person has not completed the training."), code="not_graduate"
            )
        provider = enrolment.batch.program.provider
        if (
            reporter == Placement.Reporter.INSTITUTION
            and not Enrolment.objects.for_user(actor).filter(pk=enrolment.pk).exists()
        ):
            raise PlacementError(_("Your institution did not train this person."), code="not_own_graduate")
        if start_date < enrolment.batch.end_date:
            if reporter != Placement.Reporter.DISNAKER:
                raise PlacementError(
                    {
                        "start_date": _(
                            "The job starts before the training ended; Disnaker staff must record it with a reason."
                        )
                    }
                )
            if not early_start_reason.strip():
                raise PlacementError({"early_start_reason": _("Say why the job starts before the training ended.")})
    elif reporter == Placement.Reporter.INSTITUTION:
        raise PlacementError(_("Choose the graduate's training."), code="no_enrolment")
    if wage is not None and wage < 0:
        raise PlacementError({"wage": _("The wage cannot be negative.")})
    return provider


def placement_report(
    *,
    seeker: JobSeeker,
    reporter,
    actor,
    position,
    contract_type,
    start_date: datetime.date,
    channel,
    employer: Employer | None = None,
    employer_name="",
    occupation=None,
    wage: Decimal | None = None,
    enrolment: Enrolment | None = None,
    application: Application | None = None,
    evidence=None,
    early_start_reason="",
):
    """Record that a person started work, pending Disnaker's verification.

    Refused: a start more than 90 days ahead; an institution reporting someone it did not train
    (the enrolment must be a completed one of its own); a start before the training that led to
    it ended, unless Disnaker staff record it with a reason.
    """
    provider = placement_report_check(
        seeker=seeker,
        reporter=reporter,
        actor=actor,
        start_date=start_date,
        employer=employer,
        employer_name=employer_name,
        wage=wage,
        enrolment=enrolment,
        early_start_reason=early_start_reason,
    )
    with transaction.atomic():
        placement = Placement(
            seeker=seeker,
            employer=employer,
            employer_name=employer_name if employer is None else "",
            position=position,
            occupation=occupation,
            contract_type=contract_type,
            start_date=start_date,
            wage=wage,
            channel=channel,
            enrolment=enrolment,
            provider=provider,
            application=application,
            reported_by=actor if actor is not None and actor.is_authenticated else None,
            reporter=reporter,
            is_local=seeker.is_local,
            kecamatan_id=seeker.domicile_kecamatan_id,
            early_start_reason=early_start_reason,
        )
        try:
            if evidence is not None:
                placement.evidence_content_type = _store_upload(placement.evidence, evidence)
            placement.save()
        except Exception:
            _delete_after_rollback(placement.evidence)
            raise
        audit(actor=actor, obj=placement, action="placement_reported", to_status=placement.status)
    return placement


def placement_attach_evidence(*, placement: Placement, upload, actor):
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        old = placement.evidence.name if placement.evidence else ""
        try:
            placement.evidence_content_type = _store_upload(placement.evidence, upload)
            placement.save(update_fields=["evidence", "evidence_content_type", "updated_at"])
        except Exception:
            if placement.evidence.name != old:
                _delete_after_rollback(placement.evidence)
            raise
        if old:
            storage = placement.evidence.storage
            transaction.on_commit(lambda: storage.delete(old))
        audit(actor=actor, obj=placement, action="placement_evidence_added")
    return placement


def placement_verify(*, placement: Placement, actor):
    """Disnaker confirms the placement: it counts from now on, the follow-ups are planned, and
    the person's active AK/1 card is closed as hired through the seekers' own service."""
    with transaction.atomic():
        placement = _move(placement, P.VERIFIED, actor=actor, updates={"verified_at": timezone.now()})
        placement = Placement.objects.select_related("seeker__user", "employer").get(pk=placement.pk)
        FollowUp.objects.bulk_create(
            [
                FollowUp(placement=placement, months=m, due_on=placement.start_date + relativedelta(months=m))
                for m in FollowUp.MONTHS
            ],
            ignore_conflicts=True,
        )
        card = AK1Card.objects.filter(seeker=placement.seeker, status=AK1Card.Status.ACTIVE).first()
        if card is not None:
            # A card that moved meanwhile (expired, closed) leaves nothing to close.
            with contextlib.suppress(CardError):
                card_report(
                    card=card,
                    actor=actor,
                    still_looking=False,
                    employer=placement.employer_display[:150],
                    position=placement.position[:100],
                    start_date=placement.start_date,
                    note=_("Placement verified by Disnaker")[:255],
                )
        notifying.placement_decided(placement)
    return placement


def placement_reject(*, placement: Placement, actor, reason):
    with transaction.atomic():
        placement = _move(placement, P.REJECTED, actor=actor, reason=reason, updates={"status_reason": reason[:255]})
        placement = Placement.objects.select_related("seeker__user", "employer").get(pk=placement.pk)
        notifying.placement_decided(placement)
    return placement


def placement_end(*, placement: Placement, actor, end_date: datetime.date, reason):
    if end_date < placement.start_date:
        raise PlacementError({"end_date": _("The end date is before the start date.")})
    with transaction.atomic():
        return _move(
            placement,
            P.ENDED,
            actor=actor,
            reason=reason,
            updates={"end_date": end_date, "status_reason": reason[:255]},
        )


# --- Follow-up ---------------------------------------------------------------------------------------


def follow_ups_send(*, today=None) -> int:
    """Ask the people whose 3- or 6-month mark has come (a window, so a missed day is caught up)
    whether they still work there. Each follow-up is asked once."""
    today = today or timezone.localdate()
    due = (
        FollowUp.objects.filter(
            asked_at__isnull=True,
            due_on__lte=today,
            due_on__gte=today - datetime.timedelta(days=30),
            placement__status=P.VERIFIED,
        )
        .select_related("placement__seeker__user__notification_preference", "placement__employer")
        .order_by("due_on", "pk")
    )
    sent = 0
    for follow_up in due:
        with transaction.atomic():
            if not FollowUp.objects.filter(pk=follow_up.pk, asked_at__isnull=True).update(asked_at=timezone.now()):
                continue  # another run asked meanwhile
            notifying.follow_up(follow_up)
        sent += 1
    return sent


def follow_up_answer(*, follow_up: FollowUp, still_employed: bool, actor=None):
    """The one-tap answer. A second answer replaces the first (people tap the wrong button)."""
    with transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(still_employed=still_employed, answered_at=timezone.now())
        follow_up.refresh_from_db()
        audit(actor=actor, obj=follow_up.placement, action="follow_up_answered", reason=f"{follow_up.months}m")
    return follow_up


# --- Broker reports ----------------------------------------------------------------------------------


def broker_report_submit(*, report: BrokerReport, actor=None):
    with transaction.atomic():
        report.reporter = actor if actor is not None and actor.is_authenticated else None
        report.full_clean()
        report.save()
        audit(actor=report.reporter, obj=report, action="broker_reported", to_status=report.status)
    return report


def broker_report_move(*, report: BrokerReport, to_status, actor, reason=""):
    with transaction.atomic():
        return _move(report, to_status, actor=actor, reason=reason, updates={"status_reason": reason[:500]})
