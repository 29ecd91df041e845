import datetime

import pytest
import time_machine

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from overseas import services
from seekers.tests.factories import CompleteJobSeekerFactory

from .factories import IntakeFactory, SendingOrganisationFactory, SendingOrganisationStaffFactory

# Mid-registration, in Asia/Jakarta office hours.
TODAY = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def profile(seeker):
    """The `seeker` persona's complete profile (local, SMK, man born 17 May 2000)."""
    return CompleteJobSeekerFactory(user=seeker, full_name=seeker.full_name)


@pytest.fixture
def intake(db):
    return IntakeFactory()


@pytest.fixture
def apply(db):
    """apply(intake, **profile fields) -> a new candidate's candidacy, made through the service."""

    def _apply(intake, *, height_cm=170, weight_kg=60, **fields):
        seeker = CompleteJobSeekerFactory(**fields)
        return services.candidacy_apply(
            intake=intake, seeker=seeker, height_cm=height_cm, weight_kg=weight_kg, actor=seeker.user
        )

    return _apply


@pytest.fixture
def record_until(disnaker_staff):
    """record_until(candidacy, n): pass the first n stages (all by default), today."""

    def _record(candidacy, n=None):
        stages = list(candidacy.intake.stages.order_by("position"))
        for stage in stages[:n] if n is not None else stages:
            candidacy = services.stage_record(
                candidacy=candidacy,
                stage=stage,
                held_on=TODAY.date(),
                result="passed",
                score=80,
                actor=disnaker_staff,
            )
        return candidacy

    return _record


@pytest.fixture
def sending_org_staff(db):
    """Staff of a sending organisation (its own candidates only), and the organisation."""
    user = UserFactory(full_name="Yuki Pratama", role=Role.SENDING_ORG)
    SendingOrganisationStaffFactory(user=user, organisation=SendingOrganisationFactory(name="LPK-SO Fuji Bekasi"))
    return user
