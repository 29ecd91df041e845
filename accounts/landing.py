"""Where each person lands after logging in.

The pages belong to apps above accounts (the seeker dashboard, the partner pages, the bank
queue, the TKP3D dashboard), so accounts cannot name them itself: each app registers its landing
page from its `AppConfig.ready()`, the way seekers.sections collects dashboard sections.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Landing:
    applies: Callable  # (user) -> bool
    url_name: str
    order: int = 100  # lower is asked first: staff before roles before the seeker default


_landings: dict[str, Landing] = {}


def register(name: str, landing: Landing):
    _landings[name] = landing


def landing_url_name(user) -> str:
    for landing in sorted(_landings.values(), key=lambda entry: entry.order):
        if landing.applies(user):
            return landing.url_name
    return "core:home"
