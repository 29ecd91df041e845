"""The seekers part of `manage.py seed_scale`: a profile for every seeded account (domicile,
education, skills, languages, consent, a photo record), AK/1 cards for about 30% (60,000 at
200,000 seekers) in every status, and six-monthly reports. Bench scenarios: the seeker
dashboard and the public card check. See core/scale.py."""

import datetime
import random
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from accounts.models import User
from core.models import Counter, Desa, EducationLevel, Kecamatan
from core.scale import SCALE_DOMAIN, bulk, scale_email, timed_part

from .models import AK1Card, AK1Report, Consent, Document, Education, JobSeeker, LanguageSkill, Skill

SKILLS = ["las listrik", "las argon", "bubut", "cnc", "plc", "kelistrikan", "otomotif", "sepeda motor", "ac",
          "microsoft excel", "microsoft word", "akuntansi", "administrasi", "gudang", "forklift", "mengemudi",
          "menjahit", "tata boga", "barista", "tata rias", "desain grafis", "fotografi", "video editing",
          "python", "php", "javascript", "android", "jaringan komputer", "digital marketing", "customer service",
          "bahasa inggris", "bahasa jepang", "k3", "quality control", "ppic", "maintenance", "packing",
          "operator produksi", "kasir", "penjualan"]  # fmt: skip
SCHOOLS = ["SMKN 1 Cikarang Selatan", "SMKN 1 Cikarang Barat", "SMAN 1 Tambun Selatan", "SMKN 2 Tambun Selatan",
           "SMK Mitra Industri", "SMAN 2 Cikarang Utara", "Universitas Pelita Bangsa", "President University",
           "Politeknik LP3I", "SMK Bina Karya", "MAN 1 Kabupaten Bekasi", "SMPN 1 Cibitung"]  # fmt: skip
MAJORS = ["Teknik Mesin", "Teknik Elektro", "Otomotif", "Akuntansi", "Administrasi Perkantoran", "IPA", "IPS",
          "Teknik Komputer dan Jaringan", "Tata Boga", "Manajemen", "Teknik Industri", ""]  # fmt: skip
TODAY = datetime.date(2026, 11, 28)
PHOTO_NAME = "seekers/scale/photo.jpg"
# The smallest valid JPEG (1x1 grey pixel): every seeded photo record points at this one file.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e"
    "1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f000001"
    "0501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105"
    "122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a43444546"
    "4748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aa"
    "b2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100"
    "003f00fbd3ffd9"
)


def bench_seeker() -> User:
    return User.objects.get(email=scale_email("bench-seeker"))


def _write_photo():
    path = Path(settings.MEDIA_ROOT) / "private" / PHOTO_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(TINY_JPEG)


def seed(*, seekers, stdout):
    rng = random.Random(3217)
    kecamatan = list(Kecamatan.objects.all())
    desa: dict[int, list[int]] = {}
    for pk, kec in Desa.objects.values_list("pk", "kecamatan_id"):
        desa.setdefault(kec, []).append(pk)
    levels = list(EducationLevel.objects.order_by("rank"))
    # Mostly SMA/SMK, some SMP, some diploma and degree (the regency's job seekers).
    level_weights = [1 if lv.rank < 20 else 6 if lv.rank < 40 else 2 for lv in levels]
    _write_photo()
    with timed_part(stdout, "seekers") as counts:
        users = list(
            User.objects.filter(Q(email__startswith="seeker") | Q(email=scale_email("bench-seeker")),
                                email__endswith=f"@{SCALE_DOMAIN}")
            .order_by("pk").values_list("pk", "full_name", "phone")
        )  # fmt: skip
        taken: dict[tuple[str, str], int] = {}
        profiles = []
        for user_id, name, phone in users:
            outside = rng.random() < 0.12
            k = rng.choice(kecamatan)
            birth = datetime.date(rng.randint(1968, 2008), rng.randint(1, 12), rng.randint(1, 28))
            gender = rng.choice("LP")
            # NIK: PPRRKK DDMMYY SSSS, the serial counted per (region, birth date), so all distinct.
            region = k.code.replace(".", "")
            born = f"{birth.day + (40 if gender == 'P' else 0):02d}{birth:%m%y}"
            serial = taken[(region, born)] = taken.get((region, born), 0) + 1
            profiles.append(JobSeeker(
                user_id=user_id, nik=f"{region}{born}{serial:04d}", full_name=name, birth_place="Bekasi",
                birth_date=birth, gender=gender, marital_status=rng.choice(["single"] * 3 + ["married"]),
                religion=rng.choice(["islam"] * 8 + ["kristen", "katolik"]),
                address=f"Jl. Raya No. {rng.randint(1, 300)}",
                domicile_kecamatan=None if outside else k, domicile_desa_id=None if outside else rng.choice(desa[k.pk]),
                domicile_outside="Kota Bekasi" if outside else "", phone=phone or "",
                education_level=rng.choices(levels, level_weights)[0],
                employment_status=rng.choice(JobSeeker.EmploymentStatus.values[:4]),
                willing_abroad=rng.random() < 0.15, expected_wage=rng.choice([None, 4_500_000, 5_137_574, 6_000_000]),
            ))  # fmt: skip
        profiles = bulk(JobSeeker, profiles)
        counts["profiles"] = len(profiles)
        bench_user = User.objects.get(email=scale_email("bench-seeker")).pk
        bench = next(s for s in profiles if s.user_id == bench_user)  # complete, with an active card

        bulk(Consent, [Consent(user_id=s.user_id, purpose="job_seeker_services", notice_version="2026-11")
                       for s in profiles])  # fmt: skip
        bulk(Education, [
            Education(seeker_id=s.pk, level_id=s.education_level_id, school=rng.choice(SCHOOLS),
                      major=rng.choice(MAJORS), graduation_year=min(s.birth_date.year + 18, 2026))
            for s in profiles
        ])  # fmt: skip
        counts["educations"] = len(profiles)

        skills = bulk(Skill, [Skill(name=name) for name in SKILLS])
        through = JobSeeker.skills.through
        links = [
            through(jobseeker_id=s.pk, skill_id=skill.pk)
            for s in profiles
            for skill in rng.sample(skills, rng.randint(1, 4))
        ]
        bulk(through, links)
        counts["skills"] = len(links)
        bulk(LanguageSkill, [
            LanguageSkill(seeker_id=s.pk, language="en", level=rng.choice(["basic", "intermediate", "fluent"]))
            for s in profiles if rng.random() < 0.3
        ])  # fmt: skip
        # A photo record for 90% (the rest have incomplete profiles); all point at one tiny file.
        bulk(Document, [
            Document(seeker_id=s.pk, kind="photo", file=PHOTO_NAME, content_type="image/jpeg", size=len(TINY_JPEG))
            for s in profiles if rng.random() < 0.9 or s is bench
        ])  # fmt: skip

        # AK/1 cards for ~30%; most active, some suspended, closed (hired) or expired. Bench-seeker has one.
        cards = []
        serials: dict[int, int] = {}
        for s in profiles:
            if rng.random() >= 0.30 and s is not bench:
                continue
            issued = TODAY - datetime.timedelta(days=rng.randint(0, 400 if s is bench else 900))
            status = "active" if s is bench else rng.choice(["active"] * 7 + ["suspended", "closed", "expired"])
            if issued + datetime.timedelta(days=730) < TODAY and status in ("active", "suspended"):
                status = "expired"
            serials[issued.year] = serials.get(issued.year, 0) + 1
            cards.append(AK1Card(
                seeker_id=s.pk, number=f"3216-{issued.year}-{serials[issued.year]:06d}", status=status,
                issued_at=issued, valid_until=issued + datetime.timedelta(days=730),
                next_report_due=issued + datetime.timedelta(days=182 * (1 + (TODAY - issued).days // 182)),
                status_reason="Tidak melapor" if status == "suspended" else "",
            ))  # fmt: skip
        cards = bulk(AK1Card, cards)
        for year, last in serials.items():  # the portal's next card continues the series
            Counter.objects.update_or_create(name="ak1", year=year, defaults={"last": last})
        counts["AK/1 cards"] = len(cards)
        reports = bulk(AK1Report, [
            AK1Report(card_id=c.pk, still_looking=c.status != "closed",
                      employer="PT Bench" if c.status == "closed" else "")
            for c in cards if (TODAY - c.issued_at).days > 182
        ])  # fmt: skip
        counts["card reports"] = len(reports)


def bench_scenarios():
    card = AK1Card.objects.filter(status="active").order_by("pk").first()
    kecamatan = Kecamatan.objects.order_by("code")[8]

    def staff():
        return User.objects.get(email=scale_email("bench-staff"))

    return [
        {"name": "admin seeker list", "path": "/admin/seekers/jobseeker/", "method": "GET", "user": staff,
         "kind": "staff"},
        {"name": "admin seeker list, kecamatan filter",
         "path": f"/admin/seekers/jobseeker/?domicile_kecamatan__id__exact={kecamatan.pk}", "method": "GET",
         "user": staff, "kind": "staff"},
        {"name": "seeker dashboard", "path": "/pencari-kerja/", "method": "GET", "user": bench_seeker,
         "kind": "seeker"},
        {"name": "AK/1 card check (public)", "path": card.get_verify_url() if card else "/", "method": "GET",
         "user": None, "kind": "public"},
    ]  # fmt: skip
