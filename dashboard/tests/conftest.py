import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_cached_figures():
    """Figures are cached per filter combination: no test may see another test's figures."""
    cache.clear()
    yield
    cache.clear()
