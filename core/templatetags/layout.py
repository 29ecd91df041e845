"""The site layout's navbar and footer (templates/base.html), rendered once per worker for each
language and role set and reused, with this request's own values put in by `core.fragments`.

What a part shows is decided by its key alone (language; logged in or not, staff status and role
set for the navbar; the year for the footer): the templates see a stand-in user with only those
facts, so nothing personal can end up in the shared HTML. Per request, and never kept: the CSRF
token, the user's short name, the unread badge and the language form's `next` path. Templates,
translations and settings change only with a deploy (a new process); in DEBUG (templates edited
live) nothing is kept, and a changed setting (tests) forgets everything.
"""

from types import SimpleNamespace

from django.middleware.csrf import get_token
from django.template import Library
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.html import conditional_escape

from core import fragments

register = Library()

_parts = fragments.ProcessMemo(limit=1024)  # languages x staff x role sets: far fewer in practice


def _part(key, template_name, context, slots):
    """`template_name` rendered with `context` and a placeholder for each slot, from this worker's
    memory when it was rendered before under `key`: (html, {slot name: placeholder})."""

    return fragments.memo_with_slots(
        _parts, key, slots, lambda placeholders: get_template(template_name).render({**context, **placeholders})
    )


_fill = fragments.fill_slots


def _csrf_token(context) -> str:
    request = context.get("request")
    if request is not None:
        return get_token(request)
    return str(context.get("csrf_token") or "")


@register.simple_tag(takes_context=True)
def navbar(context):
    user = context.get("user")
    logged_in = bool(user is not None and user.is_authenticated)
    roles = frozenset(context.get("user_roles") or ()) if logged_in else frozenset()
    is_staff = logged_in and bool(user.is_staff)
    language = translation.get_language()
    stand_in = SimpleNamespace(
        is_authenticated=logged_in, is_staff=is_staff, uses_seeker_pages=logged_in and not is_staff and not roles
    )
    part = _part(
        ("navbar", language, logged_in, is_staff, roles),
        "_navbar.html",
        {"user": stand_in, "user_roles": roles, "Role": context.get("Role")},
        ("csrf_token", "user_short_name", "unread_badge") if logged_in else (),
    )
    if not logged_in:
        return _fill(part, {})
    unread = context.get("notifications_unread")
    badge = ""
    if unread:
        badge = _fill(
            _part(("unread_badge", language), "_unread_badge.html", {}, ("count",)),
            {"count": conditional_escape(unread)},
        )
    return _fill(
        part,
        {
            "csrf_token": _csrf_token(context),
            "user_short_name": conditional_escape(user.get_short_name()),
            "unread_badge": badge,
        },
    )


@register.simple_tag(takes_context=True)
def footer(context):
    request = context.get("request")
    part = _part(
        ("footer", translation.get_language(), timezone.localdate().year),
        "_footer.html",
        {"office": context.get("office")},
        ("csrf_token", "next_path"),
    )
    next_path = request.get_full_path() if request is not None else ""
    return _fill(part, {"csrf_token": _csrf_token(context), "next_path": conditional_escape(next_path)})
