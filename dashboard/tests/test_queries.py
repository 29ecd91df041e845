"""The dashboard's query count is fixed: the same with 10 and with 10,000 job seekers."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from core.models import EducationLevel, Kecamatan
from dashboard.filters import Filters
from dashboard.summaries import refresh
from dashboard.tasks import warm_cache
from seekers.models import JobSeeker

from .factories import YEAR, at, card, enrolment, outcome, training_world

pytestmark = pytest.mark.django_db


def _bulk_seekers(count):
    kecamatan = list(Kecamatan.objects.order_by("code"))
    levels = list(EducationLevel.objects.all())
    users = User.objects.bulk_create(
        [User(email=f"bulk{n}@example.id", full_name=f"Pencari {n}", password="!") for n in range(count)],
        batch_size=2000,
    )
    seekers = JobSeeker.objects.bulk_create(
        [
            JobSeeker(
                user=user, nik=f"3216{n:012d}", full_name=user.full_name, birth_place="Bekasi",
                birth_date=datetime.date(1980 + n % 25, 1 + n % 12, 1 + n % 28), gender="LP"[n % 2],
                marital_status="single", religion="islam", address="Jl. Contoh",
                domicile_kecamatan=kecamatan[n % 24] if n % 24 < 23 else None, education_level=levels[n % len(levels)],
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )  # fmt: skip
    JobSeeker.objects.update(created_at=at(5))
    return seekers


def _some_training(seekers):
    w = training_world()
    for person in seekers[:5]:
        card(person, 4)
        done = enrolment(person, w["business"], "completed", decided=at(4), completed=at(6))
        outcome(done, started=True)


# Session, user (a TKP3D member is let in on the role groups the navbar reads anyway); from the summary: months
# per kecamatan, categories, breakdowns, registered by the end of the period, when it was made;
# placements' panels: employers' local shares, and the placement rates (providers, graduates,
# minimum wages, placements, follow-ups); financing's loan totals (approved, disbursed, in arrears)
# and portfolio; overseas' departures, returns, re-placements, people abroad, and pipeline (stage
# order, waiting, results); the targets; the navbar's role groups and unread badge.
APPS_PER_YEAR = 1 + 5 + 3 + 1 + 4 + 3  # cached per year: not again for another filter of that year
UNCACHED = 2 + 5 + APPS_PER_YEAR + 1 + 2
# From the cache (the rendered content with its targets): session, user. The role groups and the
# unread badge are cached per person after their first page (accounts.models.User.roles,
# notifications.selectors.unread_count): ROLES and BADGE on a person's first page only.
BADGE = 1
ROLES = 1
CACHED = 2


@pytest.mark.parametrize("count", [10, 10_000])
def test_the_dashboard_runs_the_same_queries_whatever_the_number_of_seekers(
    client, tkp3d_member, django_assert_num_queries, count
):
    _some_training(_bulk_seekers(count))
    refresh()
    cache.clear()
    client.force_login(tkp3d_member)
    with django_assert_num_queries(UNCACHED):
        response = client.get(reverse("dashboard:index"), {"year": YEAR})
    assert response.context["figures"].values[("seekers_registered", "period")] == count
    with django_assert_num_queries(CACHED):
        client.get(reverse("dashboard:index"), {"year": YEAR})


def test_the_cache_is_per_filter_combination(client, tkp3d_member, django_assert_num_queries):
    _some_training(_bulk_seekers(30))
    refresh()
    cache.clear()
    client.force_login(tkp3d_member)
    client.get(reverse("dashboard:index"), {"year": YEAR})
    # Another kecamatan: computed, not the regency's figures (the apps' year figures are cached).
    with django_assert_num_queries(UNCACHED - APPS_PER_YEAR - BADGE - ROLES):
        response = client.get(reverse("dashboard:index"), {"year": YEAR, "kecamatan": "32.16.01"})
    assert response.context["figures"].values[("seekers_registered", "period")] == 2
    with django_assert_num_queries(CACHED + 1):  # the map's indicator: figures cached, content drawn (targets)
        client.get(reverse("dashboard:index"), {"year": YEAR, "kecamatan": "32.16.01", "map": "cards_issued"})


def test_the_warming_task_fills_the_cache_of_the_default_view(client, tkp3d_member, django_assert_num_queries):
    _bulk_seekers(12)
    warm_cache()
    client.force_login(tkp3d_member)
    with django_assert_num_queries(CACHED + BADGE + ROLES):  # the person's first page
        response = client.get(reverse("dashboard:index"))
    assert f"Sepanjang tahun {Filters.default().year}" in response.content.decode()


def test_a_cached_view_is_the_content_rendered_for_the_same_parameters_and_a_new_summary_shows_at_once(
    client, tkp3d_member, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _bulk_seekers(12)
    refresh()
    client.force_login(tkp3d_member)
    url = reverse("dashboard:index")
    response = client.get(url, {"year": YEAR, "kecamatan": "32.16.01"})
    before, first = response.context["figures"].values[("seekers_registered", "period")], response.content.decode()
    with django_assert_num_queries(CACHED), mock.patch("dashboard.views.from_request") as parse:
        # the same parameters in another order: the same entry, the filters not even parsed
        again = client.get(url, {"kecamatan": "32.16.01", "year": YEAR}).content.decode()
    parse.assert_not_called()
    assert _content(again) == _content(first)
    _bulk_seekers_more(5)
    with django_capture_on_commit_callbacks(execute=True):
        refresh()  # the beat job: a new summary replaces the version every entry was made under
    response = client.get(url, {"kecamatan": "32.16.01", "year": YEAR})
    assert response.context["figures"].values[("seekers_registered", "period")] == before + 1


def test_the_dashboard_answers_with_the_cache_down(client, tkp3d_member, monkeypatch):
    _bulk_seekers(12)
    refresh()
    client.force_login(tkp3d_member)
    from core import caching

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    for name in ("get", "get_many", "set", "add", "get_or_set"):
        monkeypatch.setattr(caching.cache, name, broken)
    assert client.get(reverse("dashboard:index"), {"year": YEAR}).status_code == 200


def _content(html):
    return html[html.index('data-testid="dash-filters"') : html.index("</main>")]


def _bulk_seekers_more(count):
    kecamatan = Kecamatan.objects.get(code="32.16.01")
    level = EducationLevel.objects.first()
    for n in range(count):
        user = User.objects.create(email=f"more{n}@example.id", full_name=f"Tambahan {n}", password="!")
        JobSeeker.objects.create(
            user=user, nik=f"3217{n:012d}", full_name=user.full_name, birth_place="Bekasi",
            birth_date=datetime.date(1990, 1, 1), gender="L", marital_status="single", religion="islam",
            address="Jl. Contoh", domicile_kecamatan=kecamatan if n == 0 else None, education_level=level,
        )  # fmt: skip
    JobSeeker.objects.filter(user__email__startswith="more").update(created_at=at(5))


def test_a_burst_of_refreshes_computes_the_figures_once(client, tkp3d_member, monkeypatch):
    """"Refresh" (?refresh=1) computes the view again, but at most once per REFRESH_SECONDS: the
    refreshes of a burst (one person clicking twice, or twenty people at once) share it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dashboard import rendering

    _bulk_seekers(12)
    refresh()
    client.force_login(tkp3d_member)
    now = [1_000_000.0]
    monkeypatch.setattr(rendering.time, "time", lambda: now[0])

    def refreshed():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("dashboard:index"), {"year": YEAR, "refresh": "1"})
        assert response.status_code == 200
        return len(queries)

    first = refreshed()  # computed
    now[0] += rendering.REFRESH_SECONDS - 1
    shared = refreshed()  # the same computation
    assert shared < first - 2
    now[0] += 2
    assert refreshed() > shared  # computed again
