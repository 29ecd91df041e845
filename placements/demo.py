"""Demo placement data: employers of the industrial estates, the demo employer officer, open
vacancies verified by Disnaker, one application of the demo seeker. Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core.models import EducationLevel, Kecamatan, Sector
from seekers.models import JobSeeker

from . import services
from .models import Application, Employer, EmployerStaff, IndustrialEstate, MinimumWage, OccupationGroup, Vacancy

EMPLOYER_LOGIN = "perusahaan@demo.bekasikab.go.id"
STAFF_LOGIN = "staf@demo.bekasikab.go.id"

EMPLOYERS = [
    # (name, NIB, KBLI section, kecamatan, estate, size)
    ("PT Sinar Otomotif Indonesia", "9120001234567", "C", "32.16.09", "Kawasan Industri Jababeka", "large"),
    ("PT Cikarang Plastindo", "9120007654321", "C", "32.16.08", "MM2100 Industrial Town", "medium"),
    ("PT Logistik Deltamas Raya", "9120001112223", "H", "32.16.20", "GIIC / Kota Deltamas", "medium"),
    ("PT Elektronika Lippo Jaya", "9120003334445", "C", "32.16.19", "Delta Silicon / Lippo Cikarang", "large"),
]

VACANCIES = [
    # (employer index, title, KBJI, min education, skills, kecamatan, wage_min, contract, openings)
    (0, "Operator Produksi", "81", "SMK", "operator mesin, 5s", "32.16.09", 0, "pkwt", 20),
    (0, "Juru Las (Welder) SMAW", "72", "SMK", "pengelasan, smaw", "32.16.09", 400_000, "pkwt", 5),
    (1, "Operator Mesin Injeksi Plastik", "81", "SMA", "operator mesin", "32.16.08", 0, "pkwt", 10),
    (1, "Quality Control Inspector", "31", "SMK", "quality control, kaizen", "32.16.08", 250_000, "pkwtt", 2),
    (2, "Pengemudi Forklift", "83", "SMA", "forklift, sio forklift", "32.16.20", 100_000, "pkwt", 4),
    (2, "Admin Gudang", "43", "SMK", "microsoft excel, administrasi gudang", "32.16.20", 150_000, "pkwtt", 2),
    (3, "Teknisi Elektronika", "74", "D3", "elektronika, solder", "32.16.19", 600_000, "pkwtt", 3),
    (3, "Magang Perakitan Elektronik", "82", "SMK", "perakitan", "32.16.19", None, "apprenticeship", 15),
]


def seed(*, faker, password):
    today = timezone.localdate()
    staff = User.objects.filter(email=STAFF_LOGIN).first()
    umk = MinimumWage.for_year(today.year)
    umk_amount = umk.amount if umk else Decimal("5938885")
    estates = {e.name: e for e in IndustrialEstate.objects.all()}
    employers = []
    for name, nib, sector, kecamatan, estate, size in EMPLOYERS:
        employer, _created = Employer.objects.get_or_create(
            nib=nib,
            defaults={
                "name": name,
                "sector": Sector.objects.filter(code=sector).first(),
                "kecamatan": Kecamatan.objects.get(code=kecamatan),
                "industrial_estate": estates.get(estate),
                "size": size,
                "address": f"{estate}, {Kecamatan.objects.get(code=kecamatan).name}",
                "contact_name": faker.name(),
                "contact_phone": "021-8990" + nib[-4:],
                "verified_at": timezone.now(),
            },
        )
        employers.append(employer)

    officer = User.objects.filter(email=EMPLOYER_LOGIN).first()
    if officer is None:
        officer = User.objects.create_user(EMPLOYER_LOGIN, password, full_name="Andi Pratama")
    officer.groups.add(Group.objects.get(name=Role.EMPLOYER.value))
    EmployerStaff.objects.get_or_create(
        user=officer, defaults={"employer": employers[0], "position": "HR Officer", "status": "verified"}
    )

    occupations = {o.code: o for o in OccupationGroup.objects.all()}
    education = {e.code: e for e in EducationLevel.objects.all()}
    for index, title, kbji, edu, skills, kecamatan, above, contract, openings in VACANCIES:
        employer = employers[index]
        if Vacancy.objects.filter(employer=employer, title=title).exists():
            continue
        wage_min = Decimal("3000000") if above is None else umk_amount + above
        vacancy = Vacancy(
            employer=employer,
            title=title,
            occupation=occupations[kbji],
            description=faker.paragraph(nb_sentences=4),
            openings=openings,
            contract_type=contract,
            min_education=education.get(edu),
            skills=skills,
            kecamatan=Kecamatan.objects.get(code=kecamatan),
            wage_min=wage_min,
            wage_max=wage_min + Decimal("1000000"),
            closing_date=today + timedelta(days=14 + 3 * index),
            requires_ak1=index == 0,
        )
        services.vacancy_save(vacancy=vacancy, actor=officer)
        services.vacancy_publish(vacancy=vacancy, actor=staff)

    seeker = JobSeeker.objects.filter(user__email="pencaker@demo.bekasikab.go.id").first()
    vacancy = Vacancy.objects.filter(title="Operator Mesin Injeksi Plastik").first()
    if seeker and vacancy and not Application.objects.filter(seeker=seeker, vacancy=vacancy).exists():
        services.application_apply(vacancy=vacancy, seeker=seeker, actor=seeker.user, cover_note="Siap bekerja shift.")
    return [("Employer staff", EMPLOYER_LOGIN)]
