"""Benchmark: the training catalogue, applicant lists and seeker pages at regency scale.

Not a test. Fills a PostgreSQL database with job seekers (through bench_seekers.py's filler),
providers, programmes, batches and N enrolments (default 2,000,000: "a few million enrolments",
DESIGN.md), one popular batch with 5,000 applicants, then times what the public, seekers, partner
staff and Disnaker do most. Run it on an empty database (or one bench_seekers.py filled):

    createdb -h 127.0.0.1 -U postgres bekasi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bekasi_bench DJANGO_DEBUG=1 \\
        .venv/bin/python scripts/bench_trainings.py --seekers 200000 --enrolments 2000000

Prints the median of several runs of each request, in milliseconds.
"""

import argparse
import datetime
import os
import random
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
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from core.models import EducationLevel, Kecamatan  # noqa: E402
from scripts.bench_seekers import fill as fill_seekers  # noqa: E402
from seekers.models import JobSeeker  # noqa: E402
from trainings import selectors, services  # noqa: E402
from trainings.models import Batch, Enrolment, Program, Provider, ProviderStaff  # noqa: E402

S = Enrolment.Status
WORDS = ["Pengelasan", "Listrik", "CNC", "Otomotif", "AC", "Menjahit", "Tata Boga", "Administrasi", "Web",
         "Android", "Jaringan", "Desain Grafis", "Digital Marketing", "Kewirausahaan", "Barista"]  # fmt: skip


def fill(enrolments: int):
    rng = random.Random(3216)
    today = timezone.localdate()
    kecamatan = list(Kecamatan.objects.all())
    levels = list(EducationLevel.objects.filter(rank__lte=31))
    providers = Provider.objects.bulk_create(
        [Provider(name=f"Lembaga Bench {i}", kind="partner" if i > 1 else ("blk", "bpptik")[i],
                  address="Jl. Raya", kecamatan=rng.choice(kecamatan)) for i in range(40)]
    )  # fmt: skip
    programs = Program.objects.bulk_create(
        [Program(provider=p, title=f"{rng.choice(WORDS)} {p.pk}-{j}", category=rng.choice(Program.Category.values),
                 mode=rng.choice(Program.Mode.values), hours=rng.choice([40, 80, 160, 240]),
                 fee=0 if p.kind != "partner" else rng.choice([0, 2_750_000, 3_500_000]),
                 min_education=rng.choice(levels), min_age=18, max_age=rng.choice([35, 45, 55]),
                 is_published=True) for p in providers for j in range(15)]
    )  # fmt: skip
    batches = []
    for program in programs:
        for k in range(20):  # five years of batches, the last two open for registration
            start = today + datetime.timedelta(days=90 * (k - 17))
            opens = start - datetime.timedelta(days=60)
            batches.append(Batch(
                program=program, name=f"Angkatan {k + 1}", status="finished" if k < 17 else "published",
                start_date=start, end_date=start + datetime.timedelta(days=30), capacity=rng.choice([16, 20, 24]),
                registration_opens=opens, kecamatan=program.provider.kecamatan,
                registration_closes=min(start, today + datetime.timedelta(days=30)) if opens <= today else start,
            ))  # fmt: skip
    batches = Batch.objects.bulk_create(batches, batch_size=5_000)
    seekers = list(JobSeeker.objects.values_list("pk", flat=True))
    per_batch = max(enrolments // len(batches), 1)
    rows = []
    created = 0

    def flush():
        nonlocal rows, created
        Enrolment.objects.bulk_create(rows, batch_size=10_000, ignore_conflicts=True)
        created += len(rows)
        rows = []
        print(f"  {created:>10,} enrolments", end="\r", flush=True)

    popular = batches[-1]
    for batch in batches:
        finished = batch.status == "finished"
        n = 5_000 if batch is popular else per_batch
        for i, seeker in enumerate(rng.sample(seekers, n)):
            if i < batch.capacity:
                status = rng.choice([S.COMPLETED] * 9 + [S.DROPPED]) if finished else S.ACCEPTED
            else:
                status = rng.choice([S.REJECTED, S.WITHDRAWN]) if finished else rng.choice(Enrolment.UNDECIDED_STATUSES)
            applied = timezone.now() - datetime.timedelta(days=(today - batch.registration_opens).days)
            rows.append(Enrolment(
                batch=batch, seeker_id=seeker, status=status, local_resident=rng.random() < 0.8,
                applied_at=applied, waitlisted_at=applied if status == S.WAITLISTED else None,
                completed_at=applied + datetime.timedelta(days=90) if status == S.COMPLETED else None,
            ))  # fmt: skip
        if len(rows) >= 50_000:
            flush()
    flush()
    print()
    # The counter the services keep, set once for the bulk-loaded rows.
    seats = dict(
        Enrolment.objects.filter(status__in=Enrolment.SEAT_STATUSES)
        .values_list("batch")
        .annotate(n=Count("pk"))
        .values_list("batch", "n")
    )
    for batch in batches:
        batch.seats_taken = seats.get(batch.pk, 0)
    Batch.objects.bulk_update(batches, ["seats_taken"], batch_size=5_000)
    return popular


def timed(client, url, params=None, runs=5):
    client.get(url, params)  # warm up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, params)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def timed_call(function, runs=5):
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--enrolments", type=int, default=2_000_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL (DATABASE_URL=postgres://...).")
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    have = JobSeeker.objects.count()
    if have < args.seekers:
        print(f"Filling {args.seekers - have:,} job seekers …")
        fill_seekers(args.seekers - have)
    if not Enrolment.objects.exists():
        print(f"Filling providers, programmes, batches and {args.enrolments:,} enrolments …")
        started = time.perf_counter()
        with transaction.atomic():
            fill(args.enrolments)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"  filled in {time.perf_counter() - started:.0f} s")
    popular = Batch.objects.annotate(n=Count("enrolments")).order_by("-n").first()
    provider = popular.program.provider

    staff, _ = User.objects.get_or_create(
        email="bench-staff@example.id", defaults={"full_name": "Bench Staff", "is_staff": True}
    )
    staff.groups.add(Group.objects.get(name=Role.DISNAKER.value))
    clerk, _ = User.objects.get_or_create(email="bench-mitra@example.id", defaults={"full_name": "Bench Mitra"})
    clerk.groups.add(Group.objects.get(name=Role.PARTNER.value))
    ProviderStaff.objects.update_or_create(user=clerk, defaults={"provider": provider})
    seeker = JobSeeker.objects.filter(enrolments__isnull=False).select_related("user").order_by("?").first()

    public, disnaker, partner, own = Client(), Client(), Client(), Client()
    disnaker.force_login(staff)
    partner.force_login(clerk)
    own.force_login(seeker.user)
    catalogue = reverse("trainings:catalogue")
    kecamatan = Kecamatan.objects.get(code="32.16.09")
    enrolments = reverse("admin:trainings_enrolment_changelist")
    partner_batch = reverse("trainings:partner_batch", args=[popular.pk])
    cases = [
        ("public: catalogue, first page", public, catalogue, None),
        ("public: catalogue, search 'las'", public, catalogue, {"q": "las"}),
        ("public: catalogue, open + free + kecamatan", public, catalogue,
         {"open": "on", "price": "free", "kecamatan": kecamatan.pk}),
        ("public: programme page", public, popular.program.get_absolute_url(), None),
        ("seeker: programme page (eligibility)", own, popular.program.get_absolute_url(), None),
        ("seeker: my trainings", own, reverse("trainings:my_trainings"), None),
        ("partner: home (own batches)", partner, reverse("trainings:partner_home"), None),
        (f"partner: batch of {popular.n:,} applicants", partner, partner_batch, None),
        ("partner: same, waitlisted only", partner, partner_batch, {"status": "waitlisted"}),
        ("partner: same, page 100", partner, partner_batch, {"page": "100"}),
        (f"partner: CSV export of {popular.n:,}", partner,
         reverse("trainings:partner_export_csv", args=[popular.pk]), None),
        ("admin: enrolments, first page", disnaker, enrolments, None),
        ("admin: enrolments, page 500", disnaker, enrolments, {"p": "500"}),
        ("admin: enrolments, status applied", disnaker, enrolments, {"status__exact": "applied"}),
        ("admin: enrolments, one provider", disnaker, enrolments,
         {"batch__program__provider__id__exact": provider.pk}),
        ("admin: enrolments, one batch", disnaker, enrolments, {"batch__id__exact": popular.pk}),
        ("admin: enrolments, search full NIK", disnaker, enrolments, {"q": seeker.nik}),
        ("admin: batches, first page", disnaker, reverse("admin:trainings_batch_changelist"), None),
    ]  # fmt: skip
    print(
        f"\n{JobSeeker.objects.count():,} seekers, {Program.objects.count():,} programmes, "
        f"{Batch.objects.count():,} batches, {Enrolment.objects.count():,} enrolments (median of 5, ms)"
    )
    for label, client, url, params in cases:
        print(f"  {label:<46} {timed(client, url, params):8.1f}")

    day = popular.start_date
    reminders = timed_call(lambda: list(selectors.enrolments_to_remind(day)))
    print(f"  {'reminders: people starting on a day':<46} {reminders:8.1f}")
    waiting = list(Enrolment.objects.filter(batch=popular, status__in=[S.APPLIED, S.SHORTLISTED]).order_by("pk")[:6])
    Batch.objects.filter(pk=popular.pk).update(capacity=popular.seats_taken + len(waiting))
    samples = []
    for enrolment in waiting:
        started = time.perf_counter()
        services.enrolment_accept(enrolment=enrolment, actor=staff)
        samples.append((time.perf_counter() - started) * 1000)
    print(f"  {'service: accept one applicant (lock, audit)':<46} {statistics.median(samples):8.1f}")
    batch = Batch.objects.get(pk=popular.pk)
    held = batch.enrolments.filter(status__in=Enrolment.SEAT_STATUSES).count()
    print(f"  {'check: seat counter = seats held':<46} {batch.seats_taken == held!s:>8}")


if __name__ == "__main__":
    main()
