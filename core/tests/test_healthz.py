"""Liveness and readiness: what they check, and that they cost (almost) nothing."""

import os
import time

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.urls import reverse

DISCARD = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there


def test_healthz_answers_ok_with_no_query_and_no_broker(client, db, broker, django_assert_num_queries):
    broker(DISCARD)  # a dead broker does not make a live process unhealthy
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_probes_are_answered_over_plain_http_whatever_the_host_header(client, db, settings):
    # As in production: https redirect on, only the public name allowed; a probe calls the
    # app server by its address over plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["kerja.bekasikab.go.id"]
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.0.0.5:8000")
        assert response.status_code == 200, (path, response.status_code)
    # Everything else still gets the redirect.
    assert client.get("/", HTTP_HOST="kerja.bekasikab.go.id").status_code == 301


def test_readyz_checks_the_database_with_one_query_and_reports_eager_celery(
    client, db, celery_eager, django_assert_num_queries
):
    with django_assert_num_queries(1):  # SELECT 1
        response = client.get(reverse("readyz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "eager"
    assert set(body["checks"]) == {"database", "broker"}  # heartbeats and outbox only with ?full=1


def test_readyz_answers_503_naming_the_broker_when_redis_refuses(client, db, broker):
    broker(DISCARD)
    started = time.monotonic()
    response = client.get(reverse("readyz"))
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "error"
    assert body["checks"]["broker"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["status"] == "ok"


def test_readyz_answers_503_naming_the_database_when_it_fails(client, db):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(refuse):
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "error"
    assert response.json()["checks"]["database"]["error"] == "OperationalError"


@pytest.mark.redis
def test_readyz_answers_200_with_the_database_and_redis_up(client, db, broker):
    broker(os.environ["REDIS_URL"])
    response = client.get(reverse("readyz"))
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["broker"]["status"] == "ok"


def test_probes_accept_head_and_refuse_writes(client, db):
    for path in ("/healthz", "/readyz"):
        assert client.head(path).status_code == 200
        assert client.post(path).status_code == 405
