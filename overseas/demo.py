"""Demo data of the Japan programme: the two schemes, IM Japan and a licensed sending
institution (with its demo account), an open intake with its eight stages and candidates at
different stages, the 2027 scheme's intake with its own shorter list, and an older intake whose
people are abroad or back home (one of them re-placed). Idempotent; runs after placements."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core.services import audit
from placements.models import Employer
from seekers.models import JobSeeker

from . import services
from .models import (
    Candidacy,
    CandidateDocument,
    Deployment,
    Intake,
    IntakeStage,
    JapaneseAffiliation,
    Prefecture,
    ReturnRecord,
    Scheme,
    SendingOrganisation,
    SendingOrganisationStaff,
    StageResult,
)
from .services import OverseasError

SENDING_ORG_LOGIN = "lpkso@demo.bekasikab.go.id"
STAFF_LOGIN = "staf@demo.bekasikab.go.id"

TECHNICAL_INTERN_STAGES = [
    ("Seleksi administrasi", IntakeStage.Kind.ADMINISTRATIVE),
    ("Tes matematika", IntakeStage.Kind.MATHEMATICS),
    ("Tes fisik dan ketahanan", IntakeStage.Kind.PHYSICAL),
    ("Wawancara", IntakeStage.Kind.INTERVIEW),
    ("Pemeriksaan kesehatan", IntakeStage.Kind.MEDICAL),
    ("Tes bahasa Jepang", IntakeStage.Kind.JAPANESE),
    ("Pelatihan pra-pemberangkatan tahap I", IntakeStage.Kind.TRAINING),
    ("Pelatihan pra-pemberangkatan tahap II", IntakeStage.Kind.TRAINING),
]
SKILL_DEVELOPMENT_STAGES = [
    ("Seleksi administrasi", IntakeStage.Kind.ADMINISTRATIVE),
    ("Tes keterampilan", IntakeStage.Kind.SKILLS),
    ("Tes bahasa Jepang (JFT-Basic A1)", IntakeStage.Kind.JAPANESE),
    ("Wawancara perusahaan", IntakeStage.Kind.INTERVIEW),
]


def _intake(*, stages, **fields):
    intake = Intake.objects.create(**fields)
    IntakeStage.objects.bulk_create(
        IntakeStage(intake=intake, position=n, name=name, kind=kind) for n, (name, kind) in enumerate(stages, start=1)
    )
    return intake


def _schemes():
    technical = Scheme.objects.create(
        name="Pemagangan teknis (Technical Intern Training)",
        legal_basis="Permenaker No. 8 Tahun 2008; Act on Proper Technical Intern Training (Jepang, 2016)",
        duration_months=36,
        max_extension_months=24,
    )
    skill = Scheme.objects.create(
        name="Ikusei Shuro (Employment for Skill Development)",
        legal_basis="Revisi Immigration Control Act Jepang 2024, berlaku 2027",
        duration_months=36,
        max_extension_months=0,
    )
    return technical, skill


def _organisations(password):
    im_japan = SendingOrganisation.objects.create(
        name="IM Japan (International Manpower Development Organization, Japan)",
        short_name="IM Japan",
        kind=SendingOrganisation.Kind.IM_JAPAN,
        address="Kemnaker RI, Jakarta",
    )
    lpk = SendingOrganisation.objects.create(
        name="LPK-SO Sakura Cikarang",
        short_name="LPK-SO Sakura",
        kind=SendingOrganisation.Kind.LPK_SO,
        licence_number="KEP.2/LATTAS/VII/2025",
        licence_valid_until=datetime.date(2030, 7, 1),
        address="Jl. Raya Cikarang-Cibarusah, Cikarang Selatan",
    )
    user = User.objects.filter(email=SENDING_ORG_LOGIN).first()
    if user is None:
        user = User.objects.create_user(SENDING_ORG_LOGIN, password, full_name="Yuki Pratama")
    user.groups.add(Group.objects.get(name=Role.SENDING_ORG.value))
    SendingOrganisationStaff.objects.get_or_create(user=user, defaults={"organisation": lpk})
    return im_japan, lpk


def _history(*, scheme, organisation, seekers, staff):
    """An intake of 2022: its people left in March 2023; one is back, re-placement pending."""
    intake = _intake(
        scheme=scheme,
        organisation=organisation,
        name="IM Japan 2022 gelombang I",
        year=2022,
        quota=30,
        registration_opens=datetime.date(2022, 3, 1),
        registration_closes=datetime.date(2022, 4, 30),
        reference_date=datetime.date(2022, 6, 1),
        planned_departure=datetime.date(2023, 3, 1),
        is_published=True,
        stages=TECHNICAL_INTERN_STAGES,
    )
    stages = list(intake.stages.order_by("position"))
    companies = [
        ("Toyota Boshoku Tohoku", Prefecture.IWATE),
        ("Denso Fukushima", Prefecture.FUKUSHIMA),
        ("Yazaki Shizuoka Parts", Prefecture.SHIZUOKA),
    ]
    departure = datetime.date(2023, 3, 1)
    for n, seeker in enumerate(seekers):
        candidacy = Candidacy.objects.create(
            intake=intake,
            seeker=seeker,
            status=Candidacy.Status.DEPARTED,
            height_cm=168,
            weight_kg=60,
            local_resident=seeker.is_local,
            applied_at=timezone.make_aware(datetime.datetime(2022, 3, 10, 9)),
            passed_on=datetime.date(2022, 9, 30),
        )
        StageResult.objects.bulk_create(
            StageResult(
                candidacy=candidacy,
                stage=stage,
                held_on=datetime.date(2022, 4, 1 + i) if i < 6 else datetime.date(2022, 9, 30),
                result=StageResult.Result.PASSED,
                recorded_by=staff,
            )
            for i, stage in enumerate(stages)
        )
        company, prefecture = companies[n % len(companies)]
        Deployment.objects.create(
            candidacy=candidacy,
            host_company=company,
            supervising_organisation="Kumiai Tohoku Kogyo",
            prefecture=prefecture,
            job_field="Pengelasan",
            departure_date=departure,
            duration_months=36,
            contract_end=Deployment.compute_contract_end(departure, 36),
            emergency_contact_name="Keluarga",
            emergency_contact_phone="081200000000",
        )
        CandidateDocument.objects.create(
            candidacy=candidacy,
            kind=CandidateDocument.Kind.PASSPORT,
            number=f"C{7000000 + n}",
            issued_on=datetime.date(2022, 10, 1),
            expires_on=datetime.date(2027, 10, 1),
        )
        audit(actor=staff, obj=candidacy, action="demo_history")
    intake.candidates_count = len(seekers)
    intake.save(update_fields=["candidates_count"])
    back = Candidacy.objects.filter(intake=intake).order_by("pk").first()
    if back is not None:
        services.return_record(
            candidacy=back,
            returned_on=datetime.date(2026, 3, 5),
            intention=ReturnRecord.Intention.JAPANESE_COMPANY,
            skill_level="Ujian keterampilan pemagangan teknis tingkat 3 (senmonkyu)",
            japanese_level="N3",
            actor=staff,
        )


def seed(*, faker, password):
    accounts = [("Sending-organisation staff", SENDING_ORG_LOGIN)]
    if Scheme.objects.exists():
        return accounts
    today = timezone.localdate()
    staff = User.objects.filter(email=STAFF_LOGIN).first()
    technical, skill = _schemes()
    im_japan, lpk = _organisations(password)
    # The industrial estates' Japanese-affiliated companies (placements' demo employers).
    for employer in Employer.objects.filter(name__in=["PT Sinar Otomotif Indonesia", "PT Elektronika Lippo Jaya"]):
        JapaneseAffiliation.objects.get_or_create(employer=employer, defaults={"parent_company": "Nihon K.K."})

    open_intake = _intake(
        scheme=technical,
        organisation=im_japan,
        name=f"IM Japan {today.year} gelombang II",
        year=today.year,
        quota=40,
        registration_opens=today - datetime.timedelta(days=10),
        registration_closes=today + datetime.timedelta(days=30),
        reference_date=today + datetime.timedelta(days=45),
        planned_departure=today + datetime.timedelta(days=300),
        min_age_men=18,
        max_age_men=26,
        min_age_women=18,
        max_age_women=26,
        accepts_women=False,
        min_height_cm=160,
        min_weight_kg=50,
        other_requirements="Tidak bertato dan bertindik; tidak buta warna; belum menikah.",
        is_published=True,
        description="Program pemagangan teknis ke Jepang melalui IM Japan, 3 tahun, untuk lulusan SMA/SMK.",
        stages=TECHNICAL_INTERN_STAGES,
    )
    _intake(
        scheme=skill,
        organisation=lpk,
        name=f"Ikusei Shuro {today.year + 1} – LPK-SO Sakura",
        year=today.year + 1,
        quota=20,
        registration_opens=today - datetime.timedelta(days=5),
        registration_closes=today + datetime.timedelta(days=60),
        reference_date=today + datetime.timedelta(days=70),
        min_age_men=18,
        max_age_men=30,
        min_age_women=18,
        max_age_women=30,
        is_published=True,
        stages=SKILL_DEVELOPMENT_STAGES,
    )

    # Candidates among the demo seekers (not the demo account itself: it is free to register).
    seekers = list(
        JobSeeker.objects.filter(user__email__startswith="pencaker", gender=JobSeeker.Gender.MALE)
        .exclude(user__email="pencaker@demo.bekasikab.go.id")
        .order_by("pk")
    )
    applied = []
    for seeker in seekers:
        try:
            applied.append(
                services.candidacy_apply(
                    intake=open_intake, seeker=seeker, height_cm=165, weight_kg=58, actor=seeker.user
                )
            )
        except OverseasError:
            continue  # the demo profiles are random: some do not meet the rules, as in life
    stages = list(open_intake.stages.order_by("position"))
    for n, candidacy in enumerate(applied):
        if n % 4 == 3:
            continue  # still waiting for the administrative check
        candidacy = services.stage_record(
            candidacy=candidacy, stage=stages[0], held_on=today, result="passed", score=100, actor=staff
        )
        if n % 4 == 1:
            services.stage_record(
                candidacy=candidacy,
                stage=stages[1],
                held_on=today,
                result="failed",
                score=41,
                note="Nilai di bawah batas lulus (60)",
                actor=staff,
            )
        elif n % 4 == 2:
            services.stage_record(
                candidacy=candidacy, stage=stages[1], held_on=today, result="passed", score=82, actor=staff
            )
    services.stage_schedule(
        stage=stages[2], day=today + datetime.timedelta(days=5), place="GOR Wibawa Mukti", actor=staff
    )
    taken = {c.seeker_id for c in applied}
    _history(
        scheme=technical, organisation=im_japan, seekers=[s for s in seekers if s.pk not in taken][:3], staff=staff
    )
    return accounts
