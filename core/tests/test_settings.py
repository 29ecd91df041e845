"""Settings come from the environment; these run the real settings module in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_settings(**env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="bekasi_jobs.settings")
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = _run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_set_and_the_defaults_are_sqlite_and_eager_tasks():
    result = _run_settings(DJANGO_SECRET_KEY="s" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3", "True"]


def test_database_and_redis_urls_switch_to_postgresql_and_a_real_broker():
    result = _run_settings(
        DJANGO_SECRET_KEY="s" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/bekasi",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql", "False"]


def test_a_production_configuration_passes_the_deployment_checklist():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bekasi_jobs.settings",
        DJANGO_SECRET_KEY="k8#Yp2!vQz" * 6,
        ALLOWED_HOSTS="kerja.bekasikab.go.id",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_keeps_database_connections_and_compiled_templates():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="bekasi_jobs.settings", DJANGO_SECRET_KEY="s" * 50)
    code = (
        "import django; django.setup(); from django.conf import settings as s; from django.template import engines; "
        "db = s.DATABASES['default']; loaders = engines['django'].engine.template_loaders; "
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], [type(x).__module__ for x in loaders])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    # Persistent connections checked before reuse; Django's cached template loader (its default
    # when no loaders are configured) keeps compiled templates for the life of the worker.
    assert result.stdout.split(None, 2)[:2] == ["60", "True"]
    assert "django.template.loaders.cached" in result.stdout


def test_the_bench_baseline_page_is_not_part_of_the_portal():
    from django.urls import Resolver404, resolve

    try:
        resolve("/__bench__/baseline/")
    except Resolver404:
        return
    raise AssertionError("the benchmark's baseline view must exist only in bench.settings")
