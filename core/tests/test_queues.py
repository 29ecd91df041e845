"""Routing by task name (settings.CELERY_TASK_ROUTES): each kind of work to its own queue."""

import pytest

from bekasi_jobs.celery import app


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("notifications.send", "notifications"),
        ("accounts.send_password_reset", "notifications"),
        ("dashboard.report_monthly_placements", "reports"),
        ("seekers.export_applicants", "reports"),
        ("seekers.import_legacy_registrations", "imports"),
        # Reminders and sweeps stay on the default queue, with whatever else is not named above.
        ("seekers.ak1_report_due_reminders", "celery"),
        ("notifications.requeue_stuck", "celery"),
        ("core.ping", "celery"),
    ],
)
def test_each_kind_of_work_is_routed_to_its_own_queue(task, queue):
    assert app.amqp.router.route({}, task)["queue"].name == queue


def test_a_worker_started_without_queues_consumes_every_queue():
    assert {q.name for q in app.conf.task_queues} == {"celery", "notifications", "reports", "imports"}
