import pytest

from seekers.tests.factories import CompleteJobSeekerFactory


@pytest.fixture
def profile(seeker):
    """The `seeker` persona's complete profile."""
    return CompleteJobSeekerFactory(user=seeker, full_name=seeker.full_name)
