"""Personas shared by every app's tests: one per role, plus an outsider."""

import contextlib
import os
from importlib import import_module
from importlib.util import find_spec
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from bekasi_jobs.celery import app as celery_app
from core.reference import load_reference_data


def pytest_collection_modifyitems(config, items):
    """`postgres` tests need PostgreSQL's locking; `redis` tests a real broker. CI runs both."""
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    skip_redis = pytest.mark.skip(reason="needs Redis (set REDIS_URL=redis://...)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not os.environ.get("REDIS_URL"):
            item.add_marker(skip_redis)


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """A transactional test ends by emptying every table, the reference data that migrations
    loaded included (role groups come back through post_migrate; kecamatan, desa, education
    levels and sectors do not): load it again at the start of each such test.

    Django's serialized_rollback would do this, but not for the browser tests: Playwright's
    greenlets give them other connection objects than the ones the serialized data sits on."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        load_reference_data()
        # The apps above core that ship reference data of their own (placements: occupations,
        # UMK, industrial estates) reload it through `<app>.reference.load_reference_data`.
        for app in apps.get_app_configs():
            if app.name != "core" and find_spec(f"{app.name}.reference") is not None:
                import_module(f"{app.name}.reference").load_reference_data()


@pytest.fixture(autouse=True)
def _no_cached_pages_from_other_tests():
    """Pages cache what rarely changes (the catalogue's choices and result lists) and per person
    what they see on every page (dashboard sections, the unread count, under version keys): a
    test's rolled-back rows, and the ids they had, must not show up in the next test's page."""
    from django.core.cache import cache

    from core.pagination import LargeTablePaginator

    cache.clear()
    LargeTablePaginator.forget_estimates()  # kept per process for a minute


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


@pytest.fixture
def cache_down():
    """`with cache_down():` every read and write of the shared cache fails (Redis unreachable)."""

    @contextlib.contextmanager
    def down():
        with (
            mock.patch("django.core.cache.cache.get_many", side_effect=ConnectionError),
            mock.patch("django.core.cache.cache.set_many", side_effect=ConnectionError),
            mock.patch("django.core.cache.cache.set", side_effect=ConnectionError),
            mock.patch("django.core.cache.cache.get", side_effect=ConnectionError),
        ):
            yield

    return down


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
