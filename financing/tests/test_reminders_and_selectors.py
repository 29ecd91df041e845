"""Reminders three days before each due date and in arrears; the dashboard's aggregates."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from financing import selectors, tasks
from financing.models import Application, Instalment
from financing.tests.factories import ApplicationFactory, ProductFactory
from notifications.models import Notification

S = Application.Status


def _loan(product, *, status=S.REPAYING, amount=6_000_000, disbursed=None, **kwargs):
    return ApplicationFactory(
        product=product, status=status, approved_amount=Decimal(amount), approved_rate=Decimal(6), approved_tenor=6,
        disbursed_on=disbursed or timezone.localdate(), disbursed_amount=Decimal(amount), outstanding=Decimal(amount),
        decided_at=timezone.now(), **kwargs,
    )  # fmt: skip


def _instalment(loan, due, *, paid=0):
    return Instalment.objects.create(
        application=loan, number=Instalment.objects.filter(application=loan).count() + 1, due_date=due,
        principal=Decimal(1_000_000), interest=Decimal(30_000), amount=Decimal(1_030_000), balance_after=0,
        paid_amount=Decimal(paid),
    )  # fmt: skip


@pytest.mark.django_db
def test_borrowers_are_reminded_three_days_before_each_due_date_once(product):
    today = timezone.localdate()
    loan = _loan(product)
    due = _instalment(loan, today + datetime.timedelta(days=3))
    _instalment(loan, today + datetime.timedelta(days=4))  # not yet
    paid_loan = _loan(product)
    _instalment(paid_loan, today + datetime.timedelta(days=3), paid=1_030_000)  # already paid
    settled = _loan(product, status=S.SETTLED)
    _instalment(settled, today + datetime.timedelta(days=3))
    tasks.remind_instalments()
    tasks.remind_instalments()  # a repeated run reminds nobody twice
    reminders = Notification.objects.filter(event="financing.instalment_due", channel="inbox")
    assert list(reminders.values_list("recipient", "key")) == [
        (loan.seeker.user_id, f"financing.instalment_due.{due.pk}")
    ]
    assert "Rp 1.030.000" in reminders.get().body


@pytest.mark.django_db
def test_loans_in_arrears_are_reminded_once_a_week(product):
    loan = _loan(product, status=S.ARREARS, days_past_due=45)
    tasks.remind_instalments()
    tasks.remind_instalments()
    reminders = Notification.objects.filter(event="financing.in_arrears", channel="inbox", recipient=loan.seeker.user)
    assert reminders.count() == 1 and "45" in reminders.get().body


@pytest.mark.django_db
def test_the_dashboard_aggregates_are_plain_values(product, other_bank):
    year = timezone.localdate().year
    _loan(product, amount=6_000_000)
    _loan(ProductFactory(bank=other_bank), status=S.ARREARS, amount=4_000_000)
    ApplicationFactory(product=product, status=S.SENT, amount_requested=Decimal(2_500_000))
    ApplicationFactory(
        product=product, status=S.APPROVED, approved_amount=Decimal(3_000_000), decided_at=timezone.now()
    )
    totals = selectors.loan_totals(year=year)
    assert totals == {
        "approved_count": 3, "approved_amount": 13_000_000, "disbursed_count": 2, "disbursed_amount": 10_000_000,
        "arrears_count": 1, "arrears_outstanding": 4_000_000,
    }  # fmt: skip
    assert selectors.loan_totals(year=year - 1)["disbursed_count"] == 0
    rows = selectors.portfolio_by_bank_and_status(year=year)
    assert {(r["bank"], r["status"], r["count"], r["amount"]) for r in rows} == {
        (product.bank.name, "repaying", 1, 6_000_000),
        (product.bank.name, "sent", 1, 2_500_000),
        (product.bank.name, "approved", 1, 5_000_000),
        (other_bank.name, "arrears", 1, 4_000_000),
    }
    assert all(isinstance(r["status_label"], str) for r in rows)
    assert selectors.loans_per_year() == [{"year": year, "disbursed_count": 2, "disbursed_amount": 10_000_000}]
