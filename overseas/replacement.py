"""Re-placement of returnees at home, through the placements app (below this one): its
selectors find open vacancies, its services record proposals and placements."""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.caching import versioned_value
from placements import selectors as placement_selectors
from placements.models import Application, Vacancy

from .models import JapaneseAffiliation


def _open_for_rank(rank, *, day):
    """Open vacancies a person of education `rank` (None: unknown) meets."""
    vacancies = placement_selectors.open_vacancies(day=day)
    if rank is None:
        return vacancies.filter(min_education__isnull=True)
    return vacancies.filter(Q(min_education__isnull=True) | Q(min_education__rank__lte=rank))


POOL = 200
# What a proposal shows and the sharing-out reads: plain values, not Vacancy objects (building 200
# vacancies with their employer, kecamatan and education level cost ~15 ms a page).
FIELDS = ("pk", "title", "closing_date", "min_education_id", "min_education__rank", "employer__name", "kecamatan__name")


class Proposal(SimpleNamespace):
    """An open vacancy proposed to a returnee, with what the lists show (`employer.name`,
    `kecamatan.name`, `japanese_affiliated`)."""


def _pool(rank, *, day, size):
    """The first `size` open vacancies a person of education `rank` meets, Japanese-affiliated
    employers first, then those closing soonest, as `(japanese_affiliated, FIELDS values)`. Two
    short index scans on the published vacancies' (closing_date, id) index, one for each kind of
    employer: ordering every open vacancy by "affiliated" first sorted all 12,000 of them (46 ms at
    200,000 seekers)."""
    vacancies = _open_for_rank(rank, day=day).order_by("closing_date", "id")
    affiliated = Exists(JapaneseAffiliation.objects.filter(employer=OuterRef("employer")))
    rows = [(True, row) for row in vacancies.filter(affiliated).values_list(*FIELDS)[:size]]
    if len(rows) < size:
        rows += [(False, row) for row in vacancies.filter(~affiliated).values_list(*FIELDS)[: size - len(rows)]]
    return rows


# The shared pool of a page (POOL rows, two queries of 3-4 ms at 200,000 seekers) is the same for
# every staff member on a day: kept for a minute under the versions of what it is made of, the
# public vacancy lists' (any vacancy, employer or reference row saved or deleted:
# placements.selectors.forget_vacancy_lists) and the Japanese affiliations'.
POOL_SECONDS = 60
AFFILIATIONS_VERSION_KEY = "overseas:affiliations-version:v1"


def _shared_pool(rank, *, day):
    return versioned_value(
        f"overseas:replacement-pool:v2:{rank}:{day:%Y%m%d}",
        [placement_selectors.VACANCY_LIST_VERSION_KEY, AFFILIATIONS_VERSION_KEY],  # the latter: apps.py
        lambda: _pool(rank, day=day, size=POOL),
        POOL_SECONDS,
    )


def _proposal(japanese, row) -> Proposal:
    pk, title, closing, education, education_rank, employer, kecamatan = row
    return Proposal(
        pk=pk,
        title=title,
        closing_date=closing,
        min_education_id=education,
        min_education_rank=education_rank,
        employer=SimpleNamespace(name=employer),
        kecamatan=SimpleNamespace(name=kecamatan),
        japanese_affiliated=japanese,
    )


def _fits(row, rank) -> bool:
    """Whether a pool row (FIELDS values) asks for no more education than `rank`."""
    return row[3] is None or (rank is not None and row[4] <= rank)


def _first(pool, *, rank, applied, limit) -> list[Proposal]:
    """The first `limit` pool rows that fit `rank` and were not applied for, as Proposals (only
    those are built: the pool holds up to POOL rows)."""
    found = []
    for japanese, row in pool:
        if _fits(row, rank) and row[0] not in applied:
            found.append(_proposal(japanese, row))
            if len(found) == limit:
                break
    return found


def matching_vacancies_for(seekers, *, limit=3, day=None) -> dict[int, list[Proposal]]:
    """{seeker id: up to `limit` open vacancies (`Proposal`s)} for a page of returnees, in three
    queries: their applications, and the first POOL open vacancies for the best-educated of them
    (two index scans; from the shared cache when they did not change, `_shared_pool`), shared out
    in order. Only a person left short by a full pool gets queries of
    their own."""
    day = day or timezone.localdate()
    seekers = list(seekers)
    if not seekers:
        return {}
    applied = defaultdict(set)
    for seeker_id, vacancy_id in Application.objects.filter(seeker__in=seekers).values_list("seeker", "vacancy"):
        applied[seeker_id].add(vacancy_id)
    ranks = {s.pk: s.education_level.rank if s.education_level_id else None for s in seekers}
    known = [r for r in ranks.values() if r is not None]
    pool = _shared_pool(max(known) if known else None, day=day)
    matches = {}
    for seeker in seekers:
        rank = ranks[seeker.pk]
        found = _first(pool, rank=rank, applied=applied[seeker.pk], limit=limit)
        if len(found) < limit and len(pool) == POOL:
            own = _pool(rank, day=day, size=limit + len(applied[seeker.pk]))
            found = _first(own, rank=rank, applied=applied[seeker.pk], limit=limit)
        matches[seeker.pk] = found
    return matches


def matching_vacancies(seeker, *, limit=3, day=None):
    """Open vacancies a returnee could take (Vacancy objects with employer and kecamatan, marked
    `japanese_affiliated`), Japanese-affiliated employers first, not the ones already applied or
    proposed for."""
    proposals = matching_vacancies_for([seeker], limit=limit, day=day)[seeker.pk]
    vacancies = Vacancy.objects.select_related("employer", "kecamatan").in_bulk([p.pk for p in proposals])
    found = []
    for proposal in proposals:
        if proposal.pk in vacancies:
            vacancy = vacancies[proposal.pk]
            vacancy.japanese_affiliated = proposal.japanese_affiliated
            found.append(vacancy)
    return found


def placements_to_link(seeker, *, since):
    """The returnee's placements that started on or after the return (to link one)."""
    return placement_selectors.placements_for_seeker(seeker).filter(start_date__gte=since)
