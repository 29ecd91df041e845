import pytest

from placements.reference import load_reference_data
from placements.selectors import forget_public_pages
from seekers.tests.factories import CompleteJobSeekerFactory

from .factories import EmployerStaffFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _no_cached_public_pages():
    """The vacancy list, its filter choices and the register are cached: a test's rolled-back
    rows must not show up in the next test's page."""
    forget_public_pages()


@pytest.fixture(autouse=True)
def _placement_reference_data(request):
    """Transactional tests empty the tables, KBJI and UMK included: load them again."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        load_reference_data()


@pytest.fixture
def officer(db):
    """The verified HR officer of company A."""
    return EmployerStaffFactory(user__full_name="Andi Pratama", employer__name="PT Alpha Otomotif").user


@pytest.fixture
def employer(officer):
    return officer.employer_staff.employer


@pytest.fixture
def other_officer(db):
    """The verified HR officer of company B."""
    return EmployerStaffFactory(user__full_name="Yanti Kusuma", employer__name="PT Beta Plastik").user


@pytest.fixture
def profile(seeker):
    """The seeker persona's complete profile, a resident of Cikarang Utara."""
    return CompleteJobSeekerFactory(user=seeker, full_name=seeker.full_name)
