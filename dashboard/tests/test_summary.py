"""The summary every figure is read from: rebuilt whole by the beat job, never half."""

import pytest
from django.core.cache import cache

from dashboard.figures import figures
from dashboard.filters import Filters
from dashboard.models import Summary, SummaryRefresh
from dashboard.summaries import age_band
from dashboard.tasks import refresh_summary

from .factories import YEAR, seeker

pytestmark = pytest.mark.django_db


def test_the_beat_job_replaces_the_summary_and_the_figures_follow():
    for _ in range(6):
        seeker(3)
    refresh_summary()
    assert figures(Filters(year=YEAR)).values[("seekers_registered", "period")] == 6
    for _ in range(3):
        seeker(4)
    cache.clear()
    assert figures(Filters(year=YEAR)).values[("seekers_registered", "period")] == 6  # until the next run
    refresh_summary()
    assert figures(Filters(year=YEAR)).values[("seekers_registered", "period")] == 9  # no cache.clear(): bumped
    assert SummaryRefresh.objects.count() == 1
    assert (
        not Summary.objects.filter(indicator="seekers_registered", dimension="all", month=3).exclude(value=6).exists()
    )


@pytest.mark.parametrize(("age", "band"), [(14, "<15"), (15, "15-24"), (24, "15-24"), (25, "25-34"), (54, "45-54"),
                                           (55, "55+"), (80, "55+")])  # fmt: skip
def test_age_bands(age, band):
    assert age_band(age) == band
