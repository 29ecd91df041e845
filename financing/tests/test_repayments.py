"""Repayment files: validated as a whole, line by line; idempotent; statuses follow."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from financing import repayments, services
from financing.models import Application, Instalment, Repayment, RepaymentFile
from financing.tests.factories import ApplicationFactory, days_ago
from notifications.models import Notification

S = Application.Status
HEADER = "loan_reference,payment_date,amount_paid,outstanding_balance,days_past_due\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def loan(product, officer):
    """Rp 6.000.000 at 0% over 6 months, disbursed 100 days ago: Rp 1.000.000 a month."""
    application = ApplicationFactory(
        product=product, status=S.ACCEPTED, approved_amount=Decimal(6_000_000), approved_rate=Decimal(0),
        approved_tenor=6, amount_requested=Decimal(6_000_000), tenor_requested=6,
    )  # fmt: skip
    return services.application_disburse(
        application=application, on=days_ago(100), amount=Decimal(6_000_000), bank_reference="T1", actor=officer
    )


def _csv(*lines):
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def _import(bank, data, name="angsuran.csv", actor=None):
    return repayments.import_file(bank=bank, name=name, data=data, actor=actor)


@pytest.mark.django_db
def test_a_malformed_file_is_rejected_line_by_line_with_nothing_changed(bank, loan, other_bank, officer):
    foreign = ApplicationFactory(
        product__bank=other_bank, status=S.DISBURSED, disbursed_on=days_ago(50), disbursed_amount=Decimal(1_000_000)
    )
    future = days_ago(-3).isoformat()
    data = _csv(
        f"{loan.reference},{days_ago(60).isoformat()},1000000,5000000,0",  # line 2: fine
        f"{loan.reference},{days_ago(30).isoformat()},satu juta,4000000,0",  # 3: amount not numeric
        f"PB-9999-999999,{days_ago(30).isoformat()},1000000,4000000,0",  # 4: unknown reference
        f"{foreign.reference},{days_ago(30).isoformat()},1000000,0,0",  # 5: another bank's loan: unknown too
        f"{loan.reference},{future},1000000,4000000,0",  # 6: a date in the future
        f"{loan.reference},{days_ago(60).isoformat()},1000000,5000000,0",  # 7: the same as line 2
    )
    with pytest.raises(repayments.RepaymentFileError) as caught:
        _import(bank, data, actor=officer)
    assert [(e.line, e.column) for e in caught.value.line_errors] == [
        (3, "amount_paid"),
        (4, "loan_reference"),
        (5, "loan_reference"),
        (6, "payment_date"),
        (7, "-"),
    ]
    assert "line 2" in caught.value.line_errors[-1].message
    assert not Repayment.objects.exists() and not RepaymentFile.objects.exists()
    loan.refresh_from_db()
    assert loan.status == S.DISBURSED and loan.outstanding == Decimal(6_000_000)


@pytest.mark.django_db
def test_a_wrong_header_is_reported_on_line_one(bank, loan):
    with pytest.raises(repayments.RepaymentFileError) as caught:
        _import(bank, b"ref,date,amount\nPB,2026-01-01,1\n")
    assert [(e.line, e.column) for e in caught.value.line_errors] == [(1, "header")]


@pytest.mark.django_db
def test_payments_follow_the_loan_status_and_mark_instalments_paid(bank, loan, officer):
    result = _import(bank, _csv(f"{loan.reference},{days_ago(70).isoformat()},2000000,4000000,0"), actor=officer)
    assert (result.rows, result.new_rows, result.loans) == (1, 1, 1)
    loan.refresh_from_db()
    assert loan.status == S.REPAYING and loan.outstanding == Decimal(4_000_000)
    paid = list(Instalment.objects.filter(application=loan).values_list("paid_amount", flat=True))
    assert paid == [Decimal(1_000_000)] * 2 + [Decimal(0)] * 4

    _import(bank, _csv(f"{loan.reference},{days_ago(5).isoformat()},0,4000000,31"), name="2.csv")
    loan.refresh_from_db()
    assert loan.status == S.ARREARS and loan.days_past_due == 31
    assert Notification.objects.filter(event="financing.status_changed", recipient=loan.seeker.user).exists()

    _import(bank, _csv(f"{loan.reference},{days_ago(1).isoformat()},Rp 4.000.000,0,0"), name="3.csv")
    loan.refresh_from_db()
    assert loan.status == S.SETTLED and loan.outstanding == 0
    assert all(i.is_paid for i in Instalment.objects.filter(application=loan))


@pytest.mark.django_db
def test_uploading_the_same_file_twice_changes_nothing(bank, loan, officer):
    data = _csv(f"{loan.reference},{days_ago(70).isoformat()},1000000,5000000,0")
    _import(bank, data, actor=officer)
    again = _import(bank, data, actor=officer)
    assert again.already_uploaded and Repayment.objects.count() == 1 and RepaymentFile.objects.count() == 1
    # A cumulative file repeating the line it already sent, plus a new one: only the new line counts.
    result = _import(
        bank,
        _csv(
            f"{loan.reference},{days_ago(70).isoformat()},1000000,5000000,0",
            f"{loan.reference},{days_ago(40).isoformat()},1000000,4000000,0",
        ),
        actor=officer,
    )
    assert (result.rows, result.new_rows) == (2, 1)
    loan.refresh_from_db()
    assert loan.outstanding == Decimal(4_000_000)


@pytest.mark.django_db
def test_an_excel_file_is_read_like_a_csv(bank, loan, officer):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(repayments.HEADER))
    sheet.append([loan.reference, days_ago(70), 1_000_000, 5_000_000.0, 0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _import(bank, buffer.getvalue(), name="angsuran.xlsx", actor=officer)
    assert result.new_rows == 1
    assert Repayment.objects.get().amount == Decimal(1_000_000)


@pytest.mark.django_db
def test_semicolons_and_indonesian_amounts_are_accepted(bank, loan, officer):
    data = (
        "loan_reference;payment_date;amount_paid;outstanding_balance;days_past_due\n"
        f"{loan.reference};{days_ago(70):%d/%m/%Y};Rp 1.000.000;5.000.000;0\n"
    ).encode()
    assert _import(bank, data, actor=officer).new_rows == 1
