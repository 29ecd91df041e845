import datetime

import pytest
from django.core.exceptions import ValidationError

from seekers.nik import mask_nik, mismatches, parse_nik

TODAY = datetime.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("321609170500001", "nik_length"),  # 15 digits
        ("32160917050000012", "nik_length"),  # 17 digits
        ("32160917O5000001", "nik_digits"),  # letter O for zero
        ("３２１６０９１７０５０００００１", "nik_digits"),  # full-width digits
        ("0000000000000000", "nik_zeros"),
        ("3216093205000001", "nik_date"),  # day 32
        ("3216091713000001", "nik_date"),  # month 13
        ("3216097205000001", "nik_date"),  # day 72 (a woman's 32)
        ("3216093002010001", "nik_date"),  # 30 February
        ("3216091705000000", "nik_serial"),
        ("0516091705000001", "nik_region"),  # province 05 does not exist
        ("3200091705000001", "nik_region"),  # regency 00
        ("", "nik_length"),
    ],
)
def test_malformed_niks_are_refused_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as excinfo:
        parse_nik(raw, today=TODAY)
    assert excinfo.value.code == code
    assert excinfo.value.messages[0]


def test_spaces_are_stripped_and_the_date_and_gender_are_read():
    info = parse_nik("3216 0917 0500 0001", today=TODAY)
    assert info.nik == "3216091705000001"
    assert (info.regency, info.kecamatan) == ("3216", "321609")
    assert info.birth_date == datetime.date(2000, 5, 17)
    assert info.gender == "L"


def test_women_have_forty_added_to_the_day():
    info = parse_nik("3216095708950002", today=TODAY)
    assert info.birth_date == datetime.date(1995, 8, 17)
    assert info.gender == "P"


def test_a_two_digit_year_is_never_in_the_future():
    assert parse_nik("3216090101270001", today=TODAY).birth_date.year == 1927
    assert parse_nik("3216090101260001", today=TODAY).birth_date.year == 2026


def test_a_disagreeing_birth_date_or_gender_is_reported_not_refused():
    assert mismatches("3216091705000001", birth_date=datetime.date(2000, 5, 17), gender="L") == []
    problems = mismatches("3216091705000001", birth_date=datetime.date(2000, 5, 18), gender="P")
    assert len(problems) == 2


def test_masking_keeps_region_and_serial_only():
    assert mask_nik("3216091705000001") == "3216********0001"
