import os

import pytest
from django.urls import reverse

from bekasi_jobs.celery import app as celery_app


@pytest.fixture
def broker(settings):
    """Point Celery at a broker URL for one test, then restore the app's pools."""
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)

    def use(url):
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False
        settings.CELERY_TASK_ALWAYS_EAGER = False
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    yield use
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_healthz_reports_eager_mode_and_answers_200_without_a_broker(client, db, settings):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("a broker is configured")
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "eager"


@pytest.mark.redis
def test_healthz_answers_200_with_the_database_and_redis_up(client, db, broker):
    broker(os.environ["REDIS_URL"])
    response = client.get(reverse("healthz"))
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["broker"]["status"] == "ok"


def test_healthz_answers_503_not_a_crash_when_redis_is_down(client, db, broker):
    broker("redis://127.0.0.1:9/0")  # the discard port: nothing listens there
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["broker"]["ms"] < 10_000
