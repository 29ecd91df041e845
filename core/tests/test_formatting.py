import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.formatting import long_date, rupiah


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5137574, "Rp 5.137.574"),
        (Decimal("5137574.49"), "Rp 5.137.574"),
        (Decimal("999.5"), "Rp 1.000"),
        (0, "Rp 0"),
        (-250000, "-Rp 250.000"),
        (None, ""),
    ],
)
def test_rupiah_is_whole_rupiah_with_dots_between_thousands(value, expected):
    assert rupiah(value) == expected


def test_dates_are_written_out_in_indonesian_by_default():
    with translation.override("id"):
        assert long_date(datetime.date(2022, 11, 16)) == "16 November 2022"
        assert long_date(datetime.date(2023, 8, 17)) == "17 Agustus 2023"
    with translation.override("en"):
        assert long_date(datetime.date(2023, 8, 17)) == "17 August 2023"


def test_datetimes_are_shown_in_jakarta_time():
    # 20:00 UTC on 31 December is already 1 January in Jakarta (UTC+7).
    utc_evening = datetime.datetime(2025, 12, 31, 20, 0, tzinfo=datetime.UTC)
    with translation.override("id"):
        assert long_date(utc_evening) == "1 Januari 2026"


def test_template_filters_format_money_and_dates():
    html = Template("{% load bekasi %}{{ fee|rupiah }} · {{ day|tanggal }}").render(
        Context({"fee": 3500000, "day": datetime.date(2026, 1, 5)})
    )
    assert html == "Rp 3.500.000 · 5 Januari 2026"
