"""The accounts part of `manage.py seed_scale`: the staff accounts the benchmark logs in as, and
one account per job seeker (seekers/scale.py gives each a profile). See core/scale.py."""

import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from core.scale import SCALE_PASSWORD, bulk, scale_email, seeker_email, timed_part

from .models import User
from .roles import Role

# (login name, full name, role, is_staff, is_superuser). The job seeker bench-seeker gets a full
# profile, a card, trainings and messages from the parts above.
STAFF = [
    ("bench-admin", "Admin Bench", None, True, True),
    ("bench-staff", "Staf Disnaker Bench", Role.DISNAKER, True, False),
    ("bench-tkp3d", "Anggota TKP3D Bench", Role.TKP3D, False, False),
    ("bench-partner", "Staf Mitra Bench", Role.PARTNER, False, False),
    ("bench-bank", "Petugas Bank Bench", Role.BANK, False, False),
    ("bench-seeker", "Pencari Kerja Bench", None, False, False),
]
FIRST = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Indah", "Joko", "Kurnia", "Lestari",
         "Maya", "Nur", "Putri", "Rina", "Siti", "Taufik", "Wahyu", "Yusuf", "Rizky", "Ayu",
         "Dimas", "Sari"]  # fmt: skip
LAST = ["Saputra", "Wijaya", "Lestari", "Hidayat", "Kurniawan", "Rahmawati", "Setiawan", "Pratama", "Susanti",
        "Nugroho", "Permata", "Santoso", "Hartono", "Wulandari", "Firmansyah", "Maulana"]  # fmt: skip


def by_name(name: str) -> User:
    """A seeded staff or bench account, e.g. `by_name("bench-partner")`."""
    return User.objects.get(email=scale_email(name))


def seed(*, seekers, stdout):
    rng = random.Random(3216)
    password = make_password(SCALE_PASSWORD)  # hashed once: Argon2 per row would take hours
    with timed_part(stdout, "accounts") as counts:
        staff = bulk(
            User,
            [
                User(email=scale_email(name), full_name=full, password=password, is_staff=is_staff,
                     is_superuser=is_superuser)
                for name, full, _role, is_staff, is_superuser in STAFF
            ],
        )  # fmt: skip
        groups = {g.name: g for g in Group.objects.all()}
        for user, (_name, _full, role, _s, _su) in zip(staff, STAFF, strict=True):
            if role:
                user.groups.add(groups[role.value])
        # Job seekers: about a third sign up with a mobile number as well (many have no email).
        rows = []
        for i in range(seekers - 1):  # bench-seeker is the last one
            phone = f"+62812{i:08d}" if rng.random() < 0.35 else None
            rows.append(
                User(email=seeker_email(i), phone=phone, full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                     password=password, language="id" if rng.random() < 0.9 else "en")
            )  # fmt: skip
        bulk(User, rows)
        counts["staff accounts"] = len(staff)
        counts["seeker accounts"] = len(rows) + 1
