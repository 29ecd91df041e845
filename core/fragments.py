"""HTML rendered once and reused, with random placeholders standing for what differs per request
(the CSRF token above all: a token must never be cached or shown to another person).

A placeholder is random (`placeholder("csrf")`), so it matches nothing else in the page; `fill()`
puts this request's values in, in a single pass (a value is never searched for placeholders
itself). Used by the per-person pages cached with forms in them (`seekers.sections.
cached_html_with_forms`: "my trainings", the internship candidacy, the loan file) and by the site
layout's navbar and footer (core/templatetags/layout.py).
"""

import functools
import re
import uuid

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.safestring import SafeString, mark_safe


def placeholder(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex}"


@functools.lru_cache(maxsize=256)
def _pattern(placeholders: tuple) -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in placeholders))


def fill(html: str, values: dict) -> SafeString:
    """`html` (our own rendered template) with each placeholder (a key of `values`) replaced by its
    value (already escaped: HTML)."""
    if not values:
        return mark_safe(html)  # noqa: S308 - our own template
    if len(values) == 1:
        ((key, value),) = values.items()
        return mark_safe(html.replace(key, value))  # noqa: S308 - our own template, escaped values
    pattern = _pattern(tuple(values))
    return mark_safe(pattern.sub(lambda match: values[match.group(0)], html))  # noqa: S308


def memo_with_slots(memo, key, slots, render):
    """`(html, {slot name: placeholder})` kept in `memo` (a ProcessMemo) under `key`; on a miss
    `render(placeholders)` makes the HTML with a fresh placeholder for each slot. Put this
    request's values in with `fill_slots`."""

    def build():
        placeholders = {name: placeholder(name) for name in slots}
        return render(placeholders), placeholders

    return memo.get_or_render(key, build)


def fill_slots(part, values: dict) -> SafeString:
    """`part` from `memo_with_slots` with each slot's value (escaped HTML) in its placeholder's place."""
    html, placeholders = part
    return fill(html, {placeholders[name]: value for name, value in values.items()})


class ProcessMemo:
    """HTML kept in this worker's memory under a key, for pieces whose HTML follows from the key
    alone and whose templates, translations and settings change only with a deploy (a new
    process). Bounded (emptied when full); nothing is kept with DEBUG on (templates edited live);
    a changed setting (tests) forgets everything."""

    def __init__(self, limit: int):
        self.limit, self._items = limit, {}
        setting_changed.connect(self._forget, weak=False)

    def _forget(self, **kwargs):
        self._items.clear()

    def get_or_render(self, key, render):
        found = self._items.get(key)  # TypeError for an unhashable key: the caller's to handle
        if found is None:
            found = render()
            if not settings.DEBUG:
                if len(self._items) >= self.limit:
                    self._items.clear()
                self._items[key] = found
        return found
