"""The production settings, plus the bare-Django baseline page at /__bench__/baseline/.

Only `make bench` uses this module (DJANGO_SETTINGS_MODULE=bench.settings): the baseline URL is
never part of the portal's own URLconf.
"""

from copy import deepcopy

from bekasi_jobs.settings import *  # noqa: F403
from bekasi_jobs.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES = deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
# The runner counts queries per page in-process with Django's test client.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
# The benchmark measures the pages. The staff second factor (every staff scenario would measure the
# redirect to it) and the throttles (50 clients from one address would get 429s) are tested on
# their own (tests/test_second_factor*.py, tests/test_throttles.py).
OTP_REQUIRED_FOR_STAFF = False
THROTTLES_ENABLED = False
