"""Benchmark: vacancies, full-text search and the ranked applicant list at regency scale.

Not a test. Fills a PostgreSQL database with job seekers and enrolments (the seekers' and
trainings' fillers), then `placements.scale.seed` (20,000 vacancies, 300,000 applications, one
vacancy with 5,000 applicants at 200,000 seekers), runs VACUUM ANALYZE, and times the bench
scenarios of placements/scale.py in process (median of several runs, ms):

    createdb -h 127.0.0.1 -U postgres bekasi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bekasi_bench DJANGO_DEBUG=1 \\
        .venv/bin/python scripts/bench_placements.py --seekers 200000 --enrolments 600000

`make bench` (speed issue) measures the same scenarios over HTTP against the bare-Django baseline.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bekasi_jobs.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from placements import scale  # noqa: E402
from placements.models import Vacancy  # noqa: E402
from scripts.bench_seekers import fill as fill_seekers  # noqa: E402
from scripts.bench_trainings import fill as fill_trainings  # noqa: E402
from seekers.models import JobSeeker  # noqa: E402
from trainings.models import Enrolment  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--enrolments", type=int, default=600_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fill-only", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL (DATABASE_URL=postgres://...).")
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    have = JobSeeker.objects.count()
    if have < args.seekers:
        print(f"Filling {args.seekers - have:,} job seekers …", flush=True)
        fill_seekers(args.seekers - have)
    if not Enrolment.objects.exists():
        print(f"Filling trainings with {args.enrolments:,} enrolments …", flush=True)
        with transaction.atomic():
            fill_trainings(args.enrolments)
    if not Vacancy.objects.exists():
        scale.seed(seekers=args.seekers, stdout=sys.stdout)
        print(flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    if args.fill_only:
        return
    settings.DEBUG = True  # count queries
    print(f"\n{JobSeeker.objects.count():,} seekers, {Vacancy.objects.count():,} vacancies (median of {args.runs}, ms)")
    for scenario in scale.bench_scenarios():
        client = Client()
        if scenario["user"] is not None:
            client.force_login(scenario["user"]())
        client.get(scenario["path"])
        samples = []
        for _ in range(args.runs):
            reset_queries()
            started = time.perf_counter()
            response = client.get(scenario["path"])
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (scenario, response.status_code)
        queries = connection.queries
        sql = sum(float(q["time"]) for q in queries) * 1000
        print(f"  {scenario['name']:<50} {statistics.median(samples):7.1f}  ({len(queries)} queries, {sql:.1f} ms SQL)")


if __name__ == "__main__":
    main()
