import pytest

from core.exports import safe_cell


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_are_quoted(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Rina Marlina", "Cikarang Utara", "3216********0001"])
def test_ordinary_text_is_untouched(value):
    assert safe_cell(value) == value


def test_numbers_stay_numbers():
    assert safe_cell(-5) == -5
    assert safe_cell(None) == ""
