import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from core.models import Desa, EducationLevel, Kecamatan

from . import services
from .models import AK1Card, Document, Education, JobSeeker, LanguageSkill

DEMO_SEEKER_EMAIL = "pencaker@demo.bekasikab.go.id"
SKILLS = [
    "pengelasan", "mesin bubut", "PLC", "listrik industri", "otomotif", "Microsoft Excel", "akuntansi",
    "desain grafis", "pemrograman web", "menjahit", "tata boga", "forklift", "gudang", "customer service",
]  # fmt: skip
SCHOOLS = ["SMK Negeri 1 Cikarang Barat", "SMK Negeri 2 Tambun Selatan", "SMA Negeri 1 Cibitung",
           "Universitas Pelita Bangsa", "Politeknik LP3I", "SMK Mitra Industri MM2100"]  # fmt: skip


def _photo(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (300, 400), (rng.randint(120, 220), rng.randint(120, 220), rng.randint(120, 220)))
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 70, 210, 190), fill=(250, 225, 200))
    draw.rectangle((60, 220, 240, 400), fill=(30, 60, 120))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _nik(kecamatan_code: str, birth: datetime.date, gender: str, serial: int) -> str:
    day = birth.day + (40 if gender == "P" else 0)
    return f"{kecamatan_code.replace('.', '')}{day:02d}{birth:%m%y}{serial:04d}"


def _profile(user, *, faker, rng, serial, complete=True):
    kecamatan = rng.choice(list(Kecamatan.objects.all()))
    gender = rng.choice("LP")
    birth = datetime.date(rng.randint(1985, 2006), rng.randint(1, 12), rng.randint(1, 28))
    levels = list(EducationLevel.objects.filter(rank__gte=20))
    seeker = JobSeeker(
        user=user, nik=_nik(kecamatan.code, birth, gender, serial), full_name=user.full_name,
        birth_place=rng.choice(["Bekasi", "Karawang", "Jakarta", "Bogor", "Purwakarta", "Subang"]),
        birth_date=birth, gender=gender, marital_status=rng.choice(JobSeeker.MaritalStatus.values),
        religion=rng.choice(JobSeeker.Religion.values[:3]), address=faker.street_address(),
        domicile_kecamatan=kecamatan, domicile_desa=rng.choice(list(Desa.objects.filter(kecamatan=kecamatan))),
        phone=user.phone or "", education_level=rng.choice(levels),
        employment_status=rng.choice(JobSeeker.EmploymentStatus.values[:4]),
    )  # fmt: skip
    services.profile_save(seeker=seeker, actor=None)
    Education.objects.create(
        seeker=seeker, level=seeker.education_level, school=rng.choice(SCHOOLS),
        graduation_year=birth.year + 18,
    )  # fmt: skip
    services.skills_set(seeker=seeker, names=rng.sample(SKILLS, 3))
    if rng.random() < 0.2:
        LanguageSkill.objects.create(seeker=seeker, language="ja", level=rng.choice(["N5", "N4", "N3"]))
    if complete:
        document = Document(seeker=seeker, kind=Document.Kind.PHOTO, content_type="image/jpeg")
        content = _photo(serial)
        document.size = len(content)
        document.file.save("photo.jpg", ContentFile(content), save=False)
        document.thumbnail.save("thumb.jpg", ContentFile(content), save=False)
        document.save()
    return seeker


def seed(*, faker, password):
    User = get_user_model()
    rng = random.Random(3216)
    demo_user = User.objects.get(email=DEMO_SEEKER_EMAIL)
    if JobSeeker.objects.filter(user=demo_user).exists():
        return []
    demo = _profile(demo_user, faker=faker, rng=rng, serial=1)
    services.card_issue(seeker=JobSeeker.objects.get(pk=demo.pk), actor=None)
    hashed = make_password(password)  # hash once: Argon2 is slow on purpose
    for n in range(2, 42):
        user = User.objects.create_user(
            f"pencaker{n}@demo.bekasikab.go.id", None, full_name=faker.name(),
            phone=f"0813{rng.randint(10_000_000, 99_999_999)}",
        )  # fmt: skip
        user.password = hashed
        user.save(update_fields=["password"])
        seeker = _profile(user, faker=faker, rng=rng, serial=n, complete=n % 3 != 0)
        if n % 2 == 0 and n % 3 != 0:
            services.card_issue(seeker=JobSeeker.objects.get(pk=seeker.pk), actor=None)
    assert AK1Card.objects.exists()
    return []
