import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.models import AuditLog
from overseas import services
from overseas.models import Candidacy, IntakeStage, Scheme, StageResult
from overseas.services import OverseasError
from seekers.tests.factories import CompleteJobSeekerFactory

from .conftest import TODAY
from .factories import IntakeFactory, SendingOrganisationFactory

DAY = TODAY.date()


def _stages(intake):
    return list(intake.stages.order_by("position"))


def test_stages_are_recorded_in_order_and_the_last_one_passes_the_selection(intake, apply, disnaker_staff):
    candidacy = apply(intake)
    stages = _stages(intake)

    candidacy = services.stage_record(
        candidacy=candidacy, stage=stages[0], held_on=DAY, result="passed", score=90, note="", actor=disnaker_staff
    )
    assert candidacy.status == Candidacy.Status.IN_SELECTION
    assert candidacy.next_stage == stages[1]
    for stage in stages[1:]:
        candidacy = services.stage_record(
            candidacy=candidacy, stage=stage, held_on=DAY, result="passed", actor=disnaker_staff
        )

    assert candidacy.status == Candidacy.Status.PASSED
    assert candidacy.next_stage is None
    assert candidacy.passed_on == DAY
    assert StageResult.objects.filter(candidacy=candidacy).count() == 8
    assert AuditLog.objects.filter(action="stage_passed").count() == 8


def test_a_stage_cannot_be_skipped(intake, apply, disnaker_staff):
    candidacy = apply(intake)

    with pytest.raises(OverseasError) as exc:
        services.stage_record(
            candidacy=candidacy, stage=_stages(intake)[2], held_on=DAY, result="passed", actor=disnaker_staff
        )

    assert exc.value.code == "out_of_order"
    assert "Seleksi administrasi" in exc.value.messages[0]
    assert not StageResult.objects.exists()


def test_a_stage_cannot_be_recorded_twice(intake, apply, disnaker_staff, record_until):
    candidacy = record_until(apply(intake), 2)

    with pytest.raises(OverseasError) as exc:
        services.stage_record(
            candidacy=candidacy, stage=_stages(intake)[1], held_on=DAY, result="failed", note="x", actor=disnaker_staff
        )

    assert exc.value.code == "recorded"
    assert StageResult.objects.filter(candidacy=candidacy).count() == 2


def test_a_stage_dated_before_the_previous_one_is_refused(intake, apply, disnaker_staff):
    candidacy = apply(intake)
    stages = _stages(intake)
    candidacy = services.stage_record(
        candidacy=candidacy, stage=stages[0], held_on=DAY, result="passed", actor=disnaker_staff
    )

    with pytest.raises(OverseasError) as exc:
        services.stage_record(
            candidacy=candidacy,
            stage=stages[1],
            held_on=DAY - datetime.timedelta(days=1),
            result="passed",
            actor=disnaker_staff,
        )

    assert exc.value.code == "date_order"


def test_failing_a_stage_ends_the_candidacy_with_the_reason_and_frees_the_place(intake, apply, disnaker_staff):
    candidacy = apply(intake)

    with pytest.raises(OverseasError) as no_reason:
        services.stage_record(
            candidacy=candidacy, stage=_stages(intake)[0], held_on=DAY, result="failed", actor=disnaker_staff
        )
    candidacy = services.stage_record(
        candidacy=candidacy,
        stage=_stages(intake)[0],
        held_on=DAY,
        result="failed",
        note="Ijazah tidak sah",
        actor=disnaker_staff,
    )

    intake.refresh_from_db()
    assert no_reason.value.code == "reason_required"
    assert candidacy.status == Candidacy.Status.FAILED
    assert "Ijazah tidak sah" in candidacy.status_reason
    assert intake.candidates_count == 0
    assert candidacy.seeker.user.notifications.filter(event="overseas.stage_failed").exists()
    with pytest.raises(OverseasError) as after:
        services.stage_record(
            candidacy=candidacy, stage=_stages(intake)[1], held_on=DAY, result="passed", actor=disnaker_staff
        )
    assert after.value.code == "not_in_selection"


def test_a_second_scheme_added_as_data_runs_its_own_stage_list(apply, disnaker_staff):
    # The 2027 scheme, entered by staff as rows: its own duration and stages, no code.
    scheme = Scheme.objects.create(
        name="Ikusei Shuro (Employment for Skill Development)",
        country="Jepang",
        duration_months=36,
        max_extension_months=0,
    )
    intake = IntakeFactory(
        scheme=scheme,
        organisation=SendingOrganisationFactory(),
        stages=[
            ("Tes keterampilan", IntakeStage.Kind.SKILLS),
            ("Tes bahasa Jepang (JFT-Basic A1)", IntakeStage.Kind.JAPANESE),
            ("Wawancara perusahaan", IntakeStage.Kind.INTERVIEW),
        ],
    )
    candidacy = apply(intake)
    seen = []
    while candidacy.next_stage is not None:
        seen.append(candidacy.next_stage.name)
        candidacy = services.stage_record(
            candidacy=candidacy, stage=candidacy.next_stage, held_on=DAY, result="passed", actor=disnaker_staff
        )

    assert seen == ["Tes keterampilan", "Tes bahasa Jepang (JFT-Basic A1)", "Wawancara perusahaan"]
    assert candidacy.status == Candidacy.Status.PASSED


def test_the_staff_page_records_the_next_stage(client, disnaker_staff, intake, apply):
    candidacy = apply(intake)
    client.force_login(disnaker_staff)

    url = reverse("overseas:staff_candidacy", args=[candidacy.pk])
    shown = client.get(url).context["forms"]["stage"]["stage"].value()  # the stage the page shows
    assert shown == candidacy.next_stage_id

    response = client.post(
        url,
        {"action": "stage", "stage-stage": shown, "stage-held_on": DAY.isoformat(), "stage-result": "passed",
         "stage-score": "77.5"},
    )  # fmt: skip

    assert response.status_code == 302
    result = StageResult.objects.get(candidacy=candidacy)
    assert result.stage.position == 1 and result.score == 77.5 and result.recorded_by == disnaker_staff


def test_a_result_posted_from_a_page_that_showed_a_stage_recorded_meanwhile_is_refused_not_moved_on(
    client, disnaker_staff, intake, apply
):
    """Two clerks had the same candidate open at stage 1; the first records it. The second's
    result is for stage 1 too: refused as already recorded, never written as stage 2's."""
    candidacy = apply(intake)
    first = candidacy.next_stage
    services.stage_record(candidacy=candidacy, stage=first, held_on=DAY, result="passed", actor=disnaker_staff)
    client.force_login(disnaker_staff)

    response = client.post(
        reverse("overseas:staff_candidacy", args=[candidacy.pk]),
        {"action": "stage", "stage-stage": first.pk, "stage-held_on": DAY.isoformat(), "stage-result": "failed"},
    )

    assert response.status_code == 200
    assert "sudah dicatat untuk peserta ini" in response.content.decode()
    assert list(StageResult.objects.filter(candidacy=candidacy).values_list("stage__position", flat=True)) == [1]
    candidacy.refresh_from_db()
    assert candidacy.status != Candidacy.Status.FAILED and candidacy.next_stage.position == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_recording_the_same_stage_at_once_record_it_once():
    intake = IntakeFactory()
    seeker = CompleteJobSeekerFactory()
    candidacy = services.candidacy_apply(intake=intake, seeker=seeker, height_cm=170, weight_kg=60, actor=seeker.user)
    clerks = [UserFactory(is_staff=True, role=Role.DISNAKER) for _ in range(8)]
    first = intake.stages.get(position=1)
    url = reverse("overseas:staff_candidacy", args=[candidacy.pk])
    barrier = threading.Barrier(len(clerks))
    statuses = [None] * len(clerks)

    def run(i):
        try:
            client = Client()
            client.force_login(clerks[i])
            barrier.wait()
            # Half pass, half fail the same stage at the same moment.
            statuses[i] = client.post(
                url,
                {
                    "action": "stage",
                    "stage-stage": first.pk,  # what every clerk's page showed
                    "stage-held_on": DAY.isoformat(),
                    "stage-result": "passed" if i % 2 else "failed",
                    "stage-note": "Tidak hadir",
                },
            ).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clerks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # One clerk's result is recorded (redirect); the others see the page again with a message, never a 500.
    assert sorted(statuses) == [200] * (len(clerks) - 1) + [302]
    results = list(StageResult.objects.filter(candidacy=candidacy))
    assert len(results) == 1 and results[0].stage == first
    candidacy.refresh_from_db()
    intake.refresh_from_db()
    # The one recorded result decided where the candidacy went, and the place count agrees.
    if results[0].result == "passed":
        assert candidacy.next_stage.position == 2 and intake.candidates_count == 1
    else:
        assert candidacy.status == Candidacy.Status.FAILED and intake.candidates_count == 0
