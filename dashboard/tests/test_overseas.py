"""The overseas internship figures on the dashboard, on a small hand-built data set."""

import datetime

import pytest
from django.urls import reverse

from dashboard.figures import figures
from dashboard.filters import Filters
from dashboard.summaries import refresh
from overseas.models import Candidacy, Deployment, ReturnRecord
from overseas.tests.factories import IntakeFactory

from .factories import YEAR, seeker

pytestmark = pytest.mark.django_db


def _abroad(intake, *, departed, status=Deployment.Status.ACTIVE):
    candidacy = Candidacy.objects.create(
        intake=intake, seeker=seeker(2), status=Candidacy.Status.DEPARTED, height_cm=165, weight_kg=60
    )
    Deployment.objects.create(
        candidacy=candidacy, host_company="Kabushiki Kaisha Contoh", prefecture="aichi", job_field="Pengelasan",
        departure_date=departed, duration_months=36, contract_end=departed + datetime.timedelta(days=3 * 365),
        emergency_contact_name="Ibu", emergency_contact_phone="081200000000", status=status,
    )  # fmt: skip
    return candidacy


@pytest.fixture
def interns():
    """7 departures this year (2 of them already back, 1 of those re-placed), 1 departure last
    year, and a candidate waiting in selection."""
    intake = IntakeFactory()
    for _ in range(5):
        _abroad(intake, departed=datetime.date(YEAR, 2, 1))
    for replaced_on in (datetime.date(YEAR, 9, 1), None):
        back = _abroad(intake, departed=datetime.date(YEAR, 2, 1), status=Deployment.Status.RETURNED_EARLY)
        ReturnRecord.objects.create(candidacy=back, returned_on=datetime.date(YEAR, 6, 1), early=True,
                                    intention="other_employment", replaced_on=replaced_on)  # fmt: skip
    _abroad(intake, departed=datetime.date(YEAR - 1, 10, 1))
    Candidacy.objects.create(
        intake=intake,
        seeker=seeker(2),
        status=Candidacy.Status.IN_SELECTION,
        height_cm=170,
        weight_kg=62,
        next_stage=intake.stages.order_by("position").first(),
    )
    refresh()
    return intake


def test_departures_returns_and_re_placements_of_the_year(interns):
    result = figures(Filters(year=YEAR))
    assert result.headline("departures") == (7, "7")
    assert result.values[("returns", "period")] == 2 and result.headline("returns")[1] == "<5"
    assert result.values[("returnees_replaced", "period")] == 1
    assert result.values[("abroad_now", "period")] == 6


def test_the_pipeline_panel_shows_each_stage_with_small_counts_hidden(client, tkp3d_member, interns):
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:index"), {"year": YEAR})
    pipeline = next(data for panel, data in response.context["panels"] if panel.key == "overseas_pipeline")
    assert len(pipeline) == interns.stages.count()
    assert any(row["waiting"] == "<5" for row in pipeline)
    assert all(not row["waiting"].isdigit() or int(row["waiting"]) == 0 or int(row["waiting"]) >= 5 for row in pipeline)
