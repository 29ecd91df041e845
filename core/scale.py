"""Helpers shared by the `<app>/scale.py` parts of `manage.py seed_scale` and by `make bench`.

See /work/notes/SCALE_CONTRACT.md (summarised in README, "Speed under load"): every app may have a
module `<app>/scale.py` with `seed(*, seekers, stdout)` (bulk inserts, deterministic) and
`bench_scenarios()` (the pages `make bench` drives). Core imports no app: it only finds them.
"""

import time
from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

# Every account seed_scale creates logs in with this password (bench and manual checks only).
SCALE_PASSWORD = "bekasi-scale-2026"  # noqa: S105 - a benchmark data set, never production
# Seeded accounts have addresses under this domain, so they are easy to find and to tell apart.
SCALE_DOMAIN = "scale.test"
BATCH_SIZE = 5_000


def scale_email(name: str) -> str:
    """`scale_email("bench-employer")` -> "bench-employer@scale.test"."""
    return f"{name}@{SCALE_DOMAIN}"


def seeker_email(i: int) -> str:
    """The email of the i-th seeded job seeker (0-based)."""
    return f"seeker{i}@{SCALE_DOMAIN}"


def scale_modules():
    """The `<app>.scale` modules of the project's apps, in INSTALLED_APPS order (core's own excluded)."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.scale"
        if config.name == "core" or find_spec(config.name) is None or find_spec(name) is None:
            continue
        modules.append(import_module(name))
    return modules


def scaled(per_200k: int, seekers: int, *, minimum: int = 1) -> int:
    """A size given for 200,000 seekers, scaled to `seekers` (never below `minimum`)."""
    return max(minimum, round(per_200k * seekers / 200_000))


@contextmanager
def timed_part(stdout, name: str):
    """Prints "<name>: <counts> in <s> s" once the block is done. The block fills the dict it gets."""
    counts: dict[str, int] = {}
    started = time.perf_counter()
    yield counts
    figures = ", ".join(f"{n:,} {what}" for what, n in counts.items())
    stdout.write(f"  {name}: {figures} in {time.perf_counter() - started:.1f} s")


def bulk(model, rows, *, batch_size=BATCH_SIZE, **kwargs):
    """bulk_create in batches; returns the created objects (with primary keys on PostgreSQL)."""
    return model.objects.bulk_create(rows, batch_size=batch_size, **kwargs)
