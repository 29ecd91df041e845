import datetime

import pytest
import time_machine

from overseas import selectors, services
from overseas.models import Candidacy, Deployment, Prefecture, ReturnRecord
from overseas.services import OverseasError

from .conftest import TODAY

DAY = TODAY.date()


@pytest.mark.parametrize(
    ("departure", "months", "extension", "end"),
    [
        (datetime.date(2026, 7, 1), 36, 0, datetime.date(2029, 7, 1)),
        (datetime.date(2026, 7, 1), 36, 24, datetime.date(2031, 7, 1)),
        # Across a leap day: 29 February 2028 has no anniversary in 2031; the contract ends on the 28th.
        (datetime.date(2028, 2, 29), 36, 0, datetime.date(2031, 2, 28)),
        (datetime.date(2028, 2, 29), 36, 12, datetime.date(2032, 2, 29)),
        (datetime.date(2027, 2, 28), 12, 0, datetime.date(2028, 2, 28)),
        (datetime.date(2027, 3, 31), 11, 0, datetime.date(2028, 2, 29)),
    ],
)
def test_contract_end_is_departure_plus_duration_plus_extension(departure, months, extension, end):
    assert Deployment.compute_contract_end(departure, months, extension) == end


@pytest.fixture
def passed(intake, apply, record_until):
    return record_until(apply(intake))


def _deploy(candidacy, actor, departure=DAY + datetime.timedelta(days=30)):
    return services.deployment_create(
        candidacy=candidacy,
        host_company="Toyota Tsusho Kyushu",
        prefecture=Prefecture.AICHI,
        job_field="Pengelasan",
        departure_date=departure,
        emergency_contact_name="Ibu Sari",
        emergency_contact_phone="081298765432",
        actor=actor,
    )


def test_a_deployment_computes_the_contract_end_and_an_extension_moves_it(passed, disnaker_staff):
    deployment = _deploy(passed, disnaker_staff, departure=datetime.date(2026, 7, 1))

    assert deployment.contract_end == datetime.date(2029, 7, 1)
    assert Candidacy.objects.get(pk=passed.pk).status == Candidacy.Status.DEPARTED
    extended = services.deployment_extend(deployment=deployment, months=24, reason="Tahap 3", actor=disnaker_staff)
    assert extended.contract_end == datetime.date(2031, 7, 1)
    assert extended.status == Deployment.Status.EXTENDED
    with pytest.raises(OverseasError) as exc:
        services.deployment_extend(deployment=deployment, months=1, actor=disnaker_staff)
    assert exc.value.code == "too_long"


def test_a_departure_on_or_before_the_last_stage_passed_is_refused(passed, disnaker_staff):
    for departure in (DAY, DAY - datetime.timedelta(days=3)):
        with pytest.raises(OverseasError) as exc:
            _deploy(passed, disnaker_staff, departure=departure)
        assert exc.value.code == "departure_before_stage"
    assert not Deployment.objects.exists()


def test_only_a_candidate_who_passed_every_stage_departs(intake, apply, disnaker_staff, record_until):
    halfway = record_until(apply(intake), 4)

    with pytest.raises(OverseasError) as exc:
        _deploy(halfway, disnaker_staff)

    assert exc.value.code == "not_passed"


def test_a_return_is_recorded_and_an_early_one_needs_a_reason(passed, disnaker_staff):
    deployment = _deploy(passed, disnaker_staff, departure=datetime.date(2026, 7, 1))
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, 0, tzinfo=TODAY.tzinfo), tick=False):
        with pytest.raises(OverseasError) as exc:
            services.return_record(
                candidacy=passed,
                returned_on=datetime.date(2027, 2, 20),
                early=True,
                intention=ReturnRecord.Intention.JAPANESE_COMPANY,
                actor=disnaker_staff,
            )
        assert exc.value.code == "reason_required"
        record = services.return_record(
            candidacy=passed,
            returned_on=datetime.date(2027, 2, 20),
            early=True,
            reason="Sakit",
            intention=ReturnRecord.Intention.JAPANESE_COMPANY,
            japanese_level="N3",
            actor=disnaker_staff,
        )

    deployment.refresh_from_db()
    assert deployment.status == Deployment.Status.RETURNED_EARLY and deployment.status_reason == "Sakit"
    assert record.candidacy.status == Candidacy.Status.RETURNED
    assert selectors.returns_per_year() == {2027: 1}
    assert selectors.departures_per_year() == {2026: 1}


def test_a_transfer_to_the_new_scheme_needs_a_reason(passed, disnaker_staff):
    deployment = _deploy(passed, disnaker_staff)

    with pytest.raises(OverseasError):
        services.deployment_transfer(deployment=deployment, reason="", actor=disnaker_staff)
    moved = services.deployment_transfer(deployment=deployment, reason="Ikusei Shuro 2027", actor=disnaker_staff)

    assert moved.status == Deployment.Status.TRANSFERRED


def test_documents_expiring_before_the_departure_are_warned_about(passed, disnaker_staff):
    services.document_save(
        candidacy=passed,
        kind="passport",
        number="C1234567",
        issued_on=datetime.date(2022, 1, 1),
        expires_on=datetime.date(2026, 8, 1),
        actor=disnaker_staff,
    )
    services.document_save(
        candidacy=passed,
        kind="medical",
        number="MC-1",
        issued_on=datetime.date(2026, 1, 1),
        expires_on=datetime.date(2026, 6, 1),
        actor=disnaker_staff,
    )
    candidacy = Candidacy.objects.get(pk=passed.pk)

    # Planned departure of the intake: 1 September 2027.
    warnings = {d.kind: str(problem) for d, problem in selectors.document_warnings(candidacy)}
    assert set(warnings) == {"passport", "medical"}
    with pytest.raises(OverseasError):
        services.document_save(
            candidacy=passed,
            kind="visa",
            number="V1",
            issued_on=datetime.date(2026, 1, 1),
            expires_on=datetime.date(2025, 1, 1),
            actor=disnaker_staff,
        )


def test_personal_data_sent_abroad_is_recorded_with_its_basis(passed, disnaker_staff):
    services.data_transfer_record(
        candidacy=passed,
        recipient="Kumiai Aichi",
        recipient_country="Jepang",
        legal_basis="consent",
        data_categories="identitas, paspor, hasil medis",
        purpose="Penempatan magang",
        transferred_on=DAY,
        actor=disnaker_staff,
    )

    assert passed.data_transfers.get().recorded_by == disnaker_staff
