"""Every write to financing data goes through here.

Locking: every function that changes an application first locks its row
(`select_for_update()` inside its transaction) and checks what it needs against the locked copy;
`core.workflow.transition()` then checks the move against the table. So an approval and a
withdrawal clicked at the same moment queue behind each other, and the second finds a status it
cannot move from: exactly one outcome. A repayment file locks its loans in primary-key order, so
two uploads cannot deadlock.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core.formatting import rupiah
from core.services import audit, next_serial
from core.workflow import TransitionNotAllowed, transition
from overseas.models import Candidacy
from overseas.selectors import active_candidacy
from seekers.sections import seeker_changed
from seekers.uploads import check_pdf, reencode_image
from trainings.models import Enrolment

from . import notifying
from .models import Application, BankStaff, Instalment, LoanDocument, Product
from .schedule import build_schedule

S = Application.Status
CONSENT_VERSION = "2026-11-pb1"  # templates/financing/_consent_notice.html; change both together


class FinancingError(ValidationError):
    """A refused financing action, with a message for the person who tried it."""


# --- Rules ---------------------------------------------------------------------------------------


def financed_before(enrolment, *, exclude=None) -> Decimal:
    """Rupiah of the enrolment's course fee already paid by a bank (earlier loans)."""
    queryset = Application.objects.filter(enrolment=enrolment, status__in=Application.LOAN_STATUSES)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.aggregate(total=Sum("disbursed_amount"))["total"] or Decimal(0)


def unpaid_fee(enrolment, *, exclude=None) -> Decimal:
    """The course fee still unpaid: the programme's fee less what banks have paid already."""
    return max(enrolment.batch.program.fee - financed_before(enrolment, exclude=exclude), Decimal(0))


def eligible_enrolments(seeker):
    """Accepted (or attending) enrolments in fee-charging programmes: what a course-fee loan pays."""
    if seeker is None:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(
            seeker=seeker,
            status__in=(Enrolment.Status.ACCEPTED, Enrolment.Status.ATTENDING),
            batch__program__fee__gt=0,
        )
        .select_related("batch__program__provider")
        .order_by("-applied_at")
    )


def check_terms(*, product: Product, amount: Decimal, tenor: int, enrolment=None, exclude=None) -> list[str]:
    problems = []
    if amount < product.min_amount:
        problems.append(
            _("The smallest amount of this product is %(amount)s.") % {"amount": rupiah(product.min_amount)}
        )
    if amount > product.max_amount:
        problems.append(_("The largest amount of this product is %(amount)s.") % {"amount": rupiah(product.max_amount)})
    if not product.min_tenor <= tenor <= product.max_tenor:
        problems.append(
            _("The tenor must be between %(min)s and %(max)s months.")
            % {"min": product.min_tenor, "max": product.max_tenor}
        )
    if enrolment is not None:
        unpaid = unpaid_fee(enrolment, exclude=exclude)
        if amount > unpaid:
            problems.append(
                _("The amount cannot be more than the course fee still unpaid (%(amount)s).")
                % {"amount": rupiah(unpaid)}
            )
    return problems


def eligibility_problems(*, seeker, product: Product, enrolment=None, candidacy=None, exclude=None) -> list[str]:
    """The product's rules applied to the seeker, in plain words."""
    if seeker is None:
        return [_("Create your job-seeker profile first.")]
    problems = []
    today = timezone.localdate()
    age = seeker.age_on(today)
    if age < product.min_age or (product.max_age is not None and age > product.max_age):
        problems.append(
            _("This product is for people aged %(min)s to %(max)s.")
            % {"min": product.min_age, "max": product.max_age or "—"}
        )
    if product.local_only and not seeker.is_local:
        problems.append(_("This product is for residents of Kabupaten Bekasi (your domicile in your profile)."))
    if product.purpose == Product.Purpose.COURSE_FEE:
        if enrolment is None or enrolment.seeker_id != seeker.pk:
            problems.append(_("Choose the training you have been accepted for."))
        elif enrolment.status not in (Enrolment.Status.ACCEPTED, Enrolment.Status.ATTENDING):
            problems.append(_("A loan pays for a training you have been accepted for."))
        elif enrolment.batch.program.fee <= 0:
            problems.append(_("This training is free: there is no fee to finance."))
    elif candidacy is None or candidacy.seeker_id != seeker.pk:
        problems.append(_("A departure-cost loan is for a Japan internship candidate with a candidacy in progress."))
    elif candidacy.status not in Candidacy.ACTIVE_STATUSES:
        problems.append(_("Your internship candidacy is no longer in progress."))
    others = Application.objects.filter(seeker=seeker, status__in=Application.ACTIVE_STATUSES)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        problems.append(_("You already have an application or a loan in progress."))
    return problems


def missing_documents(application, documents=None) -> list[str]:
    kinds = {d.kind for d in (documents if documents is not None else application.documents.all())}
    K, R = LoanDocument.Kind, Product.Requirement
    missing = []
    for requirement in application.product.requirements:
        if requirement == R.KTP and K.KTP not in kinds:
            missing.append(str(K.KTP.label))
        elif requirement == R.KK and K.KK not in kinds:
            missing.append(str(K.KK.label))
        elif requirement == R.INCOME_OR_GUARANTOR and not kinds & {K.INCOME, K.GUARANTOR}:
            missing.append(str(R.INCOME_OR_GUARANTOR.label))
    return missing


def _lock(application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("product", "bank", "seeker__user", "enrolment__batch__program", "candidacy")
        .get(pk=application.pk)
    )


def _move(application, to_status, *, actor, reason="", updates=None, action="status_change", notify=True):
    try:
        moved = transition(application, to_status, actor=actor, reason=reason, updates=updates, action=action)
    except TransitionNotAllowed as exc:
        raise FinancingError(exc.messages, code=exc.code) from None
    moved.product, moved.bank, moved.seeker = application.product, application.bank, application.seeker
    moved.enrolment, moved.candidacy = application.enrolment, application.candidacy
    if notify:
        notifying.status_changed(moved)
    return moved


def _bank_of(actor):
    staff = BankStaff.objects.filter(user=actor).select_related("bank").first()
    return staff.bank if staff else None


def _require_bank(application, actor):
    """The bank's actions are for staff of the chosen bank only."""
    bank = _bank_of(actor) if actor.has_perm("accounts.access_bank_portal") else None
    if bank is None or bank.pk != application.bank_id:
        raise FinancingError(_("Only the chosen bank can act on this application."), code="wrong_bank")
    return bank


# --- The seeker ----------------------------------------------------------------------------------


def departure_candidacy(seeker):
    """The candidacy a departure-cost loan would pay for: the seeker's one in progress, or None."""
    return active_candidacy(seeker)


def application_create(
    *, seeker, product: Product, amount: Decimal, tenor: int, actor, enrolment=None, candidacy=None
) -> Application:
    if product.purpose == Product.Purpose.COURSE_FEE:
        candidacy = None
    else:
        enrolment = None
    problems = eligibility_problems(seeker=seeker, product=product, enrolment=enrolment, candidacy=candidacy)
    problems += check_terms(product=product, amount=amount, tenor=tenor, enrolment=enrolment)
    if problems:
        raise FinancingError(problems)
    try:
        with transaction.atomic():
            year = timezone.localdate().year
            application = Application.objects.create(
                reference=f"PB-{year}-{next_serial(name='financing', year=year):06d}",
                seeker=seeker,
                product=product,
                bank=product.bank,
                purpose=product.purpose,
                enrolment=enrolment,
                candidacy=candidacy,
                amount_requested=amount,
                tenor_requested=tenor,
            )
            audit(actor=actor, obj=application, action="loan_application_created", to_status=application.status)
    except IntegrityError:
        # A double click: the partial unique constraint keeps one active application per seeker.
        raise FinancingError(_("You already have an application or a loan in progress."), code="duplicate") from None
    return application


def application_change_terms(*, application: Application, amount: Decimal, tenor: int, actor) -> Application:
    with transaction.atomic():
        application = _lock(application)
        if application.status not in (S.DRAFT, S.RETURNED):
            raise FinancingError(_("The application can be changed while it is a draft or returned."), code="state")
        problems = check_terms(
            product=application.product,
            amount=amount,
            tenor=tenor,
            enrolment=application.enrolment,
            exclude=application,
        )
        if problems:
            raise FinancingError(problems)
        application.amount_requested, application.tenor_requested = amount, tenor
        application.save(update_fields=["amount_requested", "tenor_requested", "updated_at"])
        audit(actor=actor, obj=application, action="loan_terms_changed")
    return application


def document_store(*, application: Application, kind, upload, actor) -> LoanDocument:
    """A KTP, KK, statement of income or guarantor's statement: a photo (re-encoded) or a PDF
    (checked), through the seekers' upload pipeline, into private storage."""
    content_type = getattr(upload, "content_type", "") or ""
    if content_type == "application/pdf" or upload.name.lower().endswith(".pdf"):
        content, content_type, name = check_pdf(upload), "application/pdf", "document.pdf"
    else:
        content, content_type, name = reencode_image(upload).image, "image/jpeg", "document.jpg"
    with transaction.atomic():
        application = _lock(application)
        if application.status not in (S.DRAFT, S.RETURNED):
            raise FinancingError(_("Documents can be changed while the application is a draft or returned."))
        old = LoanDocument.objects.filter(application=application, kind=kind).first()
        document = old or LoanDocument(application=application, kind=kind)
        old_name = old.file.name if old else None
        document.file.save(name, ContentFile(content), save=False)
        try:
            document.content_type, document.size = content_type, len(content)
            document.save()
        except Exception:
            document.file.storage.delete(document.file.name)  # nothing half-saved
            raise
        audit(actor=actor, obj=application, action=f"loan_document_{kind}")
        if old_name:
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return document


def application_submit(*, application: Application, consent: bool, actor) -> Application:
    """Submit (or resubmit after a correction) with explicit consent to share the file with the
    chosen bank; the consent's notice version and time are recorded with it."""
    with transaction.atomic():
        application = _lock(application)
        if not consent:
            raise FinancingError(_("Agree to share your file with the bank to submit."), code="consent")
        problems = eligibility_problems(
            seeker=application.seeker,
            product=application.product,
            enrolment=application.enrolment,
            candidacy=application.candidacy,
            exclude=application,
        )
        problems += check_terms(
            product=application.product,
            amount=application.amount_requested,
            tenor=application.tenor_requested,
            enrolment=application.enrolment,
            exclude=application,
        )
        missing = missing_documents(application)
        if missing:
            problems.append(_("Upload these documents first: %(items)s.") % {"items": ", ".join(missing)})
        if problems:
            raise FinancingError(problems)
        now = timezone.now()
        application = _move(
            application,
            S.SUBMITTED,
            actor=actor,
            updates={"submitted_at": now, "consent_version": CONSENT_VERSION, "consent_at": now, "status_reason": ""},
            action="loan_submitted",
        )
        audit(actor=actor, obj=application, action=f"loan_consent_{CONSENT_VERSION}"[:50])
    return application


def application_withdraw(*, application: Application, actor, seen_status: str | None = None) -> Application:
    """The seeker withdraws before disbursement. `seen_status` is the status their page showed: if
    the bank decided in the meantime, the withdrawal is refused so that they see the new status
    first (an approval and a withdrawal at the same moment leave exactly one outcome)."""
    with transaction.atomic():
        application = _lock(application)
        if seen_status is not None and application.status != seen_status:
            raise FinancingError(
                _("The application changed in the meantime: it is now “%(status)s”. Look at it again first.")
                % {"status": application.get_status_display()},
                code="changed",
            )
        if application.status not in Application.WITHDRAWABLE:
            raise FinancingError(_("An application can be withdrawn until the money is disbursed."), code="state")
        return _move(application, S.WITHDRAWN, actor=actor, action="loan_withdrawn")


def offer_answer(*, application: Application, accept: bool, actor) -> Application:
    with transaction.atomic():
        application = _lock(application)
        return _move(
            application,
            S.ACCEPTED if accept else S.DECLINED,
            actor=actor,
            updates={"offer_answered_at": timezone.now()},
            action="loan_offer_accepted" if accept else "loan_offer_declined",
        )


# --- Disnaker ------------------------------------------------------------------------------------


def application_verify(*, application: Application, note: str, actor) -> Application:
    with transaction.atomic():
        application = _lock(application)
        return _move(
            application,
            S.VERIFIED,
            actor=actor,
            updates={"verified_by": actor, "verified_at": timezone.now(), "verification_note": note.strip()},
            action="loan_verified",
        )


def application_return(*, application: Application, reason: str, actor) -> Application:
    with transaction.atomic():
        application = _lock(application)
        return _move(
            application, S.RETURNED, actor=actor, reason=reason, updates={"status_reason": reason.strip()},
            action="loan_returned",
        )  # fmt: skip


def application_send(*, application: Application, actor) -> Application:
    with transaction.atomic():
        application = _lock(application)
        return _move(application, S.SENT, actor=actor, action="loan_sent_to_bank")


# --- The bank ------------------------------------------------------------------------------------


def application_decide(
    *, application: Application, decision: str, actor, amount=None, rate=None, tenor=None, reason=""
) -> Application:
    """A bank officer's (or supervisor's) decision. Above the bank's four-eyes amount it waits for
    a supervisor's confirmation; otherwise it is final."""
    with transaction.atomic():
        application = _lock(application)
        bank = _require_bank(application, actor)
        if application.status != S.SENT:
            raise FinancingError(_("This application is not waiting for the bank's decision."), code="state")
        updates = {"decision": decision, "decided_by": actor, "decided_at": timezone.now(), "confirmed_by": None}
        if decision == Application.Decision.APPROVE:
            product = application.product
            problems = check_terms(
                product=product, amount=amount, tenor=tenor, enrolment=application.enrolment, exclude=application
            )
            if rate is None or not Decimal(0) <= rate < Decimal(100):
                problems.append(_("Give an annual rate between 0 and 100 percent."))
            if problems:
                raise FinancingError(problems)
            updates.update(approved_amount=amount, approved_rate=rate, approved_tenor=tenor, status_reason="")
            final = S.APPROVED
            size = amount
        else:
            if not (reason or "").strip():
                raise FinancingError(_("A reason is required for this decision."), code="reason_required")
            updates.update(approved_amount=None, approved_rate=None, approved_tenor=None, status_reason=reason.strip())
            final = S.REJECTED
            size = application.amount_requested
        if size > bank.four_eyes_above:
            return _move(
                application,
                S.CONFIRMING,
                actor=actor,
                reason=reason,
                updates=updates,
                action=f"loan_proposed_{decision}",
            )
        return _move(application, final, actor=actor, reason=reason, updates=updates, action=f"loan_{decision}d")


def application_confirm(*, application: Application, confirm: bool, actor, reason="") -> Application:
    """A bank supervisor confirms (or sends back) an officer's decision: never their own."""
    with transaction.atomic():
        application = _lock(application)
        _require_bank(application, actor)
        if not actor.has_role(Role.BANK_SUPERVISOR):
            raise FinancingError(_("Only a bank supervisor can confirm a decision."), code="not_supervisor")
        if application.status != S.CONFIRMING:
            raise FinancingError(_("This application has no decision waiting for confirmation."), code="state")
        if application.decided_by_id == actor.pk:
            raise FinancingError(
                _("Another supervisor must confirm: the same person cannot decide and confirm."), code="four_eyes"
            )
        if not confirm:
            if not (reason or "").strip():
                raise FinancingError(_("A reason is required for this decision."), code="reason_required")
            return _move(
                application,
                S.SENT,
                actor=actor,
                reason=reason,
                updates={"decision": "", "decided_by": None, "decided_at": None},
                action="loan_decision_sent_back",
                notify=False,
            )
        final = S.APPROVED if application.decision == Application.Decision.APPROVE else S.REJECTED
        return _move(
            application,
            final,
            actor=actor,
            reason=application.status_reason if final == S.REJECTED else "",
            updates={"confirmed_by": actor, "confirmed_at": timezone.now()},
            action=f"loan_{application.decision}_confirmed",
        )


def application_disburse(*, application: Application, on, amount: Decimal, bank_reference: str, actor) -> Application:
    """Record the disbursement (to the institution, for a course fee) and draw up the schedule."""
    with transaction.atomic():
        application = _lock(application)
        _require_bank(application, actor)
        if application.status != S.ACCEPTED:
            raise FinancingError(_("Disbursement follows the seeker's acceptance of the offer."), code="state")
        problems = []
        if on > timezone.localdate():
            problems.append(_("The disbursement date cannot be in the future."))
        if amount > application.approved_amount:
            problems.append(
                _("The disbursed amount cannot exceed the approved amount (%(amount)s).")
                % {"amount": rupiah(application.approved_amount)}
            )
        if not bank_reference.strip():
            problems.append(_("Give the bank's transaction reference."))
        if problems:
            raise FinancingError(problems)
        schedule = build_schedule(
            principal=amount,
            annual_rate=application.approved_rate,
            tenor=application.approved_tenor,
            method=application.product.method,
            grace=application.product.grace_months,
            start=on,
        )
        Instalment.objects.bulk_create(
            Instalment(
                application=application,
                number=row.number,
                due_date=row.due_date,
                principal=row.principal,
                interest=row.interest,
                amount=row.amount,
                balance_after=row.balance,
            )
            for row in schedule.rows
        )
        seeker_changed(application.seeker_id)  # bulk_create sends no post_save (seekers.sections)
        return _move(
            application,
            S.DISBURSED,
            actor=actor,
            updates={
                "disbursed_on": on,
                "disbursed_amount": amount,
                "bank_reference": bank_reference.strip(),
                "outstanding": amount,
            },
            action="loan_disbursed",
        )


def application_write_off(*, application: Application, reason: str, actor) -> Application:
    with transaction.atomic():
        application = _lock(application)
        _require_bank(application, actor)
        if not actor.has_role(Role.BANK_SUPERVISOR):
            raise FinancingError(_("Only a bank supervisor can write a loan off."), code="not_supervisor")
        return _move(application, S.WRITTEN_OFF, actor=actor, reason=reason, updates={"status_reason": reason},
                     action="loan_written_off")  # fmt: skip


# --- Other apps' events --------------------------------------------------------------------------


def applications_stop_for_candidacy(*, candidacy: Candidacy) -> int:
    """The internship candidacy ended before the money was paid (did not pass, withdrawn): its open
    departure-cost applications stop, with that reason. Runs inside the candidacy's transaction."""
    reason = _("The internship candidacy ended (%(status)s).") % {"status": candidacy.get_status_display()}
    if candidacy.status_reason:
        reason = f"{reason} {candidacy.status_reason}"[:500]
    stopped = 0
    for application in Application.objects.filter(candidacy=candidacy, status__in=Application.BEFORE_DISBURSEMENT):
        locked = _lock(application)
        if locked.status in Application.BEFORE_DISBURSEMENT:
            _move(
                locked, S.STOPPED, actor=None, reason=reason, updates={"status_reason": reason}, action="loan_stopped"
            )
            stopped += 1
    return stopped


def applications_stop_for_enrolment(*, enrolment: Enrolment) -> int:
    """The enrolment ended before the money was paid (dropped, withdrawn, not accepted after all):
    its open applications stop, with that reason. Runs inside the enrolment's transaction."""
    stopped = 0
    label = enrolment.get_status_display()
    reason = _("The training enrolment ended (%(status)s).") % {"status": label}
    if enrolment.status_reason:
        reason = f"{reason} {enrolment.status_reason}"[:500]
    for application in Application.objects.filter(enrolment=enrolment, status__in=Application.BEFORE_DISBURSEMENT):
        locked = _lock(application)
        if locked.status in Application.BEFORE_DISBURSEMENT:
            _move(
                locked, S.STOPPED, actor=None, reason=reason, updates={"status_reason": reason}, action="loan_stopped"
            )
            stopped += 1
    return stopped
