"""The metrics endpoint: who may read it, that it parses, and what it counts."""

import pytest
from celery import shared_task
from celery import signals as celery_signals
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from core.services import audit
from core.tasks import heartbeat

OUTSIDE = "203.0.113.7"


def value(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def scrape(client, **headers):
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return {f.name: f for f in text_string_to_metric_families(response.content.decode())}


# --- Who may read them ------------------------------------------------------------------------


def test_an_anonymous_request_from_outside_the_allowed_networks_is_refused(client, db):
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 403
    assert b"bekasi_" not in response.content


def test_the_allowed_networks_read_them_without_a_token(client, db, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403  # no longer allowed


def test_a_request_through_a_proxy_is_not_let_in_by_the_proxys_address(client, db):
    # Behind nginx on the same host, everyone's REMOTE_ADDR is 127.0.0.1.
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE)
    assert response.status_code == 403


def test_the_bearer_token_opens_them_from_anywhere_and_a_wrong_one_does_not(client, db, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token-of-40-characters-xx"
    ok = client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=f"Bearer {settings.METRICS_TOKEN}")
    assert ok.status_code == 200
    for wrong in ("Bearer s3cret", "Basic czNjcmV0", settings.METRICS_TOKEN):
        assert client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=wrong).status_code == 403


def test_no_token_configured_means_no_token_opens_them(client, db, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer ").status_code == 403


# --- What they count --------------------------------------------------------------------------


def test_requests_are_counted_by_url_name_never_by_path(client, db):
    before = value("bekasi_http_requests_total", view="core:home", method="GET", status="200")
    client.get(reverse("core:home"))
    client.get("/pencari-kerja/kartu/3216-2026-000123/tidak-ada/")  # a path with an id in it
    families = scrape(client)
    assert value("bekasi_http_requests_total", view="core:home", method="GET", status="200") == before + 1
    views = {s.labels["view"] for s in families["bekasi_http_requests"].samples}
    assert "<unresolved>" in views
    assert not any("3216" in v or "/" in v for v in views)
    assert value("bekasi_http_request_duration_seconds_count", view="core:home") >= 1
    # The probes and the scrape itself are not counted (answered before this middleware).
    assert not any(v in ("healthz", "readyz", "metrics") for v in views)


def test_each_requests_database_queries_are_observed(client, db, django_assert_num_queries):
    before_sum = value("bekasi_http_request_db_queries_sum", view="core:home")
    before_count = value("bekasi_http_request_db_queries_count", view="core:home")
    with django_assert_num_queries(0) as captured:  # the anonymous home page makes no query
        client.get(reverse("core:home"))
    assert value("bekasi_http_request_db_queries_count", view="core:home") == before_count + 1
    assert value("bekasi_http_request_db_queries_sum", view="core:home") == before_sum + len(captured)


def test_an_unusual_method_is_labelled_other(client, db):
    before = value("bekasi_http_requests_total", view="core:home", method="other", status="200")
    client.generic("BREW", reverse("core:home"))
    assert value("bekasi_http_requests_total", view="core:home", method="other", status="200") == before + 1


@shared_task(name="core.tests.explode", ignore_result=True)
def explode():
    raise ValueError("boom")


def test_celery_task_outcomes_are_counted_by_task_name(db):
    ok = value("bekasi_celery_tasks_total", task="core.heartbeat", outcome="succeeded")
    failed = value("bekasi_celery_tasks_total", task="core.tests.explode", outcome="failed")
    heartbeat.apply()
    explode.apply(throw=False)  # as in a worker: the error is recorded, not raised here
    assert value("bekasi_celery_tasks_total", task="core.heartbeat", outcome="succeeded") == ok + 1
    assert value("bekasi_celery_tasks_total", task="core.tests.explode", outcome="failed") == failed + 1


def test_a_message_that_expired_while_no_worker_ran_is_counted_as_expired(db):
    before = value("bekasi_celery_tasks_total", task="core.heartbeat", outcome="expired")
    # What a worker sends when it receives a message past its `expires`.
    celery_signals.task_revoked.send(sender=heartbeat, request=None, terminated=False, signum=None, expired=True)
    assert value("bekasi_celery_tasks_total", task="core.heartbeat", outcome="expired") == before + 1


def test_login_failures_and_lockouts_are_counted(client, seeker, settings):
    failures = value("bekasi_login_failures_total")
    lockouts = value("bekasi_login_lockouts_total")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": seeker.email, "password": "wrong password!"})
    assert value("bekasi_login_failures_total") == failures + settings.AXES_FAILURE_LIMIT
    assert value("bekasi_login_lockouts_total") == lockouts + 1


def test_an_audited_action_is_counted_when_it_commits_and_not_when_it_rolls_back(
    db, django_capture_on_commit_callbacks
):
    obj = ContentType.objects.get_for_model(ContentType)  # any row will do
    labels = {"model": "contenttypes.contenttype", "action": "metric_test"}
    before = value("bekasi_audited_actions_total", **labels)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit(actor=None, obj=obj, action="metric_test")
        raise RuntimeError("roll back")
    assert value("bekasi_audited_actions_total", **labels) == before
    with django_capture_on_commit_callbacks(execute=True):
        audit(actor=None, obj=obj, action="metric_test")
    assert value("bekasi_audited_actions_total", **labels) == before + 1


def test_labels_that_look_unsafe_become_other(db, django_capture_on_commit_callbacks):
    obj = ContentType.objects.get_for_model(ContentType)
    with django_capture_on_commit_callbacks(execute=True):
        audit(actor=None, obj=obj, action="viewed rina@example.id")
    assert value("bekasi_audited_actions_total", model="contenttypes.contenttype", action="other") >= 1
