"""Each indicator counts exactly what its definition says, on a small hand-built data set."""

import datetime

import pytest
from django.core.cache import cache

from accounts.tests.factories import UserFactory
from dashboard.figures import Figures, raw
from dashboard.filters import Filters
from dashboard.summaries import refresh
from trainings.models import Enrolment

from .factories import YEAR, at, card, enrolment, outcome, seeker, training_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def world():
    w = training_world()
    people = {
        "rina": seeker(3, full_name="Rina", gender="P", birth_date=datetime.date(2000, 5, 17)),
        "budi": seeker(3, full_name="Budi", birth_date=datetime.date(1990, 1, 2)),
        "sari": seeker(4, full_name="Sari", gender="P"),
        "dodi": seeker(5, full_name="Dodi"),
        "eka": seeker(5, full_name="Eka"),
        "fajar": seeker(6, full_name="Fajar"),
        "gita": seeker(7, full_name="Gita", gender="P"),
        # Moved out of the regency after registering: still registered, counted outside.
        "moved": seeker(8, full_name="Hadi", outside=True),
        # Registered last year: in last year's trend only.
        "old": seeker(11, year=YEAR - 1, full_name="Indra"),
    }
    UserFactory()  # an account without a profile is not a registered job seeker
    card(people["rina"], 4)
    card(people["budi"], 4)
    expired = card(people["sari"], 5)
    type(expired).objects.filter(pk=expired.pk).update(status="expired")  # still issued this year
    voc, biz = w["vocational"], w["business"]
    S = Enrolment.Status
    enrolment(people["rina"], voc, S.COMPLETED, decided=at(4), completed=at(6))
    enrolment(people["budi"], voc, S.ATTENDING, decided=at(4))
    enrolment(people["sari"], voc, S.ACCEPTED, decided=at(5))
    enrolment(people["dodi"], voc, S.DROPPED, decided=at(5))  # accepted, then dropped out
    enrolment(people["eka"], voc, S.REJECTED, decided=at(5))
    enrolment(people["fajar"], voc, S.WITHDRAWN)
    enrolment(people["gita"], voc, S.WAITLISTED, decided=at(5))
    enrolment(people["moved"], voc, S.APPLIED)
    enrolment(people["old"], voc, S.COMPLETED, decided=at(10, year=YEAR - 1), completed=at(12, year=YEAR - 1))
    started = enrolment(people["eka"], biz, S.COMPLETED, decided=at(2), completed=at(3))
    not_started = enrolment(people["fajar"], biz, S.COMPLETED, decided=at(2), completed=at(3))
    outcome(started, started=True, month=9)
    outcome(not_started, started=False, month=9)
    return people


def _figures(**filters):
    refresh()
    filters = Filters(year=YEAR, **filters)
    return Figures(raw(filters), filters)


def _values(figures, key, what="period"):
    return figures.values[(key, what)]


def test_job_seekers_registered_counts_profiles_created_in_the_year_including_people_who_moved_out(world):
    figures = _figures()
    assert _values(figures, "seekers_registered") == 8  # the 7 residents and the one who moved out; not 2025's
    assert figures.values[("seekers_registered", "kecamatan", "")] == 1  # outside Kabupaten Bekasi
    assert figures.values[("seekers_registered", "kecamatan", "32.16.09")] == 7
    assert figures.values[("seekers_registered", "month", (YEAR - 1, 11))] == 1


def test_cards_issued_counts_cards_issued_in_the_year_whatever_their_status_now(world):
    assert _values(_figures(), "cards_issued") == 3


def test_trainees_accepted_counts_acceptances_that_held_a_seat_not_rejections_withdrawals_or_waitlist(world):
    figures = _figures()
    # completed, attending, accepted, dropped (this year) and the two entrepreneurship graduates
    assert _values(figures, "trainees_accepted") == 6
    assert figures.values[("trainees_accepted", "category", "vocational")] == 4
    assert figures.values[("trainees_accepted", "category", "entrepreneurship")] == 2


def test_trainees_completed_counts_completions_in_the_year_not_dropouts(world):
    figures = _figures()
    assert _values(figures, "trainees_completed") == 3
    assert figures.values[("trainees_completed", "month", (YEAR, 6))] == 1
    assert figures.values[("trainees_completed", "year", YEAR - 1)] == 1


def test_entrepreneurs_started_counts_only_outcomes_that_started_a_business(world):
    assert _values(_figures(), "entrepreneurs_started") == 1


def test_breakdowns_by_gender_and_age_add_up_to_the_headline(world):
    figures = _figures()
    assert figures.values[("seekers_registered", "gender", "P")] == 3
    assert figures.values[("seekers_registered", "gender", "L")] == 5
    assert figures.values[("seekers_registered", "age", "35-44")] == 1  # Budi, 36 in 2026
    assert sum(figures.values[("seekers_registered", "age", band)] for band in figures.breakdowns["age"]) == 8


def test_a_period_counts_only_its_months(world):
    figures = _figures(period="q2")
    assert _values(figures, "seekers_registered") == 4  # April, May, June
    assert _values(figures, "trainees_completed") == 1


def test_the_kecamatan_filter_counts_residents_of_that_kecamatan_only(world):
    figures = _figures(kecamatan="32.16.09")
    assert _values(figures, "seekers_registered") == 7
    assert _values(_figures(kecamatan="32.16.01"), "seekers_registered") == 0


def test_the_category_filter_narrows_training_figures_and_leaves_registrations_alone(world):
    figures = _figures(category="entrepreneurship")
    assert _values(figures, "trainees_accepted") == 2
    assert _values(figures, "seekers_registered") == 8


def test_the_funnel_converts_between_consecutive_steps():
    w = training_world()
    people = [seeker(3) for _ in range(10)]
    for person in people[:6]:
        card(person, 4)
    for person in people[:5]:
        enrolment(person, w["vocational"], Enrolment.Status.ACCEPTED, decided=at(5))
    steps = {step["key"]: step for step in _figures().funnel()}
    assert list(steps) == [
        "seekers_registered", "cards_issued", "trainees_accepted", "trainees_completed", "placements_verified",
    ]  # fmt: skip
    assert [step["display"] for step in steps.values()] == ["10", "6", "5", "0", "0"]
    assert [step["conversion"] for step in steps.values()] == ["", "60,0", "83,3", "0,0", "–"]


def test_a_conversion_is_hidden_when_either_of_its_steps_is(world):
    steps = {step["key"]: step for step in _figures().funnel()}
    assert steps["cards_issued"]["display"] == "<5"
    assert steps["cards_issued"]["conversion"] == "×"  # 3 of 8 would give the hidden 3 away
