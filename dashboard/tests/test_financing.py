"""Financing's figures on the dashboard, on a small hand-built data set."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dashboard.figures import figures
from dashboard.filters import Filters
from dashboard.summaries import refresh
from financing.models import Application
from financing.tests.factories import ApplicationFactory, ProductFactory

from .factories import YEAR, at

pytestmark = pytest.mark.django_db
S = Application.Status
RP = Decimal(5_000_000)


def _loan(product, status, **fields):
    return ApplicationFactory(product=product, status=status, **fields)


@pytest.fixture
def loans():
    """6 loans being repaid and 2 in arrears (all approved and paid out this year), 1 rejected."""
    product = ProductFactory()
    paid = {"decided_at": at(3), "approved_amount": RP, "disbursed_on": at(4).date(), "disbursed_amount": RP}
    for _ in range(6):
        _loan(product, S.REPAYING, outstanding=RP, **paid)
    for _ in range(2):
        _loan(product, S.ARREARS, outstanding=Decimal(1_000_000), **paid)
    _loan(product, S.REJECTED, decided_at=at(3), status_reason="Tidak memenuhi syarat")
    refresh()
    return product


def test_loans_approved_disbursed_and_in_arrears_with_their_rupiah(loans):
    result = figures(Filters(year=YEAR))
    assert result.headline("approved_count") == (8, "8")
    assert result.headline("disbursed_amount") == (40_000_000, "40.000.000")
    assert result.headline("arrears_count") == (None, "<5")
    assert result.headline("arrears_outstanding") == (None, "×")  # would tell the hidden count's size


def test_loan_figures_exist_only_for_a_whole_year_of_the_whole_regency(loans):
    assert ("approved_count", "period") not in figures(Filters(year=YEAR, kecamatan="32.16.09")).values


def test_the_portfolio_panel_lists_each_bank_by_status_with_small_counts_hidden(client, tkp3d_member, loans):
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:index"), {"year": YEAR})
    portfolio = next(data for panel, data in response.context["panels"] if panel.key == "portfolio")
    ((bank, rows),) = portfolio["banks"]
    assert bank == loans.bank.name
    by_status = {row["status"]: row for row in rows}
    assert by_status[str(S.REPAYING.label)]["count"] == "6"
    assert by_status[str(S.REPAYING.label)]["amount"] == "Rp 30.000.000"
    assert by_status[str(S.ARREARS.label)]["count"] == "<5" and by_status[str(S.ARREARS.label)]["amount"] == "×"
    cards = {card["key"]: card for card in response.context["cards"]}
    assert cards["disbursed_amount"]["display"] == "Rp 40.000.000"
