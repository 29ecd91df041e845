"""Settings for a Celery worker started by a test: the test settings, with email written to files
the test reads (the test process cannot see a worker's locmem outbox)."""

import os

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["TEST_EMAIL_FILE_PATH"]
