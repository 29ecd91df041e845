"""Reads of placement data, for the views, the admin, exports, tasks and the apps above
(overseas proposes vacancies to returnees; the dashboard reads the aggregates at the bottom,
which return plain values)."""

import hashlib
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils import timezone

from core.caching import cache_delete_many, cache_get_many, cache_set, current_version
from seekers.models import AK1Card, JobSeeker
from trainings.models import Enrolment, Provider

from .models import Application, Employer, FollowUp, MinimumWage, Placement, Vacancy

SORTS = {"closing": ("closing_date", "id"), "newest": ("-published_at", "-id")}
VACANCY_LIST_VERSION_KEY = "placements:vacancy-list-version:v1"
VACANCY_LIST_SECONDS = 60
VACANCY_LIST_MAX_PAGE = 20


def vacancy_list_key(filters: dict, page, language: str, day) -> str | None:
    """The cache key of the public list's content (filters, count, cards, pagination) for one
    combination of filters, page, language and day, or None when it should not be cached (deep
    pages, long searches). Searches are cached too: they are what seekers use most, and an entry
    is ~15 KB kept for a minute. A vacancy or employer saved anywhere starts a new version."""
    q = " ".join(str(filters.get("q") or "").lower().split()[:8])
    if len(q) > 60 or not str(page).isdigit() or not 1 <= int(page) <= VACANCY_LIST_MAX_PAGE:
        return None
    version = current_version(VACANCY_LIST_VERSION_KEY)
    parts = [filters.get(name) or "" for name in ("kecamatan", "sector", "education", "occupation", "wage", "sort")]
    digest = hashlib.sha256(q.encode()).hexdigest()[:16] if q else ""
    return f"placements:vacancies:{version}:{language}:{day:%Y%m%d}:{digest}:" + ":".join(map(str, [*parts, page]))


def forget_public_pages():
    cache_delete_many(
        [VACANCY_LIST_VERSION_KEY]
        + [f"placements:{what}:{language}" for what in ("register", "filter-choices") for language in ("id", "en")]
    )


def forget_vacancy_lists(**kwargs):
    """Signal receiver: cached list pages, vacancy pages (their entries carry the version they
    were made under) and the register are read afresh; old entries expire by themselves. Once
    now and once more when the change commits: a page read from the database between the two
    (the change not visible yet) would otherwise stay cached under the new version."""
    forget_public_pages()
    transaction.on_commit(forget_public_pages)


VACANCY_PAGE_SECONDS = 5 * 60  # ~3 KB an entry: a crawler reading all 20,000 pages keeps ~60 MB at most


def vacancy_page_key(pk, language: str, day) -> str:
    """The cached public part of `/lowongan/<pk>/` (title, JSON-LD, details; whether it is open
    depends on the day)."""
    return f"placements:vacancy-page:{int(pk)}:{language}:{day:%Y%m%d}"


def cached_vacancy_page(pk, language: str, day):
    """(the cached parts of a public vacancy page or None, the current version): one round trip
    to the cache for both. An entry counts only under the version it was made with, which any
    saved vacancy, employer or reference row replaces (`forget_vacancy_lists`)."""
    found = cache_get_many([VACANCY_LIST_VERSION_KEY, vacancy_page_key(pk, language, day)])
    version = found.get(VACANCY_LIST_VERSION_KEY)
    entry = found.get(vacancy_page_key(pk, language, day))
    if version is None:
        version = current_version(VACANCY_LIST_VERSION_KEY)
    elif entry is not None and entry.get("version") == version:
        return entry, version
    return None, version


def cache_vacancy_page(pk, language: str, day, entry: dict, version):
    """Keeps `entry` under the version read *before* the vacancy was: a change saved in between
    replaced that version, so the entry is never served."""
    cache_set(vacancy_page_key(pk, language, day), {**entry, "version": version}, VACANCY_PAGE_SECONDS)


def open_vacancies(*, day=None):
    day = day or timezone.localdate()
    return Vacancy.objects.published().filter(closing_date__gte=day)


def _full_text(vacancies, q):
    """Full-text search: on PostgreSQL the stored tsvector and its GIN index (migration 0004);
    elsewhere every word must appear (LIKE)."""
    words = q.split()[:8]
    if not words:
        return vacancies
    if connection.vendor == "postgresql":
        matches = RawSQL(
            "placements_vacancy.search_vector @@ plainto_tsquery('simple'::regconfig, %s)",
            [" ".join(words)],
            output_field=BooleanField(),
        )
        return vacancies.alias(fts=matches).filter(fts=True)
    for word in words:
        vacancies = vacancies.filter(search_text__icontains=word)
    return vacancies


def vacancy_list(*, q="", kecamatan=None, sector=None, education_rank=None, occupation=None, wage=None, sort="closing"):
    """Open, published vacancies for the public list; one query per page whatever the filters
    (ids, not objects: the view checks them against cached choices)."""
    vacancies = open_vacancies().select_related("employer", "kecamatan", "occupation", "min_education")
    vacancies = vacancies.defer("description", "search_text", "employer__address")
    vacancies = _full_text(vacancies, q)
    if kecamatan is not None:
        vacancies = vacancies.filter(kecamatan_id=kecamatan)
    if sector is not None:
        vacancies = vacancies.filter(employer__sector_id=sector)
    if education_rank is not None:
        # "What can I apply for with this education": no minimum, or one at most this level.
        vacancies = vacancies.filter(Q(min_education__isnull=True) | Q(min_education__rank__lte=education_rank))
    if occupation is not None:
        vacancies = vacancies.filter(occupation_id=occupation)
    if wage:
        vacancies = vacancies.filter(wage_max__gte=wage)
    return vacancies.order_by(*SORTS.get(sort, SORTS["closing"]))


def vacancy_for_page(pk):
    """A public vacancy (published, or closed/filled/expired: links keep working) or None."""
    return (
        Vacancy.objects.filter(
            pk=pk,
            status__in=[Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED, Vacancy.Status.FILLED, Vacancy.Status.EXPIRED],
        )
        .select_related("employer__sector", "employer__kecamatan", "kecamatan", "occupation", "min_education")
        .first()
    )


def vacancies_matching(seeker, *, limit=5, day=None):
    """Open vacancies a seeker could apply for: their education is enough, not applied yet;
    those in their own kecamatan and those asking for their skills first, soonest closing.
    One query. Used by the seeker dashboard and by overseas (returnees)."""
    if seeker is None:
        return []
    vacancies = open_vacancies(day=day).exclude(
        Exists(Application.objects.filter(vacancy=OuterRef("pk"), seeker=seeker))
    )
    if seeker.education_level_id:
        vacancies = vacancies.filter(
            Q(min_education__isnull=True) | Q(min_education__rank__lte=seeker.education_level.rank)
        )
    else:
        vacancies = vacancies.filter(min_education__isnull=True)
    if seeker.domicile_kecamatan_id:
        vacancies = vacancies.alias(
            near=RawSQL(
                "placements_vacancy.kecamatan_id = %s", [seeker.domicile_kecamatan_id], output_field=BooleanField()
            )
        ).order_by("-near", "closing_date", "id")
    else:
        vacancies = vacancies.order_by("closing_date", "id")
    return list(vacancies.select_related("employer", "kecamatan").defer("description", "search_text")[:limit])


def seekers_matching(vacancy):
    """Seekers Disnaker could propose for a vacancy: education enough, not applied yet, looking
    for work (an active AK/1 card); residents first, then those with the skills asked for."""
    seekers = JobSeeker.objects.filter(
        Exists(AK1Card.objects.filter(seeker=OuterRef("pk"), status=AK1Card.Status.ACTIVE))
    ).exclude(Exists(Application.objects.filter(vacancy=vacancy, seeker=OuterRef("pk"))))
    if vacancy.min_education_id:
        seekers = seekers.filter(education_level__rank__gte=vacancy.min_education.rank)
    wanted = vacancy.skill_list
    if wanted:
        seekers = seekers.annotate(matched=Count("skills", filter=Q(skills__name__in=wanted)))
    else:
        seekers = seekers.annotate(matched=Value(0))
    local = ExpressionWrapper(Q(domicile_kecamatan__isnull=False), output_field=BooleanField())
    return (
        seekers.annotate(local=local)
        .select_related("education_level", "domicile_kecamatan")
        .order_by("-local", "-matched", "pk")
    )


def applications_for_seeker(seeker):
    if seeker is None:
        return Application.objects.none()
    return (
        Application.objects.filter(seeker=seeker)
        .select_related("vacancy__employer", "vacancy__kecamatan")
        .defer("vacancy__description", "vacancy__search_text")
        .order_by("-applied_at", "-pk")
    )


def ranked_applicants(vacancy):
    """A vacancy's applicants, best fit first (local residents first among equals, since the
    score counts residence), then in order of application. Served by pl_app_ranked_idx."""
    return (
        Application.objects.filter(vacancy=vacancy)
        .select_related("seeker__education_level", "seeker__domicile_kecamatan")
        .only(
            "pk", "status", "applied_at", "fit_score", "meets_education", "skills_matched", "has_certificate",
            "is_local", "has_active_card", "vacancy_id", "proposed_by_id", "cover_note",
            "seeker__full_name", "seeker__nik", "seeker__phone", "seeker__education_level__name",
            "seeker__domicile_kecamatan__name", "seeker__domicile_outside", "seeker__user_id",
        )
        .order_by("-fit_score", "applied_at", "id")
    )  # fmt: skip


def applicant_count_sql():
    """A vacancy's applicant count as a correlated subquery (an index-only scan of
    pl_app_ranked_idx), written out: the ORM's Subquery/Count costs the page more CPU to compile
    than the count costs PostgreSQL (0.7 ms against 0.4 ms for 5,000 applicants)."""
    return RawSQL(
        "SELECT COUNT(*) FROM placements_application a WHERE a.vacancy_id = placements_vacancy.id",
        (),
        output_field=IntegerField(),
    )


RANKED_ROW_FIELDS = (
    "pk", "status", "fit_score", "meets_education", "skills_matched", "has_certificate", "is_local",
    "has_active_card", "proposed_by_id", "seeker__full_name", "seeker__nik", "seeker__education_level__name",
    "seeker__domicile_kecamatan_id", "seeker__domicile_kecamatan__name", "seeker__domicile_outside",
)  # fmt: skip


def ranked_applicant_rows(vacancy):
    """The ranked list's page rows as plain values (what the employer's list shows, nothing
    more), in the order of `ranked_applicants`."""
    return (
        Application.objects.filter(vacancy=vacancy)
        .order_by("-fit_score", "applied_at", "id")
        .values(*RANKED_ROW_FIELDS)
    )


def employer_for_user(user):
    """The verified employer an employer-staff account works for, or None."""
    if not user.is_authenticated:
        return None
    return (
        Employer.objects.filter(staff__user=user, staff__status="verified")
        .select_related("sector", "kecamatan")
        .first()
    )


def placements_for_seeker(seeker):
    if seeker is None:
        return Placement.objects.none()
    return Placement.objects.filter(seeker=seeker).select_related("employer").order_by("-start_date", "-pk")


# --- Performance ---------------------------------------------------------------------------------


@dataclass
class ShareRow:
    year: int
    hires: int
    local: int
    min_share: float
    commitment: object = None

    @property
    def non_local(self) -> int:
        return self.hires - self.local

    @property
    def share(self):
        """None when there were no hires: no share to compare, nothing to flag."""
        return None if not self.hires else self.local / self.hires

    @property
    def flagged(self) -> bool:
        return self.share is not None and self.share < self.min_share


def local_share_by_year(employer) -> list[ShareRow]:
    """Per year: verified hires, how many lived in Kabupaten Bekasi when they started, the share
    against LOCAL_WORKER_MIN_SHARE. One query for the figures, one for the commitments."""
    rows = (
        Placement.objects.verified()
        .filter(employer=employer)
        .annotate(year=ExtractYear("start_date"))
        .order_by()
        .values("year")
        .annotate(hires=Count("pk"), local=Count("pk", filter=Q(is_local=True)))
        .order_by("-year")
    )
    commitments = {c.year: c for c in employer.commitments.all()}
    min_share = settings.LOCAL_WORKER_MIN_SHARE
    result = [ShareRow(r["year"], r["hires"], r["local"], min_share, commitments.get(r["year"])) for r in rows]
    return result


def local_share(employer, year) -> ShareRow:
    for row in local_share_by_year(employer):
        if row.year == year:
            return row
    return ShareRow(year, 0, 0, settings.LOCAL_WORKER_MIN_SHARE)


@dataclass
class InstitutionFigures:
    provider: Provider
    graduates: int = 0
    placed_within_6_months: int = 0
    days_to_placement: list = field(default_factory=list)
    wages: list = field(default_factory=list)
    umk: Decimal | None = None
    asked_6_months: int = 0
    still_employed_6_months: int = 0

    @property
    def placement_rate(self):
        return None if not self.graduates else self.placed_within_6_months / self.graduates

    @property
    def median_days(self):
        return statistics.median(self.days_to_placement) if self.days_to_placement else None

    @property
    def median_wage(self):
        return statistics.median(self.wages) if self.wages else None

    @property
    def median_wage_to_umk(self):
        if self.median_wage is None or not self.umk:
            return None
        return float(self.median_wage) / float(self.umk)

    @property
    def retention_6_months(self):
        return None if not self.asked_6_months else self.still_employed_6_months / self.asked_6_months


def institution_figures(providers, *, year=None) -> dict[int, InstitutionFigures]:
    """Per institution: graduates (completed enrolments, in `year` if given), those placed within
    6 months of completing (a verified placement linked to the enrolment), median days to
    placement, median wage against the UMK, still employed at 6 months (answered follow-ups).
    Three queries whatever the number of institutions."""
    providers = list(providers)
    figures = {p.pk: InstitutionFigures(provider=p) for p in providers}
    graduates = Enrolment.objects.filter(status=Enrolment.Status.COMPLETED, batch__program__provider__in=figures)
    if year:
        graduates = graduates.filter(completed_at__year=year)
    for row in graduates.order_by().values("batch__program__provider").annotate(n=Count("pk")):
        figures[row["batch__program__provider"]].graduates = row["n"]
    placements = Placement.objects.verified().filter(provider__in=figures, enrolment__status=Enrolment.Status.COMPLETED)
    if year:
        placements = placements.filter(enrolment__completed_at__year=year)
    umk = {m.year: m.amount for m in MinimumWage.objects.all()}
    seen = set()
    for p in placements.values("provider_id", "enrolment_id", "enrolment__completed_at", "start_date", "wage").order_by(
        "start_date"
    ):
        if p["enrolment_id"] in seen:
            continue  # one person placed twice counts once, at the first job
        seen.add(p["enrolment_id"])
        completed = timezone.localtime(p["enrolment__completed_at"]).date() if p["enrolment__completed_at"] else None
        if completed is None or p["start_date"] > completed + relativedelta(months=6):
            continue
        f = figures[p["provider_id"]]
        f.placed_within_6_months += 1
        f.days_to_placement.append(max((p["start_date"] - completed).days, 0))
        if p["wage"] is not None:
            f.wages.append(p["wage"])
    current = umk.get(year or timezone.localdate().year) or (umk[max(umk)] if umk else None)
    for f in figures.values():
        f.umk = current
    follow_ups = (
        FollowUp.objects.filter(months=6, answered_at__isnull=False, placement__provider__in=figures)
        .filter(placement__status__in=Placement.COUNTED_STATUSES)
        .order_by()
        .values("placement__provider")
        .annotate(asked=Count("pk"), yes=Count("pk", filter=Q(still_employed=True)))
    )
    if year:
        follow_ups = follow_ups.filter(placement__enrolment__completed_at__year=year)
    for row in follow_ups:
        f = figures[row["placement__provider"]]
        f.asked_6_months, f.still_employed_6_months = row["asked"], row["yes"]
    return figures


# --- Aggregates for the dashboard (plain values) -------------------------------------------------


def placement_counts_by_year_and_kecamatan() -> list[dict]:
    """Verified placements per start year and workplace kecamatan (the employer's; None when the
    employer is not registered here), local and non-local. One query."""
    rows = (
        Placement.objects.verified()
        .annotate(year=ExtractYear("start_date"))
        .order_by()
        .values("year", "employer__kecamatan__code", "employer__kecamatan__name")
        .annotate(local=Count("pk", filter=Q(is_local=True)), non_local=Count("pk", filter=Q(is_local=False)))
        .order_by("year", "employer__kecamatan__code")
    )
    return [
        {
            "year": r["year"],
            "kecamatan_code": r["employer__kecamatan__code"],
            "kecamatan": r["employer__kecamatan__name"],
            "local": r["local"],
            "non_local": r["non_local"],
        }
        for r in rows
    ]


def local_share_per_employer(*, year) -> list[dict]:
    """Per employer with verified hires starting in `year`: hires, local, share, flagged. One query."""
    min_share = settings.LOCAL_WORKER_MIN_SHARE
    rows = (
        Placement.objects.verified()
        .filter(start_date__year=year, employer__isnull=False)
        .order_by()
        .values("employer_id", "employer__name")
        .annotate(hires=Count("pk"), local=Count("pk", filter=Q(is_local=True)))
        .order_by("employer__name")
    )
    return [
        {
            "employer_id": r["employer_id"],
            "employer": r["employer__name"],
            "hires": r["hires"],
            "local": r["local"],
            "share": r["local"] / r["hires"],
            "flagged": r["local"] / r["hires"] < min_share,
        }
        for r in rows
    ]


def institution_placement_rates(*, year=None) -> list[dict]:
    """Per institution with graduates: graduates, placed within 6 months, rate (0..1)."""
    figures = institution_figures(Provider.objects.all(), year=year)
    return [
        {
            "provider_id": f.provider.pk,
            "provider": str(f.provider),
            "graduates": f.graduates,
            "placed": f.placed_within_6_months,
            "rate": f.placement_rate,
        }
        for f in sorted(figures.values(), key=lambda f: str(f.provider))
        if f.graduates
    ]


def placements_by_channel(*, year) -> dict[str, int]:
    rows = (
        Placement.objects.verified().filter(start_date__year=year).order_by().values("channel").annotate(n=Count("pk"))
    )
    result = defaultdict(int)
    for r in rows:
        result[r["channel"]] = r["n"]
    return dict(result)


def placements_for_statistics():
    """Every placement, for the TKP3D dashboard's aggregates (rows to count, never to list):
    dated by `start_date`; `status` in `Placement.COUNTED_STATUSES` once verified; `is_local` as
    it was at the start; the person through `seeker__`."""
    return Placement.objects.order_by()
