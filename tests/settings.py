"""Test settings: the real settings, plus what only tests need."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "x" * 40)

from bekasi_jobs.settings import *  # noqa: E402, F403
from bekasi_jobs.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "tests.toyapp"]

# Tests talk plain HTTP to the test client and to the live server of the browser tests.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The same session queries with and without Redis, so that query counts are the same on SQLite
# and PostgreSQL + Redis; tests/test_sessions.py runs the production cached_db sessions.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The permissions cache on with and without Redis (one process: the locmem cache is shared by
# everything a test runs), so that query counts are the same on SQLite and PostgreSQL + Redis.
PERMISSIONS_CACHE = True
# The account row read on each request, as without Redis, so that the query counts are the same on
# SQLite and PostgreSQL + Redis; accounts/tests/test_account_cache.py turns the cache on.
ACCOUNT_CACHE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Argon2 is the production hasher (see test_settings.py); MD5 keeps factories fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/bekasi_jobs_test_media"))  # noqa: F405, S108
# Persistent connections outlive the live server's threads and block dropping the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# SMS and WhatsApp are kept in memory (notifications.gateways.LocmemGateway.outbox).
NOTIFICATIONS_GATEWAY = "notifications.gateways.LocmemGateway"
# Staff second factor (accounts/second_factor.py): off for the tests of everything else, which log
# staff in with force_login; accounts/tests/test_second_factor.py turns it on.
OTP_REQUIRED_FOR_STAFF = False
# Throttles (core/throttle.py): off, so that tests posting many forms do not trip them; the
# throttle tests (tests/test_throttles.py) turn them on.
THROTTLES_ENABLED = False
# The replica router's tests (dashboard/tests/test_replica.py) need a second alias with its own
# database, so they can tell which one a page read from. Only tests that ask for it
# (`databases=["default", "replica"]`) build it; the router uses it only when a test sets
# READ_REPLICA_ALIAS.
READ_REPLICA_ALIAS = None
DATABASES["replica"] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    # Tables straight from the models (the data migrations write to "default" only).
    "TEST": {"NAME": f"test_{DATABASES['default']['NAME']}_replica", "MIGRATE": False}  # noqa: F405
    if DATABASES["default"]["ENGINE"].endswith("postgresql")  # noqa: F405
    else {"MIGRATE": False},
}
