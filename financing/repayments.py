"""Repayment files from the banks: read, validated as a whole, then applied in one transaction.

A file is CSV (comma or semicolon separated, UTF-8) or Excel (.xlsx, first sheet) with the header

    loan_reference, payment_date, amount_paid, outstanding_balance, days_past_due

Every line is checked before anything is written; one bad line rejects the file and each problem
is reported with its line number and column. The same file uploaded twice changes nothing (its
SHA-256 is recorded per bank), and a line already recorded from an earlier file is skipped, so a
bank may send cumulative files. After the lines are stored, each loan's balance, days past due and
status follow the latest line: settled at a zero balance, in arrears from the bank's number of
days past due, repaying otherwise; instalments are marked paid in order with the total paid.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit
from seekers.sections import seeker_changed

from .models import Application, Instalment, PartnerBank, Repayment, RepaymentFile
from .money import parse_rupiah
from .services import _move

HEADER = ("loan_reference", "payment_date", "amount_paid", "outstanding_balance", "days_past_due")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
S = Application.Status


@dataclass
class LineError:
    line: int
    column: str
    message: str


class RepaymentFileError(ValidationError):
    def __init__(self, errors: list[LineError]):
        self.line_errors = errors
        super().__init__([f"{e.line}: {e.column}: {e.message}" for e in errors], code="bad_file")


@dataclass
class ImportResult:
    rows: int
    new_rows: int
    loans: int
    already_uploaded: bool = False
    moved: dict = field(default_factory=dict)


def _read_rows(name: str, data: bytes) -> list[list]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # only repayment uploads pay for loading openpyxl

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - a damaged or disguised file is just "not Excel"
            raise RepaymentFileError([LineError(1, "-", _("The file is not a readable Excel (.xlsx) file."))]) from None
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        workbook.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RepaymentFileError([LineError(1, "-", _("The file is not UTF-8 text (CSV) or Excel (.xlsx)."))]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _amount(value, *, allow_zero: bool):
    """Whole rupiah from a cell. Excel stores numbers as binary floats: an integral one is taken
    as the integer it is, anything else is refused; arithmetic never sees a float."""
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(_("Amounts are in whole rupiah, without sen."))
        value = int(value)
    if allow_zero and (value == 0 or _text(value) in ("0", "Rp 0", "Rp0")):
        return Decimal(0)
    return parse_rupiah(value if isinstance(value, (int, Decimal)) else _text(value))


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("Write the date as YYYY-MM-DD or DD/MM/YYYY."))


def _days(value) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if not text.isdigit():
        raise ValidationError(_("Days past due is a whole number, zero or more."))
    return int(text)


def parse(*, bank: PartnerBank, name: str, data: bytes) -> list[dict]:
    """The file's lines as dicts, or RepaymentFileError listing every bad line."""
    if len(data) > MAX_BYTES:
        raise RepaymentFileError([LineError(1, "-", _("The file is too large (at most 2 MB)."))])
    rows = _read_rows(name, data)
    if not rows or not any(_text(c) for c in rows[0]):
        raise RepaymentFileError([LineError(1, "-", _("The file is empty."))])
    header = tuple(_text(c).lower() for c in rows[0] if _text(c))
    if header != HEADER:
        raise RepaymentFileError(
            [LineError(1, "header", _("The first line must be: %(header)s.") % {"header": ", ".join(HEADER)})]
        )
    body = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(_text(c) for c in row)]
    if len(body) > MAX_ROWS:
        raise RepaymentFileError([LineError(1, "-", _("At most %(n)s lines per file.") % {"n": MAX_ROWS})])
    references = {_text(row[0]) for _n, row in body if row}
    # Another bank's loan is "unknown" too: the file does not learn that it exists.
    loans = {
        a.reference: a
        for a in Application.objects.filter(bank=bank, reference__in=references, status__in=Application.LOAN_STATUSES)
    }
    today = timezone.localdate()
    errors, parsed, seen = [], [], {}
    for number, row in body:
        row = list(row) + [None] * (len(HEADER) - len(row))
        line_errors = []
        values = {}
        reference = _text(row[0])
        loan = loans.get(reference)
        if loan is None:
            line_errors.append(
                LineError(number, HEADER[0], _("Unknown loan reference “%(ref)s”.") % {"ref": reference})
            )
        for column, index, reader in (
            ("paid_on", 1, _date),
            ("amount", 2, lambda v: _amount(v, allow_zero=True)),
            ("outstanding", 3, lambda v: _amount(v, allow_zero=True)),
            ("days_past_due", 4, _days),
        ):
            try:
                values[column] = reader(row[index])
            except ValidationError as exc:
                line_errors.append(LineError(number, HEADER[index], " ".join(exc.messages)))
        paid_on = values.get("paid_on")
        if paid_on is not None:
            if paid_on > today:
                line_errors.append(LineError(number, HEADER[1], _("The date is in the future.")))
            elif loan is not None and loan.disbursed_on and paid_on < loan.disbursed_on:
                line_errors.append(LineError(number, HEADER[1], _("The date is before the disbursement.")))
        if not line_errors:
            key = (reference, paid_on, values["amount"], values["outstanding"])
            if key in seen:
                line_errors.append(LineError(number, "-", _("The same line as line %(line)s.") % {"line": seen[key]}))
            else:
                seen[key] = number
                parsed.append({"line": number, "application": loan, **values})
        errors += line_errors
    if errors:
        raise RepaymentFileError(errors)
    return parsed


def import_file(*, bank: PartnerBank, name: str, data: bytes, actor) -> ImportResult:
    digest = hashlib.sha256(data).hexdigest()
    if RepaymentFile.objects.filter(bank=bank, sha256=digest).exists():
        return ImportResult(rows=0, new_rows=0, loans=0, already_uploaded=True)
    lines = parse(bank=bank, name=name, data=data)
    with transaction.atomic():
        loan_ids = sorted({line["application"].pk for line in lines})
        # Lock the loans in one order (primary key): two uploads at once cannot deadlock.
        locked = {a.pk: a for a in Application.objects.select_for_update().filter(pk__in=loan_ids).order_by("pk")}
        existing = set(
            Repayment.objects.filter(application_id__in=loan_ids).values_list(
                "application_id", "paid_on", "amount", "outstanding"
            )
        )
        errors = []
        for line in lines:
            application = locked[line["application"].pk]
            key = (application.pk, line["paid_on"], line["amount"], line["outstanding"])
            if key not in existing and application.status not in Application.REPAYABLE_STATUSES:
                errors.append(
                    LineError(
                        line["line"],
                        HEADER[0],
                        _("The loan is “%(status)s”: no more repayments.")
                        % {"status": application.get_status_display()},
                    )
                )
        if errors:
            raise RepaymentFileError(errors)
        upload, created = RepaymentFile.objects.get_or_create(
            bank=bank,
            sha256=digest,
            defaults={"uploaded_by": actor, "filename": name[:255], "rows": len(lines), "rows_new": 0},
        )
        if not created:  # the same file, committed by a concurrent upload a moment ago
            return ImportResult(rows=0, new_rows=0, loans=0, already_uploaded=True)
        new = [
            Repayment(
                application=locked[line["application"].pk],
                file=upload,
                paid_on=line["paid_on"],
                amount=line["amount"],
                outstanding=line["outstanding"],
                days_past_due=line["days_past_due"],
            )
            for line in lines
            if (line["application"].pk, line["paid_on"], line["amount"], line["outstanding"]) not in existing
        ]
        Repayment.objects.bulk_create(new)
        upload.rows_new = len(new)
        upload.save(update_fields=["rows_new"])
        audit(actor=actor, obj=upload, action="repayment_file_uploaded")
        touched = sorted({r.application_id for r in new})
        moved = {}
        for pk in touched:
            before = locked[pk].status
            after = loan_follow_repayments(application=locked[pk], bank=bank)
            if after.status != before:
                moved[after.reference] = after.status
    return ImportResult(rows=len(lines), new_rows=len(new), loans=len(touched), moved=moved)


def _allocate(application) -> None:
    """Mark instalments paid in order with the total paid so far."""
    total = Repayment.objects.filter(application=application).aggregate(t=Sum("amount"))["t"] or Decimal(0)
    changed = []
    for instalment in Instalment.objects.filter(application=application).order_by("number"):
        paid = min(instalment.amount, total)
        total -= paid
        if instalment.paid_amount != paid:
            instalment.paid_amount = paid
            changed.append(instalment)
    Instalment.objects.bulk_update(changed, ["paid_amount"])
    # Bulk writes send no post_save: the person's cached loan page and dashboard (seekers.sections)
    # are renewed here (the new repayment lines were bulk-created just before, too).
    seeker_changed(application.seeker_id)


def loan_follow_repayments(*, application: Application, bank: PartnerBank) -> Application:
    """Balance, days past due and status from the loan's latest repayment line (the application
    is locked by the caller)."""
    latest = Repayment.objects.filter(application=application).order_by("-paid_on", "-pk").first()
    _allocate(application)
    updates = {
        "outstanding": latest.outstanding,
        "days_past_due": latest.days_past_due,
        "last_payment_on": latest.paid_on,
    }
    if latest.outstanding == 0:
        target = S.SETTLED
    elif latest.days_past_due >= bank.arrears_after_days:
        target = S.ARREARS
    else:
        target = S.REPAYING
    if target == application.status:
        for name, value in updates.items():
            setattr(application, name, value)
        application.save(update_fields=[*updates, "updated_at"])
        return application
    reason = _("%(days)s days past due.") % {"days": latest.days_past_due} if target == S.ARREARS else ""
    return _move(application, target, actor=None, reason=reason, updates=updates, action="loan_repayments")
