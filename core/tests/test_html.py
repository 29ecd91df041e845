"""core.html writes the same HTML as Django's format_html / format_html_join / conditional_escape."""

import pytest
from django.utils import html as django_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from core import html

VALUES = [
    "plain",
    "<script>alert('x') & \"y\"</script>",
    mark_safe("<b>already safe</b>"),
    gettext_lazy("Details"),
    42,
    None,
    3.5,
]


@pytest.mark.parametrize("value", VALUES)
def test_escape_is_conditional_escape(value):
    with override("id"):
        assert html.escape(value) == django_html.conditional_escape(value)


def test_format_html_is_django_s():
    with override("id"):
        for value in VALUES:
            ours = html.format_html('<a href="{url}" title="{}">{}</a>', value, value, url=value)
            assert ours == django_html.format_html('<a href="{url}" title="{}">{}</a>', value, value, url=value)
            assert isinstance(ours, SafeString)


def test_format_html_join_is_django_s():
    rows = [(v, i) for i, v in enumerate(VALUES)]
    assert html.format_html_join(mark_safe("<br>"), "<li>{} {}</li>", rows) == django_html.format_html_join(
        mark_safe("<br>"), "<li>{} {}</li>", rows
    )
    assert html.format_html_join("&", "{a}", [{"a": "<x>"}]) == django_html.format_html_join("&", "{a}", [{"a": "<x>"}])
