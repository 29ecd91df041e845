"""`manage.py seed_scale` at a tiny scale, and every `make bench` scenario against what it made.

The benchmark itself (gunicorn, wrk, 200,000 seekers) is not part of the test suite; this checks
that its data set is consistent and that each page it would drive answers, so the runner cannot
rot unnoticed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from accounts.models import User
from core.scale import SCALE_DOMAIN, scale_modules
from seekers.models import AK1Card, JobSeeker
from trainings.models import Batch, Certificate, Enrolment, ProviderStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("seed_scale", seekers=80, no_vacuum=True, stdout=out)
    return out.getvalue()


def test_seed_scale_reports_each_part_and_makes_a_consistent_data_set(scale):
    for part in ("accounts:", "seekers:", "trainings:", "placements:", "notifications:"):
        assert part in scale
    assert JobSeeker.objects.count() == 80 and User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}").count() == 86
    held = Count("enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_STATUSES))
    for batch in Batch.objects.annotate(held=held):
        assert batch.seats_taken == batch.held <= batch.capacity
    completed = Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).count()
    assert completed and Certificate.objects.count() == completed
    bench = JobSeeker.objects.get(user__email=f"bench-seeker@{SCALE_DOMAIN}")
    assert bench.cards.filter(status=AK1Card.Status.ACTIVE).exists() and bench.enrolments.exists()
    assert ProviderStaff.objects.filter(user__email=f"bench-partner@{SCALE_DOMAIN}").exists()


def test_seed_scale_refuses_a_database_that_already_has_a_data_set(scale):
    with pytest.raises(CommandError, match="already holds"):
        call_command("seed_scale", seekers=80, no_vacuum=True, stdout=io.StringIO())


def test_every_bench_scenario_answers_on_the_scale_data(scale, client):
    modules = [module for module in scale_modules() if hasattr(module, "bench_scenarios")]
    scenarios = [scenario for module in modules for scenario in module.bench_scenarios()]
    assert {"seeker dashboard", "training catalogue", "admin enrolment list", "vacancy list"} <= {
        s["name"] for s in scenarios
    }
    for scenario in scenarios:
        client.logout()
        if scenario["user"]:
            client.force_login(scenario["user"]())
        response = client.get(scenario["path"])
        assert response.status_code == 200, (scenario["name"], response.status_code)


def test_the_contention_scenario_gives_out_exactly_the_seats(scale, client):
    from trainings.scale import contention

    path, users, outcome = contention(clients=6, seats=2)
    assert len(users) == 6
    for user in users:
        client.force_login(user)
        assert client.post(path, {"motivation": "bench"}).status_code == 302
    assert outcome() == (2, 2)


def test_the_runner_measures_a_page_in_process_and_takes_medians_of_rounds(db):
    from bench.run import measure_in_process, summarise

    figures = measure_in_process({"name": "home", "path": "/", "method": "GET", "cookie": ""})
    assert figures["status"] == 200 and figures["queries"] == 0 and figures["bytes"] > 1_000
    assert figures["cpu_ms"] >= 0 and figures["wall_ms"] > 0
    run = {"p50": 1.0, "p95": 5.0, "p99": 9.0, "requests": 50, "s3xx": 0, "s4xx": 1, "s5xx": 0, "socket_errors": 0}
    summary = summarise([{**run, "rps": 10.0}, {**run, "rps": 30.0, "p95": 7.0}, {**run, "rps": 20.0}])
    assert summary["rps"] == 20.0 and summary["p95_ms"] == 5.0 and summary["errors"] == 3
    assert summary["rounds_rps"] == [10.0, 30.0, 20.0]
