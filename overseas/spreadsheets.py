"""The test-day result sheet: downloaded pre-filled, filled in by the examiners, uploaded again.

The upload is checked line by line before anything is recorded: a file that is not an Excel
workbook, too big, or with a line that cannot be read is refused as a whole, with the numbers of
the bad lines (the spreadsheet's own row numbers, so the clerk finds them).
"""

import io
import zipfile
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import exports
from seekers.nik import mask_nik

from .models import StageResult
from .services import ResultLine

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
RESULT_WORDS = {
    "passed": StageResult.Result.PASSED,
    "lulus": StageResult.Result.PASSED,
    "l": StageResult.Result.PASSED,
    "failed": StageResult.Result.FAILED,
    "tidak lulus": StageResult.Result.FAILED,
    "tl": StageResult.Result.FAILED,
    "gagal": StageResult.Result.FAILED,
}


def header():
    return [_("Candidate number"), _("Name"), _("NIK"), _("Result (lulus / tidak lulus)"), _("Score"), _("Note")]


def sheet_response(*, stage, candidacies):
    """The sheet for `stage`, one row per candidate waiting for it (NIKs masked)."""
    rows = ([c.pk, c.seeker.full_name, mask_nik(c.seeker.nik), "", "", ""] for c in candidacies)
    return exports.xlsx_response(f"hasil-{stage.intake_id}-{stage.position}", header(), rows)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def parse(upload) -> list[ResultLine]:
    """The filled-in lines of an uploaded sheet; rows without a result are skipped (not recorded).
    Raises ValidationError naming every bad line."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."), code="too_big")
    data = upload.read()
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(_("This is not an Excel workbook (.xlsx)."), code="not_xlsx")
    from openpyxl import load_workbook  # imported here: only uploads pay for loading openpyxl

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 2, max_col=6, values_only=True))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError):
        raise ValidationError(_("This Excel workbook cannot be read."), code="unreadable") from None
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("At most %(max)s lines per file.") % {"max": MAX_ROWS}, code="too_many")
    lines, errors = [], []
    for number, row in enumerate(rows, start=2):
        row = tuple(row) + (None,) * (6 - len(row))
        ident, _name, _nik, result, score, note = row[:6]
        if all(_text(v) == "" for v in row):
            continue
        result_text = _text(result).lower()
        if not result_text:
            continue
        problems = []
        try:
            candidacy_id = int(_text(ident))
            if candidacy_id <= 0:
                raise ValueError
        except ValueError:
            candidacy_id = 0
            problems.append(_("the candidate number is missing or not a number."))
        if result_text not in RESULT_WORDS:
            problems.append(_("the result must be “lulus” or “tidak lulus”, not “%(value)s”.") % {"value": result})
        value = None
        if _text(score):
            try:
                value = Decimal(_text(score).replace(",", "."))
                if not value.is_finite() or not (0 <= value <= 100):
                    raise InvalidOperation
                value = value.quantize(Decimal("0.01"))
            except InvalidOperation:
                problems.append(_("the score must be a number from 0 to 100."))
        if len(_text(note)) > 500:
            problems.append(_("the note is longer than 500 characters."))
        if problems:
            errors.append(_("Line %(line)s: %(message)s") % {"line": number, "message": " ".join(problems)})
            continue
        lines.append(
            ResultLine(
                candidacy_id=candidacy_id, result=RESULT_WORDS[result_text], score=value, note=_text(note), line=number
            )
        )
    if errors:
        raise ValidationError(errors, code="bad_lines")
    if not lines:
        raise ValidationError(_("No result in this file: fill in the result column."), code="empty")
    return lines
