"""`{% lean_result_list cl %}`: Django's `{% result_list cl %}` with the rows written by
`core.admin_lists.lean_results` (the same HTML, the per-column work done once a page).

`{% cached_filters %}…{% endcached_filters %}`: the admin changelist's filter panel from the
shared cache (templates/admin/lean_change_list.html, core.admin_lists.LeanChangeListMixin).

The panel's HTML depends only on the list (model), the query string (the selected filters and
the links that keep them), the language, the person (kept apart to be safe) and each filter's
choices: the key holds all of these, the choices themselves as a digest, so a new provider or a
renamed kecamatan gives a new key at once. With the facet counts shown ("Show counts") it is
rendered every time. Seven filters with ~50 choices took 3-4 ms of CPU to render per page.
A cache outage costs the rendering (core/caching.py).

`{% memo part ... %}…{% endmemo %}`: a piece of the changelist page (title, styles and scripts,
breadcrumbs, add button, search box, paginator) rendered once per process for the same list,
query string, language and the parts named (the counts, the person's add permission...), then
taken from memory: rendered every time, these took ~1 ms of every page. Only pieces whose HTML
follows from those: nothing of the person's session (the CSRF token) is ever memoised.
tests/test_lean_admin.py compares whole pages with Django's own change_list.html."""

import hashlib
from types import SimpleNamespace

from django import template
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.db.models import QuerySet
from django.middleware.csrf import get_token
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import fragments
from core.admin_lists import lean_results
from core.caching import cache_get, cache_set
from core.fragments import ProcessMemo

register = template.Library()

FILTERS_SECONDS = 300


class CachedFiltersNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        cl, request = context.get("cl"), context.get("request")
        if cl is None or request is None or getattr(cl, "add_facets", False):
            return self.nodelist.render(context)
        key = filters_key(cl, request)
        html = cache_get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache_set(key, html, FILTERS_SECONDS)
        return html


class MemoNode(template.Node):
    rendered = ProcessMemo(limit=2000)  # (name, list, query string, language, *parts) -> HTML

    def __init__(self, name, parts, nodelist, *, per_page=True):
        self.name, self.parts, self.nodelist, self.per_page = name, parts, nodelist, per_page

    def render(self, context):
        request = context.get("request")
        if request is None or request.method != "GET":  # a POST's page may show form errors
            return self.nodelist.render(context)
        page = (request.path, request.META.get("QUERY_STRING", "")) if self.per_page else ()
        key = (self.name, *page, get_language(), *(_hashable(part.resolve(context)) for part in self.parts))
        try:
            return self.rendered.get_or_render(key, lambda: self.nodelist.render(context))
        except TypeError:  # an unhashable part: rendered every time
            return self.nodelist.render(context)


def _hashable(value):
    """A part of a memo key: lists (of choices) as tuples, lazy texts as this language's text."""
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(item) for item in value)
    if isinstance(value, Promise):
        return str(value)
    return value


def _memo_tag(*, per_page):
    def tag(parser, token):
        name, *bits = token.split_contents()
        if not bits:
            raise template.TemplateSyntaxError(f"{name} needs a name")
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return MemoNode(bits[0], [parser.compile_filter(bit) for bit in bits[1:]], nodelist, per_page=per_page)

    return tag


# `{% memo "name" part ... %}`: see the module's docstring. `{% memo_site "name" part ... %}`: the
# same for a piece that is the same on every page (the admin's style sheets, its branding): keyed
# by the language and the parts only.
register.tag("memo", _memo_tag(per_page=True))
register.tag("memo_site", _memo_tag(per_page=False))


class UserToolsNode(template.Node):
    """The admin header's user tools (welcome, site and password links, the logout form, the theme
    toggle) rendered once per process for the same language and account facts, with a stand-in
    user whose name is a placeholder and a placeholder CSRF token; the person's name and this
    request's token are put in per request (core.fragments), never kept. Rendered each time they
    took ~1,200 function calls of every list page (a failed reverse of the admin docs among them)."""

    rendered = ProcessMemo(limit=500)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        request, user = context.get("request"), context.get("user")
        if request is None or user is None or not user.is_authenticated:
            return self.nodelist.render(context)
        facts = (get_language(), bool(context.get("has_permission")), str(context.get("site_url") or ""),
                 bool(context.get("is_popup")), user.is_active, user.is_staff, user.has_usable_password())  # fmt: skip

        def render(slots):
            stand_in = SimpleNamespace(
                is_authenticated=True, is_active=user.is_active, is_staff=user.is_staff,
                has_usable_password=lambda: facts[-1], get_short_name=lambda: slots["name"],
                get_username=lambda: slots["name"],
            )  # fmt: skip
            with context.push(user=stand_in, csrf_token=slots["csrf"]):
                return self.nodelist.render(context)

        part = fragments.memo_with_slots(self.rendered, ("usertools", *facts), ("name", "csrf"), render)
        token = context.get("csrf_token")  # the page's (the changelist form's too): masked once
        return fragments.fill_slots(
            part,
            {
                "name": conditional_escape(user.get_short_name() or user.get_username()),
                "csrf": str(token) if token else get_token(request),
            },
        )


@register.tag
def lean_usertools(parser, token):
    nodelist = parser.parse(("endlean_usertools",))
    parser.delete_first_token()
    return UserToolsNode(nodelist)


def filters_key(cl, request):
    digest = hashlib.sha256()
    for part in (cl.opts.label_lower, request.get_full_path(), get_language(), request.user.pk):
        digest.update(f"{part}\x1f".encode())
    for spec in cl.filter_specs:
        choices = getattr(spec, "lookup_choices", None)
        if isinstance(choices, QuerySet):
            choices = list(choices)  # evaluated once: the rendering reuses it
        digest.update(f"{type(spec).__name__}:{getattr(spec, 'title', '')}:{choices!r}\x1f".encode())
    return f"admin:filters:v1:{digest.hexdigest()}"


@register.tag
def cached_filters(parser, token):
    nodelist = parser.parse(("endcached_filters",))
    parser.delete_first_token()
    return CachedFiltersNode(nodelist)


_headers_memo = ProcessMemo(limit=2000)


def _headers(cl):
    """Django's `result_headers(cl)`: the column titles and their sort links follow from the list,
    its columns, the query's parameters and the language alone: worked out once per process."""
    key = ("headers", cl.opts.label, tuple(cl.list_display), tuple(cl.sortable_by or ()) if cl.sortable_by is not None
           else None, _hashable(sorted(cl.params.items())), get_language())  # fmt: skip
    try:
        return _headers_memo.get_or_render(key, lambda: list(admin_list.result_headers(cl)))
    except TypeError:  # an unhashable parameter: worked out every time
        return list(admin_list.result_headers(cl))


def lean_result_list(cl):
    """Django's `result_list` tag with the rows of `core.admin_lists.lean_results`, joined here
    (`rows_html`, as Django's template writes them) rather than by two nested template loops:
    0.5 ms of a 50-row page. Lists with editable rows keep Django's loop (their form errors)."""
    headers = _headers(cl)
    results = list(lean_results(cl))
    rows_html = None
    if not cl.formset:
        rows_html = mark_safe("".join(f"\n\n<tr>{''.join(row)}</tr>\n" for row in results))  # noqa: S308 - cells escaped
    return {
        "cl": cl,
        "result_hidden_fields": list(admin_list.result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": results,
        "rows_html": rows_html,
    }


@register.tag(name="lean_result_list")
def lean_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=lean_result_list, template_name="lean_change_list_results.html", takes_context=False
    )
