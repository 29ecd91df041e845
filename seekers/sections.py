"""Sections of the seeker dashboard contributed by the apps above seekers (trainings, later
financing and placements). They register here from their AppConfig.ready(), so seekers never
imports them: dependencies keep pointing one way."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    context: Callable  # (seeker) -> dict
    order: int = 100


_sections: dict[str, Section] = {}


def register(section: Section):
    _sections[section.name] = section


def render_sections(request, seeker) -> list[str]:
    return [
        render_to_string(section.template, section.context(seeker), request=request)
        for section in sorted(_sections.values(), key=lambda s: s.order)
    ]


# "Download my data" (UU PDP right of access): what the apps above seekers hold about a person.
_personal_data: dict[str, Callable] = {}


def register_personal_data(name: str, collect: Callable):
    """`collect(user) -> JSON-serialisable data` joins the seeker's data export under `name`."""
    _personal_data[name] = collect


def collect_personal_data(user) -> dict:
    return {name: collect(user) for name, collect in sorted(_personal_data.items())}
