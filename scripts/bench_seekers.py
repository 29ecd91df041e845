"""Benchmark: the staff's job-seeker list and the seeker pages at regency scale.

Not a test. Fills a PostgreSQL database with N job seekers (default 500,000: Kabupaten Bekasi's
~200,000 unemployed and then some), a third of them with AK/1 cards, then times what the
staff and seekers do most. Run it on an empty database:

    createdb -h 127.0.0.1 -U postgres bekasi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bekasi_bench DJANGO_DEBUG=1 \\
        .venv/bin/python scripts/bench_seekers.py --seekers 500000

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
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from core.models import Desa, EducationLevel, Kecamatan  # noqa: E402
from seekers.models import AK1Card, JobSeeker  # noqa: E402


def fill(n: int):
    rng = random.Random(3216)
    kecamatan = list(Kecamatan.objects.all())
    desa = {k.pk: list(Desa.objects.filter(kecamatan=k)) for k in kecamatan}
    levels = list(EducationLevel.objects.all())
    batch = 10_000
    today = datetime.date(2026, 11, 28)
    start = User.objects.count()
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        users = User.objects.bulk_create(
            [User(email=f"bench{start + offset + i}@example.id", full_name=f"Pencari Kerja {offset + i}",
                  password="!") for i in range(size)]  # noqa: S106 - unusable password
        )  # fmt: skip
        seekers = []
        for i, user in enumerate(users):
            k = rng.choice(kecamatan)
            birth = datetime.date(rng.randint(1966, 2008), rng.randint(1, 12), rng.randint(1, 28))
            gender = rng.choice("LP")
            day = birth.day + (40 if gender == "P" else 0)
            serial = (offset + i) % 10_000 or 1
            nik = f"{k.code.replace('.', '')}{day:02d}{birth:%m%y}{serial:04d}"
            seekers.append(JobSeeker(
                user=user, nik=nik,
                full_name=user.full_name, birth_place="Bekasi", birth_date=birth, gender=gender,
                marital_status="single", religion="islam", address="Jl. Raya", domicile_kecamatan=k,
                domicile_desa=rng.choice(desa[k.pk]), phone=f"+62813{offset + i:08d}",
                education_level=rng.choice(levels),
            ))  # fmt: skip
        # NIKs from random birth dates collide now and then at this scale: skip those rows.
        JobSeeker.objects.bulk_create(seekers, ignore_conflicts=True)
        ids = list(JobSeeker.objects.filter(user__in=users).values_list("pk", flat=True))
        AK1Card.objects.bulk_create([
            AK1Card(seeker_id=pk, number=f"3216-2026-{pk:07d}", issued_at=today, status="active",
                    valid_until=today + datetime.timedelta(days=730),
                    next_report_due=today + datetime.timedelta(days=rng.randint(1, 180)))
            for pk in ids if rng.random() < 0.33
        ])  # fmt: skip
        print(f"  {offset + size:>8,} seekers", end="\r", flush=True)
    print()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(client, url, params=None, runs=5):
    client.get(url, params)  # warm up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, params)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seekers", type=int, default=500_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL (DATABASE_URL=postgres://...).")
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    have = JobSeeker.objects.count()
    if have < args.seekers:
        print(f"Filling {args.seekers - have:,} job seekers …")
        started = time.perf_counter()
        fill(args.seekers - have)
        print(f"  filled in {time.perf_counter() - started:.0f} s")
    staff, _ = User.objects.get_or_create(
        email="bench-staff@example.id", defaults={"full_name": "Bench Staff", "is_staff": True}
    )
    staff.groups.add(django.contrib.auth.models.Group.objects.get(name=Role.DISNAKER.value))
    client = Client()
    client.force_login(staff)
    some = JobSeeker.objects.order_by("?").select_related("user").first()
    kecamatan = Kecamatan.objects.get(code="32.16.09")
    changelist = reverse("admin:seekers_jobseeker_changelist")
    cases = [
        ("staff list, first page", changelist, None),
        ("staff list, page 500", changelist, {"p": "500"}),
        ("filter: kecamatan", changelist, {"domicile_kecamatan__id__exact": kecamatan.pk}),
        ("filter: age 25-34", changelist, {"age": "25-34"}),
        ("filter: card active", changelist, {"card": "active"}),
        ("filter: no card", changelist, {"card": "none"}),
        ("filter: kecamatan + education + gender", changelist,
         {"domicile_kecamatan__id__exact": kecamatan.pk, "education_level__id__exact": some.education_level_id,
          "gender__exact": "P"}),
        ("search: full NIK", changelist, {"q": some.nik}),
        ("search: phone 0813…", changelist, {"q": "0" + some.phone[3:]}),
        ("staff: one seeker's page", reverse("admin:seekers_jobseeker_change", args=[some.pk]), None),
    ]  # fmt: skip
    print(f"\n{JobSeeker.objects.count():,} seekers, {AK1Card.objects.count():,} cards (median of 5, ms)")
    for label, url, params in cases:
        print(f"  {label:<42} {timed(client, url, params):8.1f}")
    seeker_client = Client()
    seeker_client.force_login(some.user)
    print(f"  {'seeker: own dashboard':<42} {timed(seeker_client, reverse('seekers:dashboard')):8.1f}")


if __name__ == "__main__":
    main()
