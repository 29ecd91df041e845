"""Rupiah and date formatting as Indonesians write them, whatever the interface language."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone


def rupiah(value) -> str:
    """5137574 -> "Rp 5.137.574" (whole rupiah, dots between thousands, minus sign first)."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")


def long_date(value) -> str:
    """A date or datetime as "16 November 2022" in the active language (datetimes in Asia/Jakarta)."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "j F Y")


def choice_label(choices, value):
    """The label of `value` in `choices` (a TextChoices/IntegerChoices class), or `value` itself
    when it is not one of them. Django's `get_FOO_display()` builds a dict of every choice,
    translating each lazy label, at every call; this reads one label (a list's rows call it)."""
    try:
        return choices(value).label
    except ValueError:
        return value
