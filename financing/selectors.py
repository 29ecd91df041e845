"""Reads of financing data: for the views, exports, reminders, and the dashboard (which reads this
app only through the aggregate functions at the bottom, returning plain values)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, NullIf

from core.caching import cache_delete_many, cache_get, cache_set
from core.pagination import IdsFirstPaginator

from .models import Application, Instalment, PartnerBank, Product

S = Application.Status
ZERO = Decimal(0)


# --- Pages ---------------------------------------------------------------------------------------


# Programme texts of ~2 KB each that no financing list shows (PERFORMANCE.md: wide related rows).
WIDE_PROGRAM_FIELDS = ("enrolment__batch__program__description", "enrolment__batch__program__prerequisites")


def published_products():
    return Product.objects.published().select_related("bank").order_by("bank__name", "name")


PRODUCTS_KEY = "financing:published-products:v1"
PRODUCTS_SECONDS = 600


def published_products_cached() -> list[Product]:
    """`published_products()` as a list, from the shared cache (the public simulator's choices):
    forgotten when a product or a bank is saved or deleted (apps.py); a cache outage costs the
    query, never the page."""
    products = cache_get(PRODUCTS_KEY)
    if products is None:
        products = list(published_products())
        cache_set(PRODUCTS_KEY, products, PRODUCTS_SECONDS)
    return products


def forget_products(**kwargs):
    """Signal receiver: the cached product list is read afresh, at once and when the transaction
    commits (a page rendered meanwhile from the old rows cannot stay)."""
    cache_delete_many([PRODUCTS_KEY])
    transaction.on_commit(lambda: cache_delete_many([PRODUCTS_KEY]))


def applications_for_seeker(seeker):
    """A seeker's applications, newest first, with product, bank and the course: one query."""
    if seeker is None:
        return Application.objects.none()
    return (
        Application.objects.filter(seeker=seeker)
        .select_related("product", "bank", "enrolment__batch__program__provider")
        .defer(*WIDE_PROGRAM_FIELDS)
        .order_by("-created_at", "-pk")
    )


def bank_queue(user, *, status=""):
    """The applications of the user's bank, what needs the bank first, then oldest first."""
    queryset = Application.objects.for_bank_user(user)
    if status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.filter(status__in=(S.SENT, S.CONFIRMING, S.ACCEPTED, S.ARREARS))
    return queryset.order_by("submitted_at", "pk")


@dataclass(frozen=True, slots=True)
class BankRow:
    """A row of the bank's list: what it shows and nothing else, read with `values()` (as model
    objects, each of the 25 rows built seven of them with their deferred-field bookkeeping: 1.6 ms
    of CPU a page, 0.6 ms this way)."""

    pk: int
    reference: str
    status: str
    seeker_name: str
    product_name: str
    principal: Decimal
    tenor: int
    programme: str  # the course's title, "" when the loan is not for a course of the portal
    provider: str

    @property
    def badge_class(self) -> str:
        return Application.badge_of(self.status)

    @property
    def status_label(self) -> str:
        return Application.label_of(self.status)


def bank_queue_rows(ids) -> list[BankRow]:
    """The rows of a page of the bank's list, by primary key (`Application.principal` and `tenor`
    computed in the query the same way)."""
    program = "enrolment__batch__program"
    rows = Application.objects.filter(pk__in=ids).values_list(
        "pk", "reference", "status", "seeker__full_name", "product__name",
        Coalesce(NullIf("disbursed_amount", Value(ZERO)), NullIf("approved_amount", Value(ZERO)), "amount_requested"),
        Coalesce(NullIf("approved_tenor", Value(0)), "tenor_requested"),
        f"{program}__title", f"{program}__provider__short_name", f"{program}__provider__name",
    )  # fmt: skip
    return [
        BankRow(pk, ref, status, name, product, amount, tenor, title or "", (short or full or "") if title else "")
        for pk, ref, status, name, product, amount, tenor, title, short, full in rows
    ]


def bank_queue_page(user, *, status="", number=None, per_page=25):
    """A page of `bank_queue`, ids first: the page's keys from the (bank, status, submitted_at)
    index, then its 25 rows with their joins (joining all of a bank's applications to seekers,
    enrolments, batches and programmes before sorting took 17 ms plus 9 ms of planning)."""
    paginator = IdsFirstPaginator(bank_queue(user, status=status), per_page, rows=bank_queue_rows)
    return paginator.get_page(number)


def staff_queue(user, *, status="", bank=None):
    queryset = Application.objects.for_user(user).select_related(
        "seeker", "product", "bank", "enrolment__batch__program__provider"
    )
    queryset = queryset.filter(status=status) if status else queryset.filter(status__in=(S.SUBMITTED, S.VERIFIED))
    if bank is not None:
        queryset = queryset.filter(bank=bank)
    return queryset.order_by("submitted_at", "pk")


def export_rows(applications):
    return applications.select_related("seeker", "product", "bank", "enrolment__batch__program__provider").order_by(
        "pk"
    )


def next_due(application):
    """The first instalment not paid in full, or None."""
    for instalment in application.instalments.all():
        if not instalment.is_paid:
            return instalment
    return None


def instalments_due_on(day: date):
    """Unpaid instalments due on `day` of loans being repaid (the three-days-ahead reminder)."""
    return (
        Instalment.objects.filter(due_date=day, application__status__in=Application.REPAYABLE_STATUSES)
        .exclude(paid_amount__gte=F("amount"))
        .select_related("application__seeker__user__notification_preference", "application__bank")
        .order_by("pk")
    )


def loans_in_arrears():
    return Application.objects.filter(status=S.ARREARS).select_related("seeker__user__notification_preference", "bank")


def paid_fees_for_provider(provider_ids):
    """What a partner institution may know of a loan: the bank paid the fee, on which day. Nothing
    else (no amount, no status, no terms) leaves this function."""
    return (
        Application.objects.filter(
            enrolment__batch__program__provider__in=provider_ids,
            purpose="course_fee",
            status__in=Application.LOAN_STATUSES,
        )
        .order_by("-disbursed_on", "pk")
        .values(
            "enrolment__seeker__full_name",
            "enrolment__batch__program__title",
            "enrolment__batch__name",
            "bank__name",
            "disbursed_on",
        )
    )


# --- Portfolio (staff) ---------------------------------------------------------------------------


def portfolio(applications, *, by: str):
    """Counts and rupiah of `applications` grouped by `by` (bank, product, institution, programme,
    status): [{"key": ..., "status": ..., "count": n, "requested": Rp, "disbursed": Rp, "outstanding": Rp}]."""
    fields = {
        "bank": "bank__name",
        "product": "product__name",
        "institution": "enrolment__batch__program__provider__name",
        "programme": "enrolment__batch__program__title",
        "status": "status",
    }
    field = fields[by]
    rows = (
        applications.order_by()
        .values(field)
        .annotate(
            count=Count("pk"),
            requested=Coalesce(Sum("amount_requested"), ZERO),
            disbursed=Coalesce(Sum("disbursed_amount"), ZERO),
            outstanding=Coalesce(Sum("outstanding", filter=Q(status__in=Application.REPAYABLE_STATUSES)), ZERO),
        )
        .order_by(field)
    )
    labels = dict(S.choices)
    return [
        {
            "key": labels.get(row[field], row[field]) if by == "status" else (row[field] or "—"),
            "count": row["count"],
            "requested": row["requested"],
            "disbursed": row["disbursed"],
            "outstanding": row["outstanding"],
        }
        for row in rows
    ]


# --- For the dashboard: plain values ------------------------------------------------------------


def _in_year(queryset, field, year):
    if year is None:
        return queryset
    return queryset.filter(**{f"{field}__gte": date(year, 1, 1), f"{field}__lt": date(year + 1, 1, 1)})


def loan_totals(*, year: int | None = None) -> dict:
    """{"approved_count", "approved_amount", "disbursed_count", "disbursed_amount",
    "arrears_count", "arrears_outstanding"} as ints (rupiah whole). Approved: decided in `year`
    (offers made, whatever the seeker answered); disbursed: paid out in `year`; arrears: now."""
    approved = _in_year(
        Application.objects.filter(status__in=Application.APPROVED_STATUSES), "decided_at__date", year
    ).aggregate(n=Count("pk"), rp=Coalesce(Sum("approved_amount"), ZERO))
    disbursed = _in_year(
        Application.objects.filter(status__in=Application.LOAN_STATUSES), "disbursed_on", year
    ).aggregate(n=Count("pk"), rp=Coalesce(Sum("disbursed_amount"), ZERO))
    arrears = Application.objects.filter(status=S.ARREARS).aggregate(
        n=Count("pk"), rp=Coalesce(Sum("outstanding"), ZERO)
    )
    return {
        "approved_count": approved["n"],
        "approved_amount": int(approved["rp"]),
        "disbursed_count": disbursed["n"],
        "disbursed_amount": int(disbursed["rp"]),
        "arrears_count": arrears["n"],
        "arrears_outstanding": int(arrears["rp"]),
    }


def portfolio_by_bank_and_status(*, year: int | None = None) -> list[dict]:
    """[{"bank": name, "status": code, "status_label": str, "count": n, "amount": Rp int}] for
    applications created in `year` (all years when None); amount is the disbursed amount for
    loans, else the amount requested."""
    rows = (
        _in_year(Application.objects.exclude(status=S.DRAFT), "created_at__date", year)
        .order_by()
        .values("bank__name", "status")
        .annotate(
            count=Count("pk"),
            requested=Coalesce(Sum("amount_requested"), ZERO),
            disbursed=Coalesce(Sum("disbursed_amount"), ZERO),
        )
        .order_by("bank__name", "status")
    )
    labels = dict(S.choices)
    return [
        {
            "bank": row["bank__name"],
            "status": row["status"],
            "status_label": str(labels[row["status"]]),
            "count": row["count"],
            "amount": int(row["disbursed"] if row["status"] in Application.LOAN_STATUSES else row["requested"]),
        }
        for row in rows
    ]


def loans_per_year() -> list[dict]:
    """[{"year": y, "disbursed_count": n, "disbursed_amount": Rp int}] by year of disbursement."""
    rows = (
        Application.objects.filter(status__in=Application.LOAN_STATUSES)
        .annotate(year=ExtractYear("disbursed_on"))
        .order_by()
        .values("year")
        .annotate(n=Count("pk"), rp=Coalesce(Sum("disbursed_amount"), ZERO))
        .order_by("year")
    )
    return [{"year": r["year"], "disbursed_count": r["n"], "disbursed_amount": int(r["rp"])} for r in rows]


def banks():
    return PartnerBank.objects.filter(is_active=True).order_by("name")
