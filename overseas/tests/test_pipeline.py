import pytest
from django.urls import reverse

from overseas import selectors, services
from overseas.models import Candidacy

from .conftest import TODAY
from .factories import IntakeFactory

DAY = TODAY.date()


def _fill(intake, apply, disnaker_staff, *, people):
    """people candidates: the i-th passes i % 5 stages; every fourth then fails the next one."""
    for i in range(people):
        candidacy = apply(intake)
        stages = list(intake.stages.order_by("position"))
        for stage in stages[: i % 5]:
            candidacy = services.stage_record(
                candidacy=candidacy, stage=stage, held_on=DAY, result="passed", actor=disnaker_staff
            )
        if i % 4 == 0:
            services.stage_record(
                candidacy=candidacy, stage=stages[i % 5], held_on=DAY, result="failed", note="x", actor=disnaker_staff
            )


def test_pipeline_counts_candidates_waiting_passed_and_failed_per_stage(intake, apply, disnaker_staff):
    _fill(intake, apply, disnaker_staff, people=10)

    rows = {row["stage"].position: row for row in selectors.pipeline(intake)}

    # Passed counts: i % 5 >= position for i in 0..9 -> stage 1: 8, 2: 6, 3: 4, 4: 2.
    assert [rows[p]["passed"] for p in range(1, 9)] == [8, 6, 4, 2, 0, 0, 0, 0]
    # Failed: i in (0, 4, 8) fail stage (i % 5) + 1 -> stages 1, 5, 4.
    assert [rows[p]["failed"] for p in range(1, 9)] == [1, 0, 0, 1, 1, 0, 0, 0]
    # Waiting: the others, at stage (i % 5) + 1.
    assert [rows[p]["waiting"] for p in range(1, 9)] == [1, 2, 2, 1, 1, 0, 0, 0]


@pytest.mark.parametrize("people", [3, 30])
def test_the_staff_pipeline_page_takes_the_same_queries_whatever_the_size(
    client, disnaker_staff, apply, people, django_assert_num_queries
):
    intake = IntakeFactory()
    _fill(intake, apply, disnaker_staff, people=people)
    client.force_login(disnaker_staff)
    # session, user, user permissions, group permissions (has_perm), intake, candidates per
    # (status, next stage), stages, results per stage, role groups (navbar), unread notifications
    with django_assert_num_queries(10):
        response = client.get(reverse("overseas:staff_intake", args=[intake.pk]))

    assert sum(row["waiting"] + row["failed"] for row in response.context["pipeline"]) == people
    assert sum(response.context["statuses"].values()) == people
    html = response.content.decode()
    for status, n in response.context["statuses"].items():  # each status linked to its list, counted
        label = Candidacy.Status(status).label
        assert f'?intake={intake.pk}&amp;status={status}">{label}</a>: {n}</li>' in html


def test_the_pipeline_counts_are_cached_and_forgotten_when_a_candidacy_or_result_changes(
    client, disnaker_staff, apply, django_assert_num_queries
):
    intake = IntakeFactory()
    _fill(intake, apply, disnaker_staff, people=3)
    client.force_login(disnaker_staff)
    url = reverse("overseas:staff_intake", args=[intake.pk])
    client.get(url)
    # session, user, intake, stages: the counts (and the roles, permissions, unread badge) cached
    with django_assert_num_queries(4):
        response = client.get(url)
    assert sum(response.context["statuses"].values()) == 3
    first = intake.stages.order_by("position").first()

    def row(response, stage):
        return next(r for r in response.context["pipeline"] if r["stage"].pk == stage.pk)

    before = row(response, first)
    # A new candidate: counted at once (a Candidacy saved).
    candidacy = apply(intake)
    response = client.get(url)
    assert sum(response.context["statuses"].values()) == 4
    assert row(response, first)["waiting"] == before["waiting"] + 1
    # A stage recorded: the result and the move counted at once (a StageResult saved).
    services.stage_record(candidacy=candidacy, stage=first, held_on=DAY, result="passed", actor=disnaker_staff)
    response = client.get(url)
    assert row(response, first)["passed"] == before["passed"] + 1
    assert row(response, first)["waiting"] == before["waiting"]
    # A candidacy deleted (its results with it): gone from the counts at once.
    candidacy.delete()
    response = client.get(url)
    assert sum(response.context["statuses"].values()) == 3
    assert row(response, first)["passed"] == before["passed"]


def test_the_dashboard_aggregates_are_plain_values(intake, apply, disnaker_staff):
    _fill(intake, apply, disnaker_staff, people=5)

    rows = selectors.pipeline_by_stage(year=2026)

    assert rows[0] == {"stage": "Seleksi administrasi", "waiting": 0, "passed": 4, "failed": 1}
    assert [row["stage"] for row in rows][:2] == ["Seleksi administrasi", "Tes matematika"]
    assert selectors.pipeline_by_stage(year=2020) == []


@pytest.mark.parametrize("people", [2, 12])
def test_the_candidate_list_takes_the_same_queries_whatever_the_size(
    client, disnaker_staff, apply, people, django_assert_num_queries
):
    intake = IntakeFactory()
    for _ in range(people):
        apply(intake)
    client.force_login(disnaker_staff)
    # session, user, user permissions, group permissions, the intake and kecamatan choices (then
    # cached), COUNT, the page's ids, the page's rows with their joins, role groups (navbar),
    # unread notifications
    with django_assert_num_queries(11):
        client.get(reverse("overseas:staff_candidates"), {"intake": intake.pk})
    # The choices, the unread badge, the role groups and the permissions (accounts/permissions_cache.py)
    # from the cache: the chosen intake is checked against them (no query of its own).
    with django_assert_num_queries(5):
        response = client.get(reverse("overseas:staff_candidates"), {"intake": intake.pk})

    assert len(response.context["page"].object_list) == people
