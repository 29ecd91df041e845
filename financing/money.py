"""Rupiah amounts typed by people: "7000001", "7.000.001", "Rp 7.000.001", "Rp7.000.001,00".

Everything stays `Decimal` (or `str` on the way in): a `float` never touches money here, and a
`float` handed in is refused rather than trusted.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Optional "Rp", then digits either plain or grouped by dots in threes (Indonesian notation), then
# optionally ",00" / ",0" (zero sen: amounts are whole rupiah).
_AMOUNT = re.compile(r"^(?:rp\.?\s*)?(?P<sign>-)?\s*(?P<digits>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<sen>\d{1,2}))?$", re.I)

ERRORS = {
    "invalid": _("Write the amount in rupiah with digits only, e.g. 7000000 or Rp 7.000.000."),
    "not_positive": _("The amount must be more than zero."),
    "sen": _("Amounts are in whole rupiah, without sen."),
    "too_large": _("The amount is too large."),
}

MAX_AMOUNT = Decimal("99999999999999")  # 14 digits, the columns' size


def parse_rupiah(value) -> Decimal:
    """A whole, positive rupiah amount from what a person or a file wrote, or a ValidationError."""
    if isinstance(value, (bool, float)):
        raise TypeError("Money is never a float (or a bool); pass a str, int or Decimal.")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValidationError(ERRORS["sen"], code="sen")
        amount = value
    else:
        text = " ".join(str(value or "").split())
        match = _AMOUNT.match(text)
        if not match:
            raise ValidationError(ERRORS["invalid"], code="invalid")
        if match["sen"] and int(match["sen"]) != 0:
            raise ValidationError(ERRORS["sen"], code="sen")
        try:
            amount = Decimal(match["digits"].replace(".", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits digits only
            raise ValidationError(ERRORS["invalid"], code="invalid") from None
        if match["sign"]:
            amount = -amount
    if amount <= 0:
        raise ValidationError(ERRORS["not_positive"], code="not_positive")
    if amount > MAX_AMOUNT:
        raise ValidationError(ERRORS["too_large"], code="too_large")
    return amount.quantize(Decimal(1))
