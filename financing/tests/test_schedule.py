from datetime import date
from decimal import Decimal

import pytest

from financing.schedule import ANNUITY, FLAT, build_schedule

START = date(2026, 1, 31)


@pytest.mark.parametrize("grace", [0, 3])
@pytest.mark.parametrize("rate", ["0", "6", "11.99"])
@pytest.mark.parametrize("amount", ["1", "7000001", "50000000"])
@pytest.mark.parametrize("tenor", [1, 6, 7, 12, 36])
@pytest.mark.parametrize("method", [FLAT, ANNUITY])
def test_the_schedule_sums_exactly_to_the_total_repaid(method, tenor, amount, rate, grace):
    schedule = build_schedule(
        principal=Decimal(amount), annual_rate=Decimal(rate), tenor=tenor, method=method, grace=grace, start=START
    )
    rows = schedule.rows
    assert len(rows) == grace + tenor
    assert sum(r.amount for r in rows) == schedule.total_repaid
    assert sum(r.principal for r in rows) == Decimal(amount)
    assert sum(r.interest for r in rows) == schedule.total_interest
    assert schedule.total_repaid == Decimal(amount) + schedule.total_interest
    assert rows[-1].balance == 0
    for row in rows:
        assert row.amount == row.principal + row.interest
        assert row.principal >= 0 and row.interest >= 0 and row.balance >= 0
        for value in (row.principal, row.interest, row.amount, row.balance):
            assert isinstance(value, Decimal) and value == value.to_integral_value()
    assert all(r.principal == 0 for r in rows[:grace])
    if rate == "0":
        assert schedule.total_interest == 0
    if method == FLAT:
        assert schedule.effective_rate is not None
    else:
        assert schedule.effective_rate is None


def test_the_rounding_difference_goes_into_the_last_instalment():
    schedule = build_schedule(principal=Decimal("7000001"), annual_rate=Decimal("0"), tenor=7, method=FLAT, start=START)
    assert [r.amount for r in schedule.rows] == [Decimal(1_000_000)] * 6 + [Decimal(1_000_001)]


def test_a_flat_rate_costs_about_twice_the_same_effective_rate():
    flat = build_schedule(principal=Decimal("12000000"), annual_rate=Decimal("6"), tenor=12, method=FLAT, start=START)
    assert flat.total_interest == Decimal("720000")
    assert flat.instalment == Decimal("1060000")
    assert Decimal("10.8") < flat.effective_rate < Decimal("11.0")  # 10.90% a year


def test_an_annuity_matches_the_textbook_instalment():
    schedule = build_schedule(
        principal=Decimal("50000000"), annual_rate=Decimal("6"), tenor=12, method=ANNUITY, start=START
    )
    assert schedule.instalment == Decimal("4303321")  # PMT(0.5%, 12, 50,000,000)
    assert schedule.rows[0].interest == Decimal("250000")


def test_due_dates_are_monthly_and_month_ends_stay_month_ends():
    schedule = build_schedule(principal=Decimal("600"), annual_rate=Decimal("6"), tenor=3, method=FLAT, start=START)
    assert [r.due_date for r in schedule.rows] == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_money_never_passes_through_float():
    with pytest.raises(TypeError):
        build_schedule(principal=1000.0, annual_rate=Decimal("6"), tenor=3, method=FLAT, start=START)
    with pytest.raises(TypeError):
        build_schedule(principal=Decimal(1000), annual_rate=6.0, tenor=3, method=FLAT, start=START)
