"""Links written for every row of a list without a `reverse()` per row."""

from django.urls import reverse

_MARK = 987654321  # a stand-in primary key


def pk_url(name):
    """pk -> the URL of `name` (a URL pattern with the primary key as its only argument): reversed
    once, then only the pk changes (a `{% url %}` per row cost ~0.05 ms)."""
    before, _sep, after = reverse(name, args=[_MARK]).partition(str(_MARK))
    return lambda pk: f"{before}{pk}{after}"
