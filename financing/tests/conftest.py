from decimal import Decimal

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from seekers.tests.factories import JobSeekerFactory

from .factories import BankStaffFactory, PartnerBankFactory, ProductFactory, accepted_enrolment, jpeg_upload


@pytest.fixture
def bank(db):
    return PartnerBankFactory(name="Bank BJB Cabang Cikarang", short_name="BJB Cikarang")


@pytest.fixture
def other_bank(db):
    return PartnerBankFactory(name="Bank Lain", short_name="Lain")


@pytest.fixture
def product(bank):
    return ProductFactory(bank=bank, name="KUR Pelatihan Kerja")


@pytest.fixture
def officer(bank, bank_officer):
    BankStaffFactory(user=bank_officer, bank=bank)
    return bank_officer


@pytest.fixture
def supervisor(bank):
    user = UserFactory(full_name="Yuni Kartika", role=Role.BANK_SUPERVISOR)
    BankStaffFactory(user=user, bank=bank)
    return user


@pytest.fixture
def other_officer(other_bank):
    user = UserFactory(full_name="Joko Widodo", role=Role.BANK)
    BankStaffFactory(user=user, bank=other_bank)
    return user


@pytest.fixture
def borrower(seeker):
    """The `seeker` persona's profile, accepted for an Rp 8.000.000 course."""
    profile = JobSeekerFactory(user=seeker, full_name=seeker.full_name)
    profile.enrolment = accepted_enrolment(seeker=profile, fee=Decimal(8_000_000))
    return profile


@pytest.fixture
def upload():
    return jpeg_upload
