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


def registered(name) -> bool:
    return name in _sections
