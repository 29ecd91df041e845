"""One glossary of statuses: what each status a person sees means, in plain words.

So that "diterima" (accepted) means one thing everywhere. Each app registers its statuses from
its `AppConfig.ready()` (core imports no app); `/istilah-status/` lists them all, and a status
badge can link to its entry (`#status-<group>-<value>`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    value: str
    label: str  # the status word shown on badges (the TextChoices label)
    meaning: str  # what it means for the person, and what happens next


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    terms: tuple[Term, ...]
    order: int = 100


_groups: dict[str, Group] = {}


def register(group: Group) -> None:
    _groups[group.key] = group


def groups() -> list[Group]:
    return sorted(_groups.values(), key=lambda g: (g.order, g.key))
