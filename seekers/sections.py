"""Sections of the seeker dashboard contributed by the apps above seekers (trainings, later
financing and placements). They register here from their AppConfig.ready(), so seekers never
imports them: dependencies keep pointing one way.

The sections are rendered once and kept in the shared cache per seeker and language, stamped with
two version keys (core/caching.py "versioned entries"): the seeker's own, set anew when any record
a section shows of *that* seeker is saved or deleted (`seeker_models`: model label -> the
attribute path to the seeker's id), and a shared one, set anew when anything every seeker may see
changes (`shared_models`: batches, vacancies, intakes, banks...). The local date is part of the
stamp (what is open or closing depends on the day). Changes made with `QuerySet.update()` fire no
signal: the services that do so call `seeker_changed` / `shared_changed` themselves; anything
missed can live at most SECTIONS_TIMEOUT.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from core import fragments
from core.caching import bump_versions, versioned_get, versioned_set

SECTIONS_TIMEOUT = 10 * 60
SEEKER_ID_TIMEOUT = 24 * 60 * 60
SHARED_VERSION_KEY = "seekers:sections:v:shared"
# The profile itself (education, kecamatan: what "vacancies for you" matches on) and what the
# dashboard's own profile and card blocks show (completeness: education rows, the photo; the card).
PROFILE_MODELS = {
    "seekers.JobSeeker": "pk",
    "seekers.Education": "seeker_id",
    "seekers.Document": "seeker_id",
    "seekers.AK1Card": "seeker_id",
}
# Reference data shown by name in the sections.
REFERENCE_MODELS = ("core.Kecamatan", "core.EducationLevel", "core.Sector")


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    context: Callable  # (seeker) -> dict
    order: int = 100
    # What the rendered section depends on (see the module docstring).
    seeker_models: dict = field(default_factory=dict)
    shared_models: tuple = ()


_sections: dict[str, Section] = {}


def _seeker_version_key(seeker_id) -> str:
    return f"seekers:sections:v:seeker:{seeker_id}"


def seeker_changed(seeker_id) -> None:
    """Something one seeker's sections show changed: their cached sections are rendered afresh."""
    if seeker_id is not None:
        bump_versions([_seeker_version_key(seeker_id)])


def shared_changed(**kwargs) -> None:
    """Something every seeker's sections may show changed (signal receiver and helper)."""
    bump_versions([SHARED_VERSION_KEY])


def _resolve(instance, path):
    for part in path.split("."):
        if instance is None:
            return None
        instance = getattr(instance, part, None)
    return instance


def _seeker_record_changed(sender, instance, path, **kwargs):
    try:
        seeker_id = _resolve(instance, path)
    except Exception:  # noqa: BLE001 - a parent already deleted in a cascade: nothing left to show
        seeker_id = None
    seeker_changed(seeker_id)


def _watch(seeker_models, shared_models):
    for label, path in seeker_models.items():
        receiver = partial(_seeker_record_changed, path=path)
        _receivers.append(receiver)  # signals hold receivers weakly
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=label, weak=False, dispatch_uid=f"seeker_sections_{label}_{path}")
    for label in shared_models:
        for signal in (post_save, post_delete):
            signal.connect(shared_changed, sender=label, dispatch_uid=f"seeker_sections_shared_{label}")


_receivers: list = []


def register(section: Section):
    _sections[section.name] = section
    _watch(section.seeker_models, section.shared_models)


def _skills_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        seeker_changed(instance.pk)
    else:  # from a skill's side: the seekers added or removed (a clear from that side: everyone)
        for seeker_id in pk_set or ():
            seeker_changed(seeker_id)
        if pk_set is None:
            shared_changed()


def _user_version_key(user_id) -> str:
    return f"seekers:sections:v:user:{user_id}"


def _profile_created_or_deleted(sender, instance, created=True, **kwargs):
    if created:
        bump_versions([_user_version_key(instance.user_id)])


def seeker_id_of(user):
    """The id of `user`'s job-seeker profile or None, kept in the shared cache (a profile is
    created once and never changes hands; its creation and deletion set a new version)."""
    from .models import JobSeeker

    entry_key = f"seekers:id-of-user:{user.pk}"
    cached, stamp = versioned_get(entry_key, [_user_version_key(user.pk)])
    if cached is not None:
        return cached or None
    seeker_id = JobSeeker.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
    versioned_set(entry_key, stamp, seeker_id or 0, SEEKER_ID_TIMEOUT)
    return seeker_id


def watch_defaults():
    """From SeekersConfig.ready(): the profile, its parts and the reference data every section may
    show; who has a profile."""
    from .models import JobSeeker

    _watch(PROFILE_MODELS, REFERENCE_MODELS)
    m2m_changed.connect(_skills_changed, sender=JobSeeker.skills.through, dispatch_uid="seeker_sections_skills")
    for signal in (post_save, post_delete):
        signal.connect(_profile_created_or_deleted, sender=JobSeeker, dispatch_uid="seeker_id_of_user")


def _render(request, seeker) -> list[str]:
    return [
        render_to_string(section.template, section.context(seeker), request=request)
        for section in sorted(_sections.values(), key=lambda s: s.order)
    ]


def cached_html(name, seeker_id, render):
    """`render()`'s result (HTML for one seeker's eyes, in the current language) from the shared
    cache while nothing it shows changed: kept under the seeker's and the shared version keys (the
    models the registered sections and the profile declare) and today's date."""
    entry_key = f"seekers:html:{name}:{seeker_id}:{translation.get_language()}"
    cached, stamp = versioned_get(entry_key, [_seeker_version_key(seeker_id), SHARED_VERSION_KEY])
    today = timezone.localdate().isoformat()
    if cached is not None and cached[0] == today:
        return cached[1]
    value = render()
    versioned_set(entry_key, stamp, (today, value), SECTIONS_TIMEOUT)
    return value


def cached_html_with_forms(request, name, seeker_id, render):
    """Like `cached_html`, for HTML holding forms: `render(csrf_token)` renders it (a str, or a
    dict of str for several parts of a page) with `csrf_token` as the template's token. What is
    cached holds a random placeholder there, replaced by this request's own token when served, so
    no token is ever cached. Returns the HTML (or the dict) marked safe. No profile
    (`seeker_id` None): rendered, not cached. An exception in `render()` (Http404) caches nothing."""

    def render_with_placeholder():
        placeholder = fragments.placeholder("csrf")
        return placeholder, render(placeholder)

    if seeker_id is None:
        placeholder, value = render_with_placeholder()
    else:
        placeholder, value = cached_html(name, seeker_id, render_with_placeholder)
    token = None

    def serve(html):
        nonlocal token
        if placeholder not in html:
            return mark_safe(html)  # noqa: S308 - our own templates' output
        token = token or get_token(request)
        return fragments.fill(html, {placeholder: token})

    if isinstance(value, dict):
        return {key: serve(html) for key, html in value.items()}
    return serve(value)


def render_sections(request, seeker_id, load_seeker) -> list[str]:
    """The sections' HTML: from the cache when nothing they show changed since they were rendered.
    `load_seeker()` (the profile the sections' contexts need) is called only to render them."""
    if seeker_id is None:
        return _render(request, None)
    return cached_html("sections", seeker_id, lambda: _render(request, load_seeker()))


# "Download my data" (UU PDP right of access): what the apps above seekers hold about a person.
_personal_data: dict[str, Callable] = {}


def register_personal_data(name: str, collect: Callable):
    """`collect(user) -> JSON-serialisable data` joins the seeker's data export under `name`."""
    _personal_data[name] = collect


def collect_personal_data(user) -> dict:
    return {name: collect(user) for name, collect in sorted(_personal_data.items())}
