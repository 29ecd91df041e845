"""The materialised summary behind every figure (`models.Summary`), rebuilt by Celery beat.

Measured at 200,000 seekers and 590,000 enrolments on the 2-core machine, computing the figures
live from the big tables took about 8 s per filter combination (13 grouped queries over
JobSeeker, AK1Card and Enrolment with their joins): far from the 500 ms the dashboard needs. So a
worker counts everything once per `REFRESH_MINUTES`, grouped by month, kecamatan and programme
category and by one breakdown at a time, and the pages read that (a few thousand rows) instead.

One grouped query per measure and breakdown, over all years: no loop per kecamatan, month or row.
Ages are the age reached in the year of the event (event year - birth year), so that a row's age
band never changes after the fact.
"""

import datetime
import time
from collections import defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from . import indicators as registry
from .models import Summary, SummaryRefresh

REFRESH_MINUTES = 10
VERSION_KEY = "dashboard:version"
FIRST_YEAR = 2000
AGE_BANDS = [(15, "15-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"), (55, "55+")]
BATCH = 5000


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    label = "<15"
    for low, band in AGE_BANDS:
        if age >= low:
            label = band
    return label


def _aggregates(measure) -> dict:
    return {ind.key: registry.aggregate(ind) for ind in measure.indicators}


def _grouped(measure, dimension: str):
    """One grouped query of `measure` by (year, month, kecamatan, category, the dimension's code)."""
    date = measure.date_field
    fields = {
        "y": ExtractYear(date),
        "m": ExtractMonth(date),
        "kec": F(measure.kecamatan_lookup) if measure.kecamatan_lookup else Value(""),
        "cat": F(f"{measure.training}category") if measure.training is not None else Value(""),
    }
    p, t = measure.person, measure.training
    if dimension == "gender":
        fields["code"] = F(f"{p}gender")
    elif dimension == "age":
        fields["born"] = ExtractYear(f"{p}birth_date")
    elif dimension == "education":
        fields.update(
            code=F(f"{p}education_level__code"), label=F(f"{p}education_level__name"),
            extra=F(f"{p}education_level__rank"),
        )  # fmt: skip
    elif dimension == "provider":
        fields.update(
            code=F(f"{t}provider_id"), label=F(f"{t}provider__short_name"), name=F(f"{t}provider__name"),
            extra=F(f"{t}provider__kind"),
        )  # fmt: skip
    queryset = measure.queryset().filter(**{f"{date}__isnull": False, f"{date}__year__gte": FIRST_YEAR})
    return queryset.values(**{f"d_{k}": v for k, v in fields.items()}).annotate(**_aggregates(measure)).order_by()


def _dimensions(measure) -> list[str]:
    dimensions = ["all"]
    if measure.person is not None:
        dimensions += ["gender", "age", "education"]
    if measure.training is not None:
        dimensions.append("provider")
    return dimensions


def build_rows() -> list[Summary]:
    sums = defaultdict(int)
    labels = {}
    for measure in registry.measures():
        for dimension in _dimensions(measure):
            for row in _grouped(measure, dimension):
                row = {k.removeprefix("d_"): v for k, v in row.items()}
                if dimension == "age":
                    code = age_band(row["y"] - row["born"] if row["born"] else None)
                elif dimension == "all":
                    code = ""
                else:
                    code = "" if row["code"] is None else str(row["code"])
                key_base = (row["y"], row["m"], row["kec"] or "", row["cat"] or "", dimension, code)
                if dimension in ("education", "provider"):
                    labels[(dimension, code)] = (row.get("label") or row.get("name") or "", str(row.get("extra") or ""))
                for ind in measure.indicators:
                    if row[ind.key]:
                        sums[(ind.key, *key_base)] += row[ind.key]
    rows = []
    for (indicator, year, month, kecamatan, category, dimension, code), value in sums.items():
        label, extra = labels.get((dimension, code), ("", ""))
        rows.append(
            Summary(indicator=indicator, year=year, month=month, kecamatan=kecamatan, category=category,
                    dimension=dimension, code=code, label=label[:150], extra=extra, value=value)
        )  # fmt: skip
    return rows


def refresh() -> SummaryRefresh:
    """Rebuild the summary: count (outside the transaction), then swap the rows in one transaction,
    so pages read either the old summary or the new one, never half of each."""
    started = time.perf_counter()
    rows = build_rows()
    with transaction.atomic():
        # One refresh at a time: a second one waits here, then replaces the first's rows.
        run = SummaryRefresh.objects.select_for_update().first()
        Summary.objects.all().delete()
        Summary.objects.bulk_create(rows, batch_size=BATCH)
        seconds = time.perf_counter() - started
        if run is None:
            run = SummaryRefresh(finished_at=timezone.now())
        run.finished_at, run.seconds, run.rows = timezone.now(), seconds, len(rows)
        run.save()
    transaction.on_commit(invalidate)
    return run


def invalidate():
    """Forget every cached figure (new summary, a changed target): the version is in every key."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def refreshed_at() -> datetime.datetime | None:
    return SummaryRefresh.objects.values_list("finished_at", flat=True).first()
