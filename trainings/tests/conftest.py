import pytest

from seekers.tests.factories import CompleteJobSeekerFactory
from trainings import services

from .factories import BatchFactory, ProviderFactory, ProviderStaffFactory


@pytest.fixture
def profile(seeker):
    """The `seeker` persona's complete profile (local, SMK, born 17 May 2000)."""
    return CompleteJobSeekerFactory(user=seeker, full_name=seeker.full_name)


@pytest.fixture
def institution_a(partner_staff):
    """The institution the `partner_staff` persona works for."""
    provider = ProviderFactory(name="LPK Mitra Karya")
    ProviderStaffFactory(user=partner_staff, provider=provider)
    return provider


@pytest.fixture
def institution_b(db):
    return ProviderFactory(name="LPK Bina Terampil")


@pytest.fixture
def batch(db):
    return BatchFactory()


@pytest.fixture
def apply(db):
    """apply(batch, **profile fields) -> a new applicant's enrolment, made through the service."""

    def _apply(batch, **fields):
        seeker = CompleteJobSeekerFactory(**fields)
        return services.enrolment_apply(batch=batch, seeker=seeker, actor=seeker.user)

    return _apply
