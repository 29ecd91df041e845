from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from financing.money import parse_rupiah


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("7000001", 7_000_001),
        ("7.000.001", 7_000_001),
        ("Rp 7.000.001", 7_000_001),
        ("rp7.000.001,00", 7_000_001),
        ("  Rp  50.000.000 ", 50_000_000),
        ("1", 1),
    ],
)
def test_indonesian_and_plain_notation_give_the_exact_rupiah(text, amount):
    assert parse_rupiah(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0", "not_positive"),
        ("Rp 0", "not_positive"),
        ("-5000", "not_positive"),
        ("lima juta", "invalid"),
        ("7.00.001", "invalid"),
        ("7,000,001", "invalid"),
        ("5000000,50", "sen"),
        ("", "invalid"),
        ("1" * 16, "too_large"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(text, code):
    with pytest.raises(ValidationError) as caught:
        parse_rupiah(text)
    assert caught.value.code == code


def test_a_float_is_never_taken_for_money():
    with pytest.raises(TypeError):
        parse_rupiah(7000000.0)
