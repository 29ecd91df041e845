"""Placements' figures on the dashboard, on a small hand-built data set."""

import datetime

import pytest
from django.urls import reverse

from dashboard.figures import figures
from dashboard.filters import Filters
from dashboard.summaries import refresh
from placements.models import Placement
from placements.tests.factories import EmployerFactory, PlacementFactory

from .factories import YEAR, seeker

pytestmark = pytest.mark.django_db

S = Placement.Status


def _placement(employer, *, status=S.VERIFIED, local=True, month=5, year=YEAR):
    person = seeker(3) if local else seeker(3, outside=True)
    return PlacementFactory(
        seeker=person, employer=employer, status=status, is_local=local, start_date=datetime.date(year, month, 2)
    )


@pytest.fixture
def hires():
    """PT Lokal: 6 verified local hires, 1 ended local, 1 reported (not yet verified), 1 rejected.
    PT Jauh: 2 verified local and 6 verified non-local (25 % local: below the 30 % target)."""
    near, far = EmployerFactory(name="PT Lokal"), EmployerFactory(name="PT Jauh")
    for _ in range(6):
        _placement(near)
    _placement(near, status=S.ENDED)
    _placement(near, status=S.REPORTED)
    _placement(near, status=S.REJECTED)
    _placement(near, year=YEAR - 1)  # last year
    for _ in range(2):
        _placement(far)
    for _ in range(6):
        _placement(far, local=False)
    refresh()


def test_placements_verified_count_verified_and_ended_ones_not_reported_or_rejected(hires):
    result = figures(Filters(year=YEAR))
    assert result.values[("placements_verified", "period")] == 15
    assert result.values[("placements_local", "period")] == 9
    assert result.values[("placements_nonlocal", "period")] == 6
    assert result.values[("placements_verified", "year", YEAR - 1)] == 1
    assert result.ratio(("placements_local", "period"), ("placements_verified", "period"))[1] == "60,0"


def test_placements_are_the_funnels_last_step(hires):
    steps = figures(Filters(year=YEAR)).funnel()
    assert steps[-1]["key"] == "placements_verified" and steps[-1]["display"] == "15"


def test_employers_below_the_local_worker_target_are_listed_with_small_counts_suppressed(client, tkp3d_member, hires):
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:index"), {"year": YEAR})
    rows = next(data for p, data in response.context["panels"] if p.key == "employers_below_target")["rows"]
    assert [r["employer"] for r in rows] == ["PT Jauh"]
    assert rows[0]["hires"] == "8" and rows[0]["local"] == "<5" and rows[0]["share"] == "×"
    assert b"PT Jauh" in response.content and b"PT Lokal" not in response.content


def test_the_local_share_card_shows_the_percentage(client, tkp3d_member, hires):
    client.force_login(tkp3d_member)
    cards = {c["key"]: c for c in client.get(reverse("dashboard:index"), {"year": YEAR}).context["cards"]}
    assert cards["local_share"]["display"] == "60,0 %"
