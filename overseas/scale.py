"""The overseas part of `manage.py seed_scale`: two schemes, IM Japan and seven sending
organisations, intakes over six years with their eight stages, and candidates across every
stage and status (20,000 at 200,000 seekers, one intake with 5,000), their stage results,
passports, deployments in Japan and returns.
Bench scenarios: the public intake list and page, "my candidacy", the staff pipeline of the
5,000-candidate intake, the candidate list and the returnee list. See core/scale.py."""

import datetime
import random

from django.utils import timezone

from accounts.models import User
from core.scale import bulk, scale_email, scaled, timed_part
from seekers.models import JobSeeker

from .models import (
    Candidacy,
    CandidateDocument,
    Deployment,
    Intake,
    IntakeStage,
    Prefecture,
    ReturnRecord,
    Scheme,
    SendingOrganisation,
    StageResult,
)

S = Candidacy.Status
STAGES = [
    ("Seleksi administrasi", "administrative"),
    ("Tes matematika", "mathematics"),
    ("Tes fisik dan ketahanan", "physical"),
    ("Wawancara", "interview"),
    ("Pemeriksaan kesehatan", "medical"),
    ("Tes bahasa Jepang", "japanese"),
    ("Pelatihan pra-pemberangkatan tahap I", "training"),
    ("Pelatihan pra-pemberangkatan tahap II", "training"),
]
COMPANIES = [
    "Toyota Boshoku",
    "Denso",
    "Yazaki",
    "Aisin",
    "Hitachi Astemo",
    "Nippon Steel",
    "Kubota",
    "Makita",
    "Sumitomo Wiring",
    "Panasonic",
    "Mitsuba",
    "Brother",
]
POPULAR = 5_000


def _popular_intake():
    return Intake.objects.order_by("-candidates_count", "pk").first()


def seed(*, seekers, stdout):
    rng = random.Random(3221)
    today = timezone.localdate()
    now = timezone.now()
    n_intakes = scaled(60, seekers, minimum=4)
    n_candidacies = scaled(20_000, seekers, minimum=40)
    seeker_ids = list(JobSeeker.objects.order_by("pk").values_list("pk", flat=True))
    bench_seeker = (
        JobSeeker.objects.filter(user__email=scale_email("bench-seeker")).values_list("pk", flat=True).first()
    )
    others = [pk for pk in seeker_ids if pk != bench_seeker]
    popular_n = min(POPULAR, len(others) // 2, n_candidacies // 2)

    with timed_part(stdout, "overseas") as counts:
        technical = Scheme.objects.create(
            name="Pemagangan teknis (bench)",
            duration_months=36,
            max_extension_months=24,
            legal_basis="Permenaker 8/2008",
        )
        Scheme.objects.create(name="Ikusei Shuro (bench)", duration_months=36, max_extension_months=0)
        organisations = bulk(
            SendingOrganisation,
            [
                SendingOrganisation(name="IM Japan (bench)", short_name="IM Japan", kind="im_japan"),
                *(
                    SendingOrganisation(
                        name=f"LPK-SO Bench {i:02d}",
                        kind="lpk_so",
                        licence_number=f"KEP.{i}/2025",
                        licence_valid_until=today + datetime.timedelta(days=900),
                    )
                    for i in range(1, 8)
                ),
            ],
        )

        # Intakes: six years back to today; the last one is open for registration now.
        intakes = []
        for i in range(n_intakes):
            opens = today - datetime.timedelta(days=(n_intakes - 1 - i) * 6 * 365 // n_intakes + 20)
            intakes.append(
                Intake(
                    scheme=technical,
                    organisation=organisations[i % len(organisations)],
                    name=f"Magang Jepang {i + 1:03d}",
                    year=opens.year,
                    quota=1,
                    registration_opens=opens,
                    registration_closes=opens + datetime.timedelta(days=40),
                    reference_date=opens + datetime.timedelta(days=60),
                    planned_departure=opens + datetime.timedelta(days=300),
                    min_age_men=18,
                    max_age_men=30,
                    min_age_women=18,
                    max_age_women=28,
                    min_height_cm=155,
                    is_published=True,
                )
            )
        intakes = bulk(Intake, intakes)
        stages = bulk(
            IntakeStage,
            [
                IntakeStage(intake=intake, position=p, name=name, kind=kind)
                for intake in intakes
                for p, (name, kind) in enumerate(STAGES, start=1)
            ],
        )
        by_intake: dict[int, list[IntakeStage]] = {}
        for stage in stages:
            by_intake.setdefault(stage.intake_id, []).append(stage)
        popular = intakes[-1]
        counts["intakes"], counts["stages"] = len(intakes), len(stages)

        # Candidates: the popular (open) intake gets 5,000 in selection; the older ones have
        # people failed at every stage, abroad and back home.
        chosen = rng.sample(others, min(len(others), n_candidacies))
        rows = []
        per_intake = max(1, (len(chosen) - popular_n) // max(1, len(intakes) - 1))
        cursor = 0
        for intake in intakes:
            n = popular_n if intake is popular else per_intake
            for seeker in chosen[cursor : cursor + n]:
                rows.append((intake, seeker))
            cursor += n
        if bench_seeker is not None:
            rows.append((popular, bench_seeker))
        candidacies, results, age_of = [], [], {}
        for intake, seeker in rows:
            mine = by_intake[intake.pk]
            old = intake is not popular
            passed = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8]) if old else rng.choice([0, 0, 1, 1, 2, 3])
            failed = passed < 8 and (old or rng.random() < 0.2)
            if passed == 8:
                status = rng.choice([S.PASSED, S.DEPARTED, S.DEPARTED, S.RETURNED, S.RETURNED]) if old else S.PASSED
            elif failed:
                status = S.FAILED
            else:
                status = S.IN_SELECTION if passed else S.APPLIED
            applied = datetime.datetime.combine(intake.registration_opens, datetime.time(9), tzinfo=datetime.UTC)
            candidacies.append(
                Candidacy(
                    intake=intake,
                    seeker_id=seeker,
                    status=status,
                    height_cm=rng.randint(155, 185),
                    weight_kg=rng.randint(50, 85),
                    local_resident=rng.random() < 0.85,
                    applied_at=min(applied, now),
                    next_stage=mine[passed] if status in (S.APPLIED, S.IN_SELECTION) else None,
                    status_reason=f"Tidak lulus {mine[passed].name}" if status == S.FAILED else "",
                    passed_on=intake.registration_closes + datetime.timedelta(days=50) if passed == 8 else None,
                )
            )
            age_of[len(candidacies) - 1] = (passed, failed and status == S.FAILED)
        candidacies = bulk(Candidacy, candidacies)
        for index, candidacy in enumerate(candidacies):
            passed, failed = age_of[index]
            mine = by_intake[candidacy.intake_id]
            day = min(today, candidacy.intake.registration_closes + datetime.timedelta(days=5))
            for stage in mine[:passed]:
                results.append(
                    StageResult(
                        candidacy=candidacy, stage=stage, held_on=day, result="passed", score=rng.randint(60, 100)
                    )
                )
            if failed:
                results.append(
                    StageResult(
                        candidacy=candidacy,
                        stage=mine[passed],
                        held_on=day,
                        result="failed",
                        score=rng.randint(10, 59),
                        note="Nilai di bawah batas",
                    )
                )
        bulk(StageResult, results)
        active = {}
        for candidacy in candidacies:
            if candidacy.status in Candidacy.ACTIVE_STATUSES:
                active[candidacy.intake_id] = active.get(candidacy.intake_id, 0) + 1
        for intake in intakes:
            intake.candidates_count = active.get(intake.pk, 0)
            intake.quota = max(intake.candidates_count + 20, 40)
        Intake.objects.bulk_update(intakes, ["candidates_count", "quota"], batch_size=5_000)
        counts["candidacies"], counts["stage results"] = len(candidacies), len(results)

        # Abroad and back: deployments, passports, returns.
        deployments, documents, returns = [], [], []
        for candidacy in candidacies:
            if candidacy.status not in (S.DEPARTED, S.RETURNED):
                continue
            departure = candidacy.passed_on + datetime.timedelta(days=rng.randint(60, 200))
            end = Deployment.compute_contract_end(departure, 36)
            returned = candidacy.status == S.RETURNED
            deployments.append(
                Deployment(
                    candidacy=candidacy,
                    host_company=f"{rng.choice(COMPANIES)} {rng.choice(['Kyushu', 'Tohoku', 'Chubu'])}",
                    prefecture=rng.choice(Prefecture.values),
                    job_field=rng.choice(["Pengelasan", "Perakitan", "Pengecoran"]),
                    departure_date=departure,
                    duration_months=36,
                    contract_end=end,
                    emergency_contact_name="Keluarga",
                    emergency_contact_phone="081200000000",
                    status="returned" if returned else "active",
                )
            )
            documents.append(
                CandidateDocument(
                    candidacy=candidacy,
                    kind="passport",
                    number=f"C{candidacy.pk:07d}",
                    issued_on=departure - datetime.timedelta(days=90),
                    expires_on=departure + datetime.timedelta(days=5 * 365),
                )
            )
            if returned:
                back = min(end, today)
                returns.append(
                    ReturnRecord(
                        candidacy=candidacy,
                        returned_on=back,
                        intention=rng.choice(ReturnRecord.Intention.values),
                        japanese_level=rng.choice(["N4", "N3", "N3", "N2"]),
                    )
                )
        bulk(Deployment, deployments)
        bulk(CandidateDocument, documents)
        bulk(ReturnRecord, returns)
        counts["deployments"], counts["returns"] = len(deployments), len(returns)


def _user(name):
    return lambda: User.objects.get(email=scale_email(name))


def bench_scenarios():
    popular = _popular_intake()
    open_intake = Intake.objects.filter(registration_closes__gte=timezone.localdate()).order_by("pk").first() or popular
    return [
        {
            "name": "Japan internship: open intakes",
            "path": "/magang-jepang/",
            "method": "GET",
            "user": None,
            "kind": "public",
        },
        {
            "name": "Japan internship: intake page",
            "path": open_intake.get_absolute_url(),
            "method": "GET",
            "user": None,
            "kind": "public",
        },
        {
            "name": "my internship candidacy",
            "path": "/magang-jepang/saya/",
            "method": "GET",
            "user": _user("bench-seeker"),
            "kind": "seeker",
        },
        {
            "name": f"intake pipeline ({popular.candidates_count:,} candidates)",
            "path": f"/magang-jepang/staf/angkatan/{popular.pk}/",
            "method": "GET",
            "user": _user("bench-staff"),
            "kind": "staff",
        },
        {
            "name": "internship candidate list",
            "path": f"/magang-jepang/staf/kandidat/?intake={popular.pk}",
            "method": "GET",
            "user": _user("bench-staff"),
            "kind": "staff",
        },
        {
            "name": "returnee list",
            "path": "/magang-jepang/staf/purna/",
            "method": "GET",
            "user": _user("bench-staff"),
            "kind": "staff",
        },
    ]
