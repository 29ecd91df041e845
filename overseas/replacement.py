"""Re-placement of returnees at home, through the placements app (below this one): its
selectors find open vacancies, its services record proposals and placements."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from placements import selectors as placement_selectors
from placements.models import Application

from .models import JapaneseAffiliation


def _open_for_rank(rank, *, day):
    """Open vacancies a person of education `rank` (None: unknown) meets, Japanese-affiliated
    employers first, then those closing soonest."""
    vacancies = placement_selectors.open_vacancies(day=day)
    if rank is None:
        vacancies = vacancies.filter(min_education__isnull=True)
    else:
        vacancies = vacancies.filter(Q(min_education__isnull=True) | Q(min_education__rank__lte=rank))
    return (
        vacancies.annotate(
            japanese_affiliated=Exists(JapaneseAffiliation.objects.filter(employer=OuterRef("employer")))
        )
        .select_related("employer", "kecamatan")
        .defer("description", "search_text", "employer__address")
        .order_by("-japanese_affiliated", "closing_date", "id")
    )


POOL = 200


def _fits(vacancy, rank) -> bool:
    return vacancy.min_education_id is None or (rank is not None and vacancy.min_education.rank <= rank)


def matching_vacancies_for(seekers, *, limit=3, day=None) -> dict[int, list]:
    """{seeker id: up to `limit` open vacancies} for a page of returnees, in two queries: their
    applications, and the first POOL open vacancies for the best-educated of them, shared out in
    order. Only a person left short by a full pool gets a query of their own."""
    day = day or timezone.localdate()
    seekers = list(seekers)
    if not seekers:
        return {}
    applied = defaultdict(set)
    for seeker_id, vacancy_id in Application.objects.filter(seeker__in=seekers).values_list("seeker", "vacancy"):
        applied[seeker_id].add(vacancy_id)
    ranks = {s.pk: s.education_level.rank if s.education_level_id else None for s in seekers}
    known = [r for r in ranks.values() if r is not None]
    pool = list(_open_for_rank(max(known) if known else None, day=day).select_related("min_education")[:POOL])
    matches = {}
    for seeker in seekers:
        rank = ranks[seeker.pk]
        found = [v for v in pool if _fits(v, rank) and v.pk not in applied[seeker.pk]][:limit]
        if len(found) < limit and len(pool) == POOL:
            own = _open_for_rank(rank, day=day)[: limit + len(applied[seeker.pk])]
            found = [v for v in own if v.pk not in applied[seeker.pk]][:limit]
        matches[seeker.pk] = found
    return matches


def matching_vacancies(seeker, *, limit=3, day=None):
    """Open vacancies a returnee could take, Japanese-affiliated employers first, not the ones
    already applied or proposed for."""
    return matching_vacancies_for([seeker], limit=limit, day=day)[seeker.pk]


def placements_to_link(seeker, *, since):
    """The returnee's placements that started on or after the return (to link one)."""
    return placement_selectors.placements_for_seeker(seeker).filter(start_date__gte=since)
