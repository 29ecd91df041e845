"""Form fields shared by every app."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_RUPIAH = re.compile(r"^(?:rp\.?)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,0{1,2})?$", re.IGNORECASE)


def parse_rupiah(value) -> Decimal | None:
    """'5.000.000', 'Rp 5.000.000', 'Rp5000000', '5000000,00' -> Decimal('5000000'); None if empty.

    Dots group thousands (as Indonesians write amounts); a comma starts the (zero) sen."""
    text = str(value or "").strip().replace("\u00a0", " ")
    if not text:
        return None
    match = _RUPIAH.match(text.replace(" ", "") if text.lower().startswith("rp") else text)
    if not match:
        raise ValidationError(
            _("Enter a whole amount in rupiah, for example 5.000.000 or Rp 5.000.000."), code="invalid_rupiah"
        )
    return Decimal(match.group(1).replace(".", ""))


class RupiahInput(forms.TextInput):
    """Text with a numeric keyboard; shows a stored amount with thousands dots."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (int, Decimal)) and value == int(value):
            return f"{int(value):,}".replace(",", ".")
        return super().format_value(value)


class RupiahField(forms.DecimalField):
    """Whole rupiah, typed the way people write it (see parse_rupiah)."""

    widget = RupiahInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        return parse_rupiah(value)

    def widget_attrs(self, widget):
        return {}  # no type=number/step/min attributes on the text input
