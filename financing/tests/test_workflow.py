"""The whole workflow through the services, and the rules each step enforces."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.models import AuditLog
from financing import services
from financing.models import Application, Instalment
from financing.tests.factories import BankStaffFactory, days_ago, jpeg_upload
from notifications.models import Notification
from trainings import services as training_services
from trainings.models import Enrolment

S = Application.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _draft(borrower, product, amount=Decimal(5_000_000), tenor=12):
    return services.application_create(
        seeker=borrower, product=product, enrolment=borrower.enrolment, amount=amount, tenor=tenor, actor=borrower.user
    )


def _submitted(borrower, product, **kwargs):
    application = _draft(borrower, product, **kwargs)
    for kind in ("ktp", "kk", "income"):
        services.document_store(application=application, kind=kind, upload=jpeg_upload(), actor=borrower.user)
    return services.application_submit(application=application, consent=True, actor=borrower.user)


def _sent(borrower, product, staff, **kwargs):
    application = _submitted(borrower, product, **kwargs)
    application = services.application_verify(application=application, note="KTP cocok", actor=staff)
    return services.application_send(application=application, actor=staff)


@pytest.mark.django_db
def test_a_loan_goes_from_draft_to_disbursed_with_a_schedule_audited_and_notified(
    borrower, product, disnaker_staff, officer
):
    application = _sent(borrower, product, disnaker_staff)
    assert application.status == S.SENT
    assert application.consent_version == services.CONSENT_VERSION and application.consent_at is not None
    approved = services.application_decide(
        application=application, decision="approve", amount=Decimal(4_000_000), rate=Decimal("6"), tenor=6,
        actor=officer,
    )  # fmt: skip
    assert approved.status == S.APPROVED  # Rp 4 million is under the four-eyes amount
    accepted = services.offer_answer(application=approved, accept=True, actor=borrower.user)
    loan = services.application_disburse(
        application=accepted, on=days_ago(1), amount=Decimal(4_000_000), bank_reference="TRX-1", actor=officer
    )
    assert loan.status == S.DISBURSED and loan.outstanding == Decimal(4_000_000)
    rows = list(Instalment.objects.filter(application=loan))
    assert len(rows) == 6 and sum(r.principal for r in rows) == Decimal(4_000_000)
    assert sum(r.amount for r in rows) == Decimal(4_000_000) + Decimal(4_000_000) * Decimal("0.06") / 2
    moves = list(
        AuditLog.objects.filter(object_id=loan.pk, content_type__model="application")
        .exclude(to_status="")
        .order_by("pk")
        .values_list("to_status", flat=True)
    )
    assert moves == ["draft", "submitted", "verified", "sent", "approved", "accepted", "disbursed"]
    events = Notification.objects.filter(recipient=borrower.user, event="financing.status_changed", channel="inbox")
    assert events.count() == 6


@pytest.mark.django_db
def test_an_application_cannot_skip_verification(borrower, product, officer):
    application = _submitted(borrower, product)
    with pytest.raises(ValidationError):
        services.application_send(application=application, actor=officer)
    with pytest.raises(ValidationError):
        services.application_decide(
            application=application, decision="approve", amount=Decimal(1_000_000), rate=Decimal(6), tenor=6,
            actor=officer,
        )  # fmt: skip
    assert Application.objects.get().status == S.SUBMITTED


@pytest.mark.django_db
def test_a_bank_that_was_not_chosen_cannot_decide(borrower, product, disnaker_staff, other_officer):
    application = _sent(borrower, product, disnaker_staff)
    with pytest.raises(ValidationError, match="chosen bank"):
        services.application_decide(application=application, decision="reject", reason="no", actor=other_officer)
    assert Application.objects.get().status == S.SENT


@pytest.mark.django_db
def test_above_the_banks_amount_a_supervisor_confirms_and_never_their_own_decision(
    borrower, product, disnaker_staff, officer, supervisor
):
    program = borrower.enrolment.batch.program
    program.fee = Decimal(20_000_000)
    program.save()
    application = _sent(borrower, product, disnaker_staff, amount=Decimal(15_000_000))
    proposed = services.application_decide(
        application=application, decision="approve", amount=Decimal(15_000_000), rate=Decimal(6), tenor=12,
        actor=supervisor,
    )  # fmt: skip
    assert proposed.status == S.CONFIRMING
    with pytest.raises(ValidationError, match="same person"):
        services.application_confirm(application=proposed, confirm=True, actor=supervisor)
    with pytest.raises(ValidationError, match="supervisor"):
        services.application_confirm(application=proposed, confirm=True, actor=officer)
    second = UserFactory(full_name="Hadi Pranoto", role=Role.BANK_SUPERVISOR)
    BankStaffFactory(user=second, bank=supervisor.bank_staff.bank)
    with pytest.raises(ValidationError, match="reason"):
        services.application_confirm(application=proposed, confirm=False, actor=second)
    sent_back = services.application_confirm(application=proposed, confirm=False, reason="Cek slip gaji", actor=second)
    assert sent_back.status == S.SENT and sent_back.decided_by is None
    # The officer decides again: the supervisor who did not decide confirms it.
    proposed = services.application_decide(
        application=sent_back, decision="approve", amount=Decimal(15_000_000), rate=Decimal(6), tenor=12, actor=officer
    )
    confirmed = services.application_confirm(application=proposed, confirm=True, actor=supervisor)
    assert confirmed.status == S.APPROVED
    assert confirmed.decided_by == officer and confirmed.confirmed_by == supervisor


@pytest.mark.django_db
def test_a_rejection_needs_a_reason(borrower, product, disnaker_staff, officer):
    application = _sent(borrower, product, disnaker_staff)
    with pytest.raises(ValidationError, match="reason"):
        services.application_decide(application=application, decision="reject", reason="  ", actor=officer)
    rejected = services.application_decide(
        application=application, decision="reject", reason="Penghasilan belum cukup", actor=officer
    )
    assert rejected.status == S.REJECTED and rejected.status_reason == "Penghasilan belum cukup"


@pytest.mark.django_db
def test_returned_for_correction_says_what_to_fix_and_can_be_resubmitted(borrower, product, disnaker_staff):
    application = _submitted(borrower, product)
    with pytest.raises(ValidationError):
        services.application_return(application=application, reason="", actor=disnaker_staff)
    returned = services.application_return(application=application, reason="Foto KK buram", actor=disnaker_staff)
    assert returned.status == S.RETURNED and returned.status_reason == "Foto KK buram"
    resubmitted = services.application_submit(application=returned, consent=True, actor=borrower.user)
    assert resubmitted.status == S.SUBMITTED and resubmitted.status_reason == ""


@pytest.mark.django_db
def test_submitting_needs_consent_and_every_document(borrower, product):
    application = _draft(borrower, product)
    with pytest.raises(ValidationError, match="Agree"):
        services.application_submit(application=application, consent=False, actor=borrower.user)
    with pytest.raises(ValidationError, match="documents"):
        services.application_submit(application=application, consent=True, actor=borrower.user)
    assert Application.objects.get().status == S.DRAFT


@pytest.mark.django_db
def test_the_amount_cannot_exceed_the_unpaid_course_fee_or_the_products_maximum(borrower, product):
    with pytest.raises(ValidationError, match="course fee still unpaid"):
        _draft(borrower, product, amount=Decimal(8_000_001))
    product.max_amount = Decimal(3_000_000)
    product.save()
    with pytest.raises(ValidationError, match="largest amount"):
        _draft(borrower, product, amount=Decimal(3_000_001))
    with pytest.raises(ValidationError, match="tenor"):
        _draft(borrower, product, amount=Decimal(1_000_000), tenor=37)
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_one_active_application_per_seeker(borrower, product):
    _draft(borrower, product)
    with pytest.raises(ValidationError, match="already have"):
        _draft(borrower, product)


@pytest.mark.django_db
def test_a_dropped_enrolment_stops_the_application_with_that_reason(borrower, product, disnaker_staff):
    application = _sent(borrower, product, disnaker_staff)
    enrolment = Enrolment.objects.get(pk=borrower.enrolment.pk)
    training_services.enrolment_withdraw(enrolment=enrolment, actor=borrower.user)
    application.refresh_from_db()
    assert application.status == S.STOPPED
    assert "Withdrawn" in application.status_reason or "Mengundurkan" in application.status_reason


@pytest.mark.django_db
def test_the_seeker_may_withdraw_until_disbursement_only(borrower, product, disnaker_staff, officer):
    application = _sent(borrower, product, disnaker_staff)
    withdrawn = services.application_withdraw(application=application, actor=borrower.user)
    assert withdrawn.status == S.WITHDRAWN
    with pytest.raises(ValidationError):
        services.application_decide(
            application=withdrawn, decision="approve", amount=Decimal(1_000_000), rate=Decimal(6), tenor=6,
            actor=officer,
        )  # fmt: skip


@pytest.mark.django_db
def test_a_withdrawal_from_a_page_that_is_out_of_date_is_refused(borrower, product, disnaker_staff, officer):
    application = _sent(borrower, product, disnaker_staff)
    services.application_decide(
        application=application, decision="approve", amount=Decimal(5_000_000), rate=Decimal(6), tenor=12,
        actor=officer,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="changed in the meantime"):
        services.application_withdraw(application=application, actor=borrower.user, seen_status=S.SENT)
    assert Application.objects.get().status == S.APPROVED
