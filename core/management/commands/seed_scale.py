"""Fill an empty database with a large, consistent data set for `make bench` (README, "Speed under load").

Each app contributes its part in `<app>/scale.py` (a `seed(*, seekers, stdout)` function); they run
in INSTALLED_APPS order, so later parts find (by id) what earlier ones made. Deterministic: the same
`--seekers` gives the same data. Ends with VACUUM ANALYZE on PostgreSQL (autovacuum may be off, and
freshly loaded tables without statistics get bad plans).
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.scale import SCALE_DOMAIN, SCALE_PASSWORD, scale_modules


class Command(BaseCommand):
    help = "Fill an empty database with N job seekers and everything that goes with them (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--seekers", type=int, default=200_000, help="number of job seekers (default 200,000)")
        parser.add_argument(
            "--no-vacuum", action="store_true", help="skip the final VACUUM ANALYZE (tests inside a transaction)"
        )

    def handle(self, *args, seekers, no_vacuum, **options):
        if seekers < 10:
            raise CommandError("--seekers must be at least 10.")
        if get_user_model().objects.filter(email__endswith=f"@{SCALE_DOMAIN}").exists():
            raise CommandError("This database already holds a scale data set: use an empty one (createdb).")
        started = time.perf_counter()
        self.stdout.write(f"Seeding {seekers:,} job seekers and their data:")
        for module in scale_modules():
            seed = getattr(module, "seed", None)
            if seed is None:
                continue
            with transaction.atomic():
                seed(seekers=seekers, stdout=self.stdout)
        if connection.vendor == "postgresql" and not no_vacuum:
            vacuum_started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write(f"  VACUUM ANALYZE in {time.perf_counter() - vacuum_started:.1f} s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.perf_counter() - started:.0f} s. Seeded accounts: *@{SCALE_DOMAIN}, "
                f"password {SCALE_PASSWORD}."
            )
        )
