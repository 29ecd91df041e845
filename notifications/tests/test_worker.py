"""The outbox end to end: web request, PostgreSQL, Redis, a real Celery worker, an email.

Skipped on the embedded default (SQLite, no broker); CI runs them on PostgreSQL and Redis.
"""

import json
import os
import time
import urllib.request

import pytest

from accounts.tests.factories import UserFactory
from notifications.models import Channel, Notification
from notifications.services import broker_pause
from tests.toyapp.models import Ticket

from .realworker import PrivateRedis, Worker, require_real_services, wait_for

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.urls"),
]


def _approve(live_server, ticket):
    """POST the toy status change to the live server; return (seconds, JSON answer)."""
    url = f"{live_server.url}/toy/tickets/{ticket.pk}/approve/"
    request = urllib.request.Request(url, data=b"", method="POST")  # noqa: S310 - the live server
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the live server
        answer = json.loads(response.read())
    return time.monotonic() - started, answer


def _email_ids():
    return set(Notification.objects.filter(channel=Channel.EMAIL).values_list("pk", flat=True))


@pytest.fixture
def real_services():
    """First among a test's fixtures: skip before starting a live server for nothing."""
    require_real_services()


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def worker_on(tmp_path):
    started = []

    def start(broker_url):
        worker = Worker(broker_url=broker_url, tmp_path=tmp_path)
        started.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()
        # Captured by pytest: shown only when the test failed.
        print(
            "--- worker log (last 80 lines) ---\n"
            + "\n".join(worker.log_path.read_text(errors="replace").splitlines()[-80:])
        )


def test_a_status_change_reaches_the_mailbox_through_a_real_worker_within_seconds(
    real_services, live_server, broker, worker_on, record_property
):
    broker(os.environ["REDIS_URL"])
    worker = worker_on(os.environ["REDIS_URL"])
    ticket = Ticket.objects.create(owner=UserFactory())

    elapsed, answer = _approve(live_server, ticket)
    assert answer == {"status": "approved"}
    [email_id] = _email_ids()
    started = time.monotonic()
    wait_for(lambda: worker.emails().get(email_id), timeout=10, what="the email")
    delivered = time.monotonic() - started
    record_property("request_seconds", round(elapsed, 3))
    record_property("delivery_seconds", round(delivered, 3))
    print(f"\nrequest {elapsed:.3f} s; email in the outbox {delivered:.3f} s after the answer")
    # The worker records "sent" just after the mail backend returns.
    wait_for(lambda: Notification.objects.get(pk=email_id).status == Notification.Status.SENT, timeout=5, what="sent")
    assert worker.emails() == {email_id: 1}


def test_with_redis_paused_or_dead_requests_still_answer_fast_and_every_email_arrives_exactly_once(
    real_services, private_redis, live_server, broker, worker_on, record_property
):
    broker(private_redis.url)
    worker = worker_on(private_redis.url)
    tickets = [Ticket.objects.create(owner=UserFactory()) for _ in range(6)]
    timings = {}

    # Redis up: the normal path.
    timings["up"] = [_approve(live_server, tickets[0])[0]]

    # Redis paused (accepts connections, never answers: the case that hangs requests).
    private_redis.pause()
    timings["paused"] = []
    for ticket in tickets[1:4]:
        elapsed, answer = _approve(live_server, ticket)
        assert answer == {"status": "approved"}
        timings["paused"].append(elapsed)
    assert all(t < 5 for t in timings["paused"]), timings
    assert Ticket.objects.filter(status=Ticket.Status.APPROVED).count() == 4
    private_redis.resume()

    # Redis dead (connection refused), then started again, empty.
    private_redis.stop()
    broker_pause.reset()  # exercise the refused path too, not only the pause it left behind
    timings["dead"] = []
    for ticket in tickets[4:]:
        elapsed, answer = _approve(live_server, ticket)
        assert answer == {"status": "approved"}
        timings["dead"].append(elapsed)
    assert all(t < 5 for t in timings["dead"]), timings
    private_redis.start()
    restarted = time.monotonic()

    emails = _email_ids()
    assert len(emails) == 6

    def all_sent():
        worker.keep_alive()
        return not Notification.objects.exclude(status=Notification.Status.SENT).exists()

    wait_for(all_sent, timeout=45, interval=0.2, what="every notification to be sent")
    recovered = time.monotonic() - restarted
    # Duplicates would come late: the publish that timed out against the paused Redis was
    # buffered there and delivered on resume, and the sweeper queued the same rows. Wait until
    # the broker holds no message, delivered or not, then count.
    wait_for(private_redis.is_drained, timeout=15, interval=0.2, what="the queue to drain")
    assert worker.emails() == dict.fromkeys(emails, 1)
    assert set(Notification.objects.filter(channel=Channel.EMAIL).values_list("attempts", flat=True)) == {1}

    summary = {k: [round(t, 2) for t in v] for k, v in timings.items()}
    record_property("request_seconds", summary)
    record_property("recovery_seconds", round(recovered, 1))
    record_property("worker_restarts", worker.restarts)
    print(
        f"\nrequest seconds: {summary}; all delivered {recovered:.1f} s after Redis came back;"
        f" worker restarted {worker.restarts} time(s)"
    )
