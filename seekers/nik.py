"""Nomor Induk Kependudukan (NIK): 16 digits, PP RR KK DDMMYY SSSS.

PP province, RR regency, KK kecamatan (Dukcapil codes), DDMMYY the birth date with 40 added to
the day for women, SSSS a serial. A malformed NIK is refused; a NIK whose date or gender
disagrees with what the person entered is accepted and flagged for staff (typos in the birth
date are common, and Dukcapil data has its own errors).
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"[\s.\-]")

ERRORS = {
    "length": _("The NIK must be exactly 16 digits."),
    "digits": _("The NIK may contain only the digits 0–9."),
    "zeros": _("This is not a valid NIK."),
    "region": _("The first six digits of the NIK (province, regency, kecamatan) are not a valid region code."),
    "date": _("Digits 7 to 12 of the NIK are not a valid birth date."),
    "serial": _("The last four digits of the NIK cannot be 0000."),
}


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province: str
    regency: str  # 4 digits: province + regency, e.g. "3216" for Kabupaten Bekasi
    kecamatan: str  # 6 digits
    birth_date: datetime.date
    gender: str  # "L" or "P"


def _error(code):
    return ValidationError(ERRORS[code], code=f"nik_{code}")


def clean_nik(value) -> str:
    """Strip spaces (and dots, dashes) and check the form; return the 16 ASCII digits."""
    nik = _SPACES.sub("", str(value or ""))
    # str.isdigit() accepts full-width and other Unicode digits: insist on ASCII 0-9.
    if nik and not re.fullmatch(r"[0-9]*", nik):
        raise _error("digits")
    if len(nik) != 16:
        raise _error("length")
    if set(nik) == {"0"}:
        raise _error("zeros")
    return nik


def parse_nik(value, *, today=None) -> NikInfo:
    nik = clean_nik(value)
    province, regency, kecamatan = nik[0:2], nik[2:4], nik[4:6]
    if not ("11" <= province <= "99") or regency == "00" or kecamatan == "00":
        raise _error("region")
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = "L"
    if day > 40:
        day -= 40
        gender = "P"
    today = today or timezone.localdate()
    # Two-digit year: the most recent year with those digits that is not in the future.
    year = 2000 + year2 if 2000 + year2 <= today.year else 1900 + year2
    try:
        birth_date = datetime.date(year, month, day)
    except ValueError:
        raise _error("date") from None
    if birth_date > today:
        raise _error("date")
    if nik[12:16] == "0000":
        raise _error("serial")
    return NikInfo(
        nik=nik,
        province=province,
        regency=province + regency,
        kecamatan=province + regency + kecamatan,
        birth_date=birth_date,
        gender=gender,
    )


def validate_nik(value):
    parse_nik(value)


def mask_nik(nik: str) -> str:
    """3216********0001: region and serial stay readable, the birth date does not."""
    if not nik or len(nik) != 16:
        return nik or ""
    return nik[:4] + "*" * 8 + nik[12:]


def mismatches(nik: str, *, birth_date, gender) -> list[str]:
    """What the person entered that disagrees with their NIK (for staff review)."""
    info = parse_nik(nik)
    found = []
    if birth_date and birth_date != info.birth_date:
        found.append(str(_("birth date differs from the NIK (%(date)s)") % {"date": info.birth_date.isoformat()}))
    if gender and gender != info.gender:
        found.append(str(_("gender differs from the NIK")))
    return found
