"""Personas shared by every app's tests: one per role, plus an outsider."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory


@pytest.fixture
def seeker(db):
    return UserFactory(full_name="Rina Marlina", phone="+6281234567890")


@pytest.fixture
def other_seeker(db):
    return UserFactory(full_name="Budi Santoso")


@pytest.fixture
def disnaker_staff(db):
    return UserFactory(full_name="Siti Rahmawati", is_staff=True, role=Role.DISNAKER)


@pytest.fixture
def tkp3d_member(db):
    return UserFactory(full_name="Bambang Sutrisno", role=Role.TKP3D)


@pytest.fixture
def partner_staff(db):
    return UserFactory(full_name="Dewi Lestari", role=Role.PARTNER)


@pytest.fixture
def bank_officer(db):
    return UserFactory(full_name="Agus Setiawan", role=Role.BANK)
