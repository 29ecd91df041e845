"""The one repayment-schedule function: the public simulator and every approved loan use it.

Rules, in `Decimal` from start to end (a `float` never touches money):

- `tenor` is the number of principal instalments; a grace period adds `grace` months before
  them in which only interest is paid (so the schedule has `grace + tenor` rows).
- Flat rate: interest each month is principal × annual rate / 12, the same every month; the
  principal is repaid in equal parts.
- Effective rate (annuity): equal instalments over the tenor, interest on the remaining balance.
- Every amount is rounded to whole rupiah (half up); the rounding difference goes into the last
  instalment, so the rows sum exactly to the totals and the last balance is zero.
- For flat-rate products the equivalent effective annual rate is given too (the rate of an
  annuity with the same cash flows: 12 × the monthly internal rate of return), because a flat
  6% costs about twice what an effective 6% does, and people should see that.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from dateutil.relativedelta import relativedelta

FLAT = "flat"
ANNUITY = "annuity"
ONE = Decimal(1)
ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_TWELVE = Decimal(12)


def _rupiah(value: Decimal) -> Decimal:
    return value.quantize(ONE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Row:
    number: int
    due_date: date
    principal: Decimal
    interest: Decimal
    amount: Decimal
    balance: Decimal  # remaining principal after this instalment
    grace: bool = False


@dataclass(frozen=True)
class Schedule:
    principal: Decimal
    annual_rate: Decimal  # percent a year, as the product states it
    method: str
    tenor: int
    grace: int
    rows: tuple[Row, ...]
    total_interest: Decimal
    total_repaid: Decimal
    instalment: Decimal  # the regular instalment after the grace period (the last may differ)
    effective_rate: Decimal | None  # percent a year; for flat-rate products only

    @property
    def first_due_date(self) -> date:
        return self.rows[0].due_date


def _as_decimal(value, name) -> Decimal:
    if isinstance(value, (float, bool)):
        raise TypeError(f"{name} must be a Decimal, int or str, never a float.")
    return Decimal(value)


def build_schedule(*, principal, annual_rate, tenor: int, method: str, grace: int = 0, start: date) -> Schedule:
    """The repayment schedule of `principal` (whole rupiah) at `annual_rate` percent a year, repaid
    in `tenor` monthly instalments after `grace` interest-only months; row i is due i months
    after `start` (the disbursement date; month ends stay month ends)."""
    principal = _as_decimal(principal, "principal")
    annual_rate = _as_decimal(annual_rate, "annual_rate")
    if principal <= 0 or principal != principal.to_integral_value():
        raise ValueError("The principal is a positive whole number of rupiah.")
    if annual_rate < 0:
        raise ValueError("The rate cannot be negative.")
    if tenor < 1 or grace < 0:
        raise ValueError("The tenor is at least one month and the grace period not negative.")
    if method not in (FLAT, ANNUITY):
        raise ValueError(f"Unknown method {method!r}.")

    with localcontext() as ctx:
        ctx.prec = 40
        monthly = annual_rate / _HUNDRED / _TWELVE
        rows: list[Row] = []
        balance = principal

        def due(n):
            return start + relativedelta(months=n)

        if method == FLAT:
            monthly_interest = principal * monthly  # the same every month, grace months included
            total_interest = _rupiah(monthly_interest * (grace + tenor))
            interest_each = _rupiah(monthly_interest)
            principal_each = _rupiah(principal / tenor)
            interest_left = total_interest
            for n in range(1, grace + tenor + 1):
                last = n == grace + tenor
                in_grace = n <= grace
                p = ZERO if in_grace else (balance if last else min(principal_each, balance))
                i = interest_left if last else min(interest_each, interest_left)
                balance -= p
                interest_left -= i
                rows.append(Row(n, due(n), p, i, p + i, balance, in_grace))
            instalment = principal_each + interest_each
        else:
            if monthly == 0:
                instalment = _rupiah(principal / tenor)
            else:
                instalment = _rupiah(principal * monthly / (ONE - (ONE + monthly) ** -tenor))
            for n in range(1, grace + tenor + 1):
                last = n == grace + tenor
                in_grace = n <= grace
                i = _rupiah(balance * monthly)
                if in_grace:
                    p = ZERO
                elif last:
                    p = balance
                else:
                    # Rounding up may pay the balance off a little early: never below zero.
                    p = min(max(instalment - i, ZERO), balance)
                balance -= p
                rows.append(Row(n, due(n), p, i, p + i, balance, in_grace))
            total_interest = sum((r.interest for r in rows), ZERO)

        total_repaid = principal + total_interest
        effective = _equivalent_effective_rate(principal, [r.amount for r in rows]) if method == FLAT else None
    return Schedule(
        principal=principal,
        annual_rate=annual_rate,
        method=method,
        tenor=tenor,
        grace=grace,
        rows=tuple(rows),
        total_interest=total_interest,
        total_repaid=total_repaid,
        instalment=instalment,
        effective_rate=effective,
    )


def _present_value(rate: Decimal, payments: list[Decimal]) -> Decimal:
    factor = ONE / (ONE + rate)
    value, discount = ZERO, ONE
    for payment in payments:
        discount *= factor
        value += payment * discount
    return value


def _equivalent_effective_rate(principal: Decimal, payments: list[Decimal]) -> Decimal:
    """12 × the monthly rate at which the payments are worth the principal today, in percent a
    year, to two decimals. Bisection: the present value falls as the rate rises."""
    if sum(payments, ZERO) <= principal:
        return ZERO.quantize(Decimal("0.01"))
    low, high = ZERO, ONE  # 0% to 100% a month brackets every product a bank offers
    for _ in range(80):
        middle = (low + high) / 2
        if _present_value(middle, payments) > principal:
            low = middle
        else:
            high = middle
    return (low * _TWELVE * _HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
