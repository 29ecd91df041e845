"""Personas shared by every app's tests: one per role, plus an outsider."""

import pytest
from django.db import connection

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from bekasi_jobs.celery import app as celery_app


@pytest.fixture
def seeker(db):
    return UserFactory(full_name="Rina Marlina", phone="+6281234567890")


@pytest.fixture
def other_seeker(db):
    return UserFactory(full_name="Budi Santoso")


@pytest.fixture
def disnaker_staff(db):
    return UserFactory(full_name="Siti Rahmawati", is_staff=True, role=Role.DISNAKER)


@pytest.fixture
def tkp3d_member(db):
    return UserFactory(full_name="Bambang Sutrisno", role=Role.TKP3D)


@pytest.fixture
def partner_staff(db):
    return UserFactory(full_name="Dewi Lestari", role=Role.PARTNER)


@pytest.fixture
def bank_officer(db):
    return UserFactory(full_name="Agus Setiawan", role=Role.BANK)


@pytest.fixture
def celery_eager(settings):
    """Run Celery tasks in-process for one test, even when REDIS_URL names a real broker.

    For tests that check what a task did (the email a notification sent), not how it travelled:
    without it, on the PostgreSQL+Redis run, the task would wait in Redis for a worker.
    """
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(django_db_setup, django_db_blocker):
    """Let the test database be dropped at the end of the run on PostgreSQL.

    The browser tests leave an idle connection behind (Playwright's greenlets give ORM calls
    their own connection objects, out of Django's reach), and PostgreSQL will not drop a
    database that has sessions.
    """
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
