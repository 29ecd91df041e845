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

from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.caching import bump_versions, versioned_get, versioned_set

SECTIONS_TIMEOUT = 10 * 60
SHARED_VERSION_KEY = "seekers:sections:v:shared"
# The profile itself (education, kecamatan: what "vacancies for you" matches on).
PROFILE_MODELS = {"seekers.JobSeeker": "pk"}
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


def watch_defaults():
    """From SeekersConfig.ready(): the profile and the reference data every section may show."""
    _watch(PROFILE_MODELS, REFERENCE_MODELS)


def _render(request, seeker) -> list[str]:
    return [
        render_to_string(section.template, section.context(seeker), request=request)
        for section in sorted(_sections.values(), key=lambda s: s.order)
    ]


def render_sections(request, seeker) -> list[str]:
    """The sections' HTML: from the cache when nothing they show changed since they were rendered."""
    if seeker is None:
        return _render(request, seeker)
    entry_key = f"seekers:sections:{seeker.pk}:{translation.get_language()}"
    cached, stamp = versioned_get(entry_key, [_seeker_version_key(seeker.pk), SHARED_VERSION_KEY])
    today = timezone.localdate().isoformat()
    if cached is not None and cached[0] == today:
        return cached[1]
    html = _render(request, seeker)
    versioned_set(entry_key, stamp, (today, html), SECTIONS_TIMEOUT)
    return html


# "Download my data" (UU PDP right of access): what the apps above seekers hold about a person.
_personal_data: dict[str, Callable] = {}


def register_personal_data(name: str, collect: Callable):
    """`collect(user) -> JSON-serialisable data` joins the seeker's data export under `name`."""
    _personal_data[name] = collect


def collect_personal_data(user) -> dict:
    return {name: collect(user) for name, collect in sorted(_personal_data.items())}
