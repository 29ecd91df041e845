"""The dashboard's part of `manage.py seed_scale` (this year's targets) and its `make bench`
scenarios (see core/scale.py and /work/notes/SCALE_CONTRACT.md)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import Kecamatan
from core.scale import bulk, scale_email, scaled, timed_part

from . import indicators as registry
from . import summaries
from .models import Target

# Targets for 200,000 seekers, per indicator; other indicators get one tenth of the seekers.
TARGETS_PER_200K = {"seekers_registered": 60_000, "cards_issued": 25_000, "trainees_accepted": 30_000,
                    "trainees_completed": 20_000, "entrepreneurs_started": 1_000}  # fmt: skip


def seed(*, seekers, stdout):
    year = timezone.localdate().year
    with timed_part(stdout, "dashboard") as counts:
        rows = [
            Target(indicator=ind.key, year=year, value=scaled(TARGETS_PER_200K.get(ind.key, 20_000), seekers),
                   note="seed_scale")
            for ind in registry.indicators()
        ]  # fmt: skip
        rows += [
            Target(indicator="seekers_registered", year=year, kecamatan=kecamatan, value=scaled(2_600, seekers),
                   note="seed_scale")
            for kecamatan in Kecamatan.objects.order_by("code")
        ]  # fmt: skip
        bulk(Target, rows)
        counts["targets"] = len(rows)
        run = summaries.refresh()
        counts["summary rows"] = run.rows


def _tkp3d():
    return get_user_model().objects.get(email=scale_email("bench-tkp3d"))


def bench_scenarios():
    return [
        # ?refresh=1 recomputes every figure, at most once per 30 s for the same view (a burst of
        # refreshes shares one computation: dashboard.rendering.content_html).
        {"name": "TKP3D dashboard, refresh asked", "path": "/dasbor/?refresh=1", "method": "GET", "user": _tkp3d,
         "kind": "staff"},
        {"name": "TKP3D dashboard (cached)", "path": "/dasbor/", "method": "GET", "user": _tkp3d, "kind": "staff"},
        {"name": "TKP3D dashboard, one kecamatan (cached)", "path": "/dasbor/?kecamatan=32.16.09", "method": "GET",
         "user": _tkp3d, "kind": "staff"},
        {"name": "open statistics page", "path": "/statistik/", "method": "GET", "user": None, "kind": "public"},
        {"name": "open statistics JSON", "path": "/statistik/data.json", "method": "GET", "user": None,
         "kind": "public"},
    ]  # fmt: skip
