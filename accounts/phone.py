"""Indonesian mobile numbers, stored in one form: +628xxxxxxxxx."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-().]")
# Indonesian mobile numbers: 08xx / +628xx, 9 to 12 digits after the leading 8's country code.
_MOBILE = re.compile(r"^\+628[1-9][0-9]{6,10}$")


def normalize_phone(value: str) -> str:
    """Return the +62 form of an Indonesian mobile number, or raise ValidationError."""
    raw = _SEPARATORS.sub("", value or "")
    if raw.startswith("+62"):
        digits = raw[3:]
    elif raw.startswith("62"):
        digits = raw[2:]
    elif raw.startswith("0"):
        digits = raw[1:]
    else:
        digits = raw
    number = "+62" + digits
    if not digits.isascii() or not _MOBILE.match(number):
        raise ValidationError(_("Enter an Indonesian mobile number, for example 0812 3456 7890."), code="invalid_phone")
    return number


def validate_phone(value):
    normalize_phone(value)


def display_phone(value: str) -> str:
    """+6281234567890 -> 0812-3456-7890: a stored number written the way people write it."""
    if not value or not value.startswith("+62"):
        return value or ""
    local = "0" + value[3:]
    return "-".join(local[i : i + 4] for i in range(0, len(local), 4))
