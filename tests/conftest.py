"""Fixtures for the cross-app tests (the tests that exercise several layers at once live here, so
that no app's own tests import an app above it: see the import-linter contract in pyproject.toml)."""

import pytest

from seekers.tests.factories import CompleteJobSeekerFactory


@pytest.fixture
def profile(seeker):
    """The `seeker` persona's complete profile."""
    return CompleteJobSeekerFactory(user=seeker, full_name=seeker.full_name)
