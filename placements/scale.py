"""Placement data at benchmark scale (SCALE_CONTRACT.md): `seed(*, seekers, stdout)` for
`manage.py seed_scale`, `bench_scenarios()` for `make bench`.

At 200,000 seekers: 1,000 employers, 20,000 vacancies, 300,000 applications (one vacancy with
5,000 applicants) and 20,000 placements with their follow-ups. Reads only ids (and the few
fields the fit needs) of what the lower apps made; deterministic (one seeded Random).
"""

import datetime
import random
import time
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create, user_grant_role
from core.models import EducationLevel, Kecamatan, Sector
from core.scale import SCALE_PASSWORD, scale_email, scaled
from seekers.models import AK1Card, JobSeeker
from trainings.models import Enrolment

from .models import (
    Application,
    ContractType,
    Employer,
    EmployerStaff,
    FollowUp,
    IndustrialEstate,
    MinimumWage,
    OccupationGroup,
    Placement,
    Vacancy,
)
from .services import FIT_WEIGHTS

BENCH_EMPLOYER_EMAIL = scale_email("bench-employer")
BIG_VACANCY_TITLE = "Operator Produksi (rekrutmen massal)"
BIG_VACANCY_APPLICANTS = 5_000
BATCH = 5_000

TITLES = [
    ("Operator Produksi", "81", "operator mesin, 5s"),
    ("Operator Mesin CNC", "72", "cnc, operator mesin"),
    ("Juru Las SMAW", "72", "pengelasan, smaw"),
    ("Teknisi Listrik", "74", "instalasi listrik"),
    ("Teknisi Elektronika", "74", "elektronika, solder"),
    ("Admin Gudang", "43", "microsoft excel, administrasi gudang"),
    ("Staf Administrasi", "41", "microsoft office"),
    ("Pengemudi Forklift", "83", "forklift, sio forklift"),
    ("Quality Control Inspector", "31", "quality control, kaizen"),
    ("Perakit Komponen Otomotif", "82", "perakitan"),
    ("Kasir", "52", "kasir, pelayanan pelanggan"),
    ("Satpam", "54", "gada pratama"),
    ("Juru Masak", "51", "memasak, tata boga"),
    ("Petugas Kebersihan", "91", "kebersihan"),
    ("Programmer Web", "25", "python, javascript"),
    ("Desainer Grafis", "21", "desain grafis"),
    ("Operator Injeksi Plastik", "81", "operator mesin"),
    ("Mekanik Alat Berat", "72", "mesin diesel"),
    ("Staf Customer Service", "42", "pelayanan pelanggan"),
    ("Penjahit Garmen", "75", "menjahit"),
]
WORDS = ("shift", "lembur", "mess", "bpjs", "transport", "makan", "bonus", "kontrak", "pabrik", "kawasan")


def _out(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _bench_officer(employer):
    user = User.objects.filter(email=BENCH_EMPLOYER_EMAIL).first()
    if user is None:
        user = user_create(email=BENCH_EMPLOYER_EMAIL, password=SCALE_PASSWORD, full_name="Bench Employer Officer")
    user_grant_role(user=user, role=Role.EMPLOYER, actor=None)
    EmployerStaff.objects.get_or_create(
        user=user, defaults={"employer": employer, "status": EmployerStaff.Status.VERIFIED, "position": "HR"}
    )
    return user


def seed(*, seekers: int, stdout=None):
    started = time.monotonic()
    rng = random.Random(3216_10)  # noqa: S311 - deterministic benchmark data, not security
    today = timezone.localdate()
    now = timezone.now()
    if Vacancy.objects.filter(title=BIG_VACANCY_TITLE).exists():
        _out(stdout, "placements: already seeded")
        return

    n_employers = scaled(1_000, seekers, minimum=10)
    n_vacancies = scaled(20_000, seekers, minimum=50)
    n_applications = scaled(300_000, seekers, minimum=500)
    n_placements = scaled(20_000, seekers, minimum=50)

    kecamatan_ids = list(Kecamatan.objects.values_list("pk", flat=True))
    sector_ids = list(Sector.objects.values_list("pk", flat=True))
    estate_ids = list(IndustrialEstate.objects.values_list("pk", flat=True))
    occupations = {o.code: o.pk for o in OccupationGroup.objects.all()}
    occupation_names = {o.pk: o.name for o in OccupationGroup.objects.all()}
    education = list(EducationLevel.objects.values_list("pk", "rank"))
    rank_of = dict(education)
    umk = MinimumWage.for_year(today.year)
    umk_amount = int(umk.amount) if umk else 5_938_885

    with transaction.atomic():
        employers = Employer.objects.bulk_create(
            [
                Employer(
                    name=f"PT Industri Bekasi {i:04d} {rng.choice(('Jaya', 'Makmur', 'Sentosa', 'Abadi', 'Mandiri'))}",
                    nib=f"91{i:011d}",
                    sector_id=rng.choice(sector_ids),
                    kecamatan_id=rng.choice(kecamatan_ids),
                    industrial_estate_id=rng.choice(estate_ids) if estate_ids and rng.random() < 0.7 else None,
                    size=rng.choice(Employer.Size.values),
                    address="Jl. Industri",
                    verified_at=now if rng.random() < 0.9 else None,
                )
                for i in range(n_employers)
            ],
            batch_size=BATCH,
        )
    verified = [e for e in employers if e.verified_at]

    statuses = (
        [Vacancy.Status.PUBLISHED] * 60
        + [Vacancy.Status.SUBMITTED] * 5
        + [Vacancy.Status.DRAFT] * 5
        + [Vacancy.Status.CLOSED] * 10
        + [Vacancy.Status.FILLED] * 10
        + [Vacancy.Status.EXPIRED] * 10
    )

    def vacancy(i, employer, status, title, kbji, skills, closing):
        edu_pk, _rank = rng.choice(education[1:6])
        contract = rng.choice((ContractType.PKWT, ContractType.PKWT, ContractType.PKWTT, ContractType.APPRENTICESHIP))
        wage_min = umk_amount + rng.randrange(0, 2_000_000, 50_000)
        if contract == ContractType.APPRENTICESHIP:
            wage_min = rng.randrange(2_500_000, umk_amount, 50_000)
        description = " ".join(rng.choice(WORDS) for _ in range(30))
        occupation = occupations[kbji]
        return Vacancy(
            employer_id=employer.pk,
            title=title,
            occupation_id=occupation,
            description=description,
            openings=rng.randint(1, 30),
            contract_type=contract,
            min_education_id=edu_pk if rng.random() < 0.8 else None,
            skills=skills,
            kecamatan_id=rng.choice(kecamatan_ids),
            wage_min=Decimal(wage_min),
            wage_max=Decimal(wage_min + rng.randrange(0, 3_000_000, 100_000)),
            closing_date=closing,
            requires_ak1=rng.random() < 0.3,
            status=status,
            search_text=" ".join((title, employer.name, occupation_names[occupation], skills, description)),
            published_at=now - datetime.timedelta(minutes=i) if status != Vacancy.Status.DRAFT else None,
        )

    rows = []
    for i in range(n_vacancies - 1):
        status = rng.choice(statuses)
        title, kbji, skills = rng.choice(TITLES)
        if status == Vacancy.Status.PUBLISHED:
            closing = today + datetime.timedelta(days=rng.randint(0, 60))
        elif status in (Vacancy.Status.DRAFT, Vacancy.Status.SUBMITTED):
            closing = today + datetime.timedelta(days=rng.randint(7, 60))
        else:
            closing = today - datetime.timedelta(days=rng.randint(1, 400))
        employer = rng.choice(verified) if status != Vacancy.Status.DRAFT else rng.choice(employers)
        rows.append(vacancy(i, employer, status, f"{title} {rng.choice(('', 'Senior', 'Junior', 'Shift'))}".strip(),
                            kbji, skills, closing))  # fmt: skip
    big_employer = verified[0]
    big = vacancy(n_vacancies, big_employer, Vacancy.Status.PUBLISHED, BIG_VACANCY_TITLE, "81", "operator mesin", today)
    big.closing_date = today + datetime.timedelta(days=90)
    big.openings = 200
    rows.append(big)
    with transaction.atomic():
        vacancies = Vacancy.objects.bulk_create(rows, batch_size=BATCH)
        _bench_officer(big_employer)
    big = vacancies[-1]

    # Seekers: ids and what the fit needs, one query each.
    seeker_rows = list(JobSeeker.objects.values_list("pk", "domicile_kecamatan_id", "education_level_id"))
    if not seeker_rows:
        _out(stdout, "placements: no seekers to apply, nothing more seeded")
        return
    seeker_info = {pk: (kec is not None, rank_of.get(edu, 0)) for pk, kec, edu in seeker_rows}
    seeker_ids = [pk for pk, _k, _e in seeker_rows]
    carded = set(AK1Card.objects.filter(status=AK1Card.Status.ACTIVE).values_list("seeker_id", flat=True))
    min_rank = {v.pk: rank_of.get(v.min_education_id) for v in vacancies}

    def application(vacancy_obj, seeker_id, status):
        local, rank = seeker_info[seeker_id]
        minimum = min_rank[vacancy_obj.pk]
        meets = minimum is None or rank >= minimum
        skills = rng.choice((0, 0, 1, 1, 2, 3))
        certificate = rng.random() < 0.05
        card = seeker_id in carded
        w = FIT_WEIGHTS
        score = (
            w["education"] * meets
            + w["skill"] * min(skills, w["max_skills"])
            + w["certificate"] * certificate
            + w["local"] * local
            + w["card"] * card
        )
        return Application(
            vacancy_id=vacancy_obj.pk,
            seeker_id=seeker_id,
            status=status,
            meets_education=meets,
            skills_matched=skills,
            has_certificate=certificate,
            is_local=local,
            has_active_card=card,
            fit_score=score,
            applied_at=now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 60)),
        )

    app_statuses = (
        [Application.Status.APPLIED] * 70
        + [Application.Status.SHORTLISTED] * 10
        + [Application.Status.INTERVIEW] * 5
        + [Application.Status.NOT_HIRED] * 10
        + [Application.Status.WITHDRAWN] * 5
    )
    open_vacancies = [v for v in vacancies[:-1] if v.status != Vacancy.Status.DRAFT]
    remaining = max(n_applications - BIG_VACANCY_APPLICANTS, len(open_vacancies))
    per_vacancy, extra = divmod(remaining, max(len(open_vacancies), 1))
    big_count = min(BIG_VACANCY_APPLICANTS, len(seeker_ids))
    made = 0

    def flush(buffer):
        with transaction.atomic():
            Application.objects.bulk_create(buffer, batch_size=BATCH)
        return len(buffer)

    buffer = [application(big, s, rng.choice(app_statuses)) for s in rng.sample(seeker_ids, big_count)]
    made += flush(buffer)
    buffer = []
    for index, v in enumerate(open_vacancies):
        for s in rng.sample(seeker_ids, min(per_vacancy + (index < extra), len(seeker_ids))):
            buffer.append(application(v, s, rng.choice(app_statuses)))
        if len(buffer) >= BATCH * 4:
            made += flush(buffer)
            buffer = []
    if buffer:
        made += flush(buffer)

    # Placements: a share through partner institutions (completed enrolments), the rest through
    # the portal, job fairs and own search; most verified, with their follow-ups.
    graduates = list(
        Enrolment.objects.filter(status=Enrolment.Status.COMPLETED)
        .order_by("pk")
        .values_list("pk", "seeker_id", "batch__program__provider_id", "batch__end_date")[: n_placements // 2]
    )
    placements = []
    for i in range(n_placements):
        if i < len(graduates):
            enrolment_id, seeker_id, provider_id, end_date = graduates[i]
            start = end_date + datetime.timedelta(days=rng.randint(0, 200))
            channel, reporter = Placement.Channel.INSTITUTION, Placement.Reporter.INSTITUTION
        else:
            enrolment_id, provider_id = None, None
            seeker_id = rng.choice(seeker_ids)
            start = today - datetime.timedelta(days=rng.randint(0, 700))
            channel = rng.choice((Placement.Channel.PORTAL, Placement.Channel.JOB_FAIR, Placement.Channel.OWN_SEARCH))
            reporter = rng.choice((Placement.Reporter.EMPLOYER, Placement.Reporter.SEEKER, Placement.Reporter.DISNAKER))
        start = min(start, today + datetime.timedelta(days=30))
        status = rng.choice([Placement.Status.VERIFIED] * 8 + [Placement.Status.REPORTED, Placement.Status.REJECTED])
        employer = rng.choice(verified)
        placements.append(
            Placement(
                seeker_id=seeker_id,
                employer_id=employer.pk,
                position=rng.choice(TITLES)[0],
                contract_type=rng.choice((ContractType.PKWT, ContractType.PKWTT)),
                start_date=start,
                wage=Decimal(umk_amount + rng.randrange(0, 1_500_000, 50_000)),
                channel=channel,
                enrolment_id=enrolment_id,
                provider_id=provider_id,
                reporter=reporter,
                is_local=seeker_info[seeker_id][0],
                status=status,
                verified_at=now if status == Placement.Status.VERIFIED else None,
            )
        )
    with transaction.atomic():
        placements = Placement.objects.bulk_create(placements, batch_size=BATCH)
        follow_ups = []
        for p in placements:
            if p.status != Placement.Status.VERIFIED:
                continue
            for months in FollowUp.MONTHS:
                due = p.start_date + relativedelta(months=months)
                answered = due <= today and rng.random() < 0.6
                follow_ups.append(
                    FollowUp(
                        placement_id=p.pk,
                        months=months,
                        due_on=due,
                        asked_at=now if due <= today else None,
                        answered_at=now if answered else None,
                        still_employed=(rng.random() < 0.8) if answered else None,
                    )
                )
        FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    _out(
        stdout,
        f"  placements: {len(employers)} employers, {len(vacancies)} vacancies, {made} applications "
        f"({big_count} on one vacancy), {len(placements)} placements, {len(follow_ups)} follow-ups "
        f"in {time.monotonic() - started:.1f} s",
    )


def _big_vacancy_id():
    return Vacancy.objects.filter(title=BIG_VACANCY_TITLE).values_list("pk", flat=True).first()


def _a_published_vacancy_id():
    return (
        Vacancy.objects.published()
        .filter(closing_date__gte=timezone.localdate())
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def _bench_employer():
    return User.objects.get(email=BENCH_EMPLOYER_EMAIL)


def bench_scenarios() -> list[dict]:
    return [
        {"name": "vacancy list", "path": "/lowongan/", "method": "GET", "user": None, "kind": "public"},
        {
            "name": "vacancy full-text search",
            "path": "/lowongan/?q=operator+mesin",
            "method": "GET",
            "user": None,
            "kind": "public",
        },
        {
            "name": "vacancy page",
            "path": f"/lowongan/{_a_published_vacancy_id()}/",
            "method": "GET",
            "user": None,
            "kind": "public",
        },
        {
            "name": "ranked applicants of a 5,000-applicant vacancy",
            "path": f"/penempatan/perusahaan/lowongan/{_big_vacancy_id()}/",
            "method": "GET",
            "user": _bench_employer,
            "kind": "staff",
        },
    ]
