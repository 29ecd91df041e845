"""The dashboard's hand-written markup (filters and table cells) is what Django's widgets and a
template loop wrote, escaped the same way."""

import pytest

from dashboard.filters import FilterForm, Filters
from dashboard.templatetags.dashboard_tables import num_cells, num_display_cells, select

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "form",
    [
        FilterForm(initial=vars(Filters.default())),
        FilterForm({"year": "2025", "period": "q2", "kecamatan": "32.16.09", "map": "cards_issued", "per": "1000"}),
        FilterForm({"year": "1999", "kecamatan": "<script>"}),  # invalid values: nothing selected
    ],
)
def test_the_filter_selects_are_the_markup_of_djangos_widgets(form):
    for bound in form:
        assert str(select(bound)) == str(bound.as_widget()), bound.name


def test_the_cells_are_escaped():
    expected = '<td class="num">1.234</td><td class="num">&lt;5</td><td class="num">×</td>'
    assert num_cells(["1.234", "<5", "×"]) == expected
    assert num_display_cells([(3, "<5"), (None, "–")]) == '<td class="num">&lt;5</td><td class="num">–</td>'
