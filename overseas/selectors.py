"""Reads of internship data, for the views, the admin, exports, reminders and other apps.

The aggregate functions at the bottom return plain values (ints, dicts, lists) for the dashboard
and financing apps, so that they never depend on this app's models.
"""

from collections import defaultdict
from datetime import date
from types import SimpleNamespace

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Min, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.caching import (
    bump_versions,
    cache_get,
    cache_set,
    current_version,
    versioned_value,
)
from core.models import Kecamatan

from .models import (
    Candidacy,
    CandidateDocument,
    Deployment,
    Intake,
    IntakeStage,
    ReturnRecord,
    StageResult,
)

S = Candidacy.Status


def has_active_candidacy(seeker) -> bool:
    """Whether the seeker has a candidacy in progress (registered, in selection, passed, abroad)."""
    return seeker is not None and Candidacy.objects.filter(seeker=seeker).active().exists()


def active_candidacy(seeker):
    """The seeker's candidacy in progress, or None (for a departure-cost loan, say)."""
    if seeker is None:
        return None
    return Candidacy.objects.filter(seeker=seeker).active().select_related("intake__scheme").first()


def current_candidacy(seeker):
    """The seeker's latest candidacy with intake, next stage and deployment, for the dashboard
    card: one query (none of the prefetches of `candidacies_for_seeker`)."""
    if seeker is None:
        return None
    return (
        Candidacy.objects.filter(seeker=seeker)
        .select_related("intake", "next_stage", "deployment")
        .order_by("-applied_at", "-pk")
        .first()
    )


# --- The public pages' cache ------------------------------------------------------------------
#
# The list of intakes and an intake's public description are the same for everyone and change a
# few times a year (and when a place is taken or given back): they are kept rendered in the shared
# cache under a version key that every change forgets (`forget_public_pages`, connected to the
# models' post_save/post_delete in apps.py and called by the services that move the place count).
# A cache outage costs the queries and the rendering, never the page (core/caching.py).

PUBLIC_VERSION_KEY = "overseas:public-version:v1"
PUBLIC_SECONDS = 600


def public_key(name, *parts) -> str:
    """The cache key of a public fragment: the current version, language and day (Asia/Jakarta)."""
    version = current_version(PUBLIC_VERSION_KEY)
    tail = ":".join(str(p) for p in parts)
    return f"overseas:{name}:{version}:{get_language()}:{timezone.localdate():%Y%m%d}:{tail}"


def forget_public_pages(**kwargs):
    """Signal receiver (and helper): the public fragments are rendered afresh. At once, and again
    when the transaction commits (a page rendered meanwhile from the old rows cannot stay)."""
    bump_versions([PUBLIC_VERSION_KEY])


# --- The staff candidate list's filter choices -------------------------------------------------
#
# The intake and kecamatan options of the candidate list's filter change a few times a year: kept in
# the shared cache per scope (every intake, or one sending organisation's) under a version key that
# a change of an intake or a kecamatan forgets (apps.py). Names are not translated: one entry serves
# every language. A cache outage costs the two queries, never the page.

CHOICES_VERSION_KEY = "overseas:candidate-choices-version:v1"
CHOICES_SECONDS = 3600


def _intake_scope(user) -> str:
    """Which intakes `Intake.objects.for_user(user)` gives, as a cache-key part (same rule)."""
    if user.has_perm(Intake.objects.none().view_permission):
        return "all"
    staff = getattr(user, "sending_organisation_staff", None)
    if staff is not None and user.has_perm("overseas.access_sending_org_pages"):
        return f"org{staff.organisation_id}"
    return "none"


def candidate_filter_choices(user) -> dict[str, list[tuple[int, str]]]:
    """`{"intake": [(pk, name)], "kecamatan": [(pk, name)]}`: the intakes `user` may see, newest
    year first, and every kecamatan. From the shared cache, else two queries (and cached)."""
    version = current_version(CHOICES_VERSION_KEY)
    key = f"overseas:candidate-choices:{version}:{_intake_scope(user)}"
    choices = cache_get(key)
    if choices is None:
        intakes = Intake.objects.for_user(user).order_by("-year", "name", "pk")
        choices = {
            "intake": list(intakes.values_list("pk", "name")),
            "kecamatan": list(Kecamatan.objects.order_by("name", "pk").values_list("pk", "name")),
        }
        cache_set(key, choices, CHOICES_SECONDS)
    return choices


def open_intakes(day=None):
    """Published intakes open for registration on `day` (Asia/Jakarta), closing soonest first."""
    day = day or timezone.localdate()
    return (
        Intake.objects.open_on(day)
        .select_related("scheme", "organisation", "min_education")
        .order_by("registration_closes", "pk")
    )


def upcoming_intakes(day=None):
    day = day or timezone.localdate()
    return (
        Intake.objects.published()
        .filter(registration_opens__gt=day)
        .select_related("scheme", "organisation")
        .order_by("registration_opens", "pk")
    )


def candidacies_for_seeker(seeker):
    """A seeker's candidacies, newest first, with intake, scheme, organisation, next stage,
    deployment and return (one query); results and documents are prefetched."""
    if seeker is None:
        return Candidacy.objects.none()
    return (
        Candidacy.objects.filter(seeker=seeker)
        .select_related("intake__scheme", "intake__organisation", "next_stage", "deployment", "return_record")
        .prefetch_related(
            Prefetch("results", queryset=StageResult.objects.select_related("stage")), "documents", "intake__stages"
        )
        .order_by("-applied_at", "-pk")
    )


def document_warnings(candidacy, *, today=None) -> list[tuple[CandidateDocument, str]]:
    """(document, problem) for the documents that stop a departure: expired, or expiring before
    the departure date (or the intake's planned departure until one is set)."""
    today = today or timezone.localdate()
    deployment = getattr(candidacy, "deployment", None)
    departure = deployment.departure_date if deployment else candidacy.intake.planned_departure
    warnings = []
    for document in candidacy.documents.all():
        if document.expires_on is None:
            continue
        if document.expires_on < today:
            warnings.append((document, _("expired")))
        elif departure is not None and document.expires_on < departure and (deployment is None or today <= departure):
            warnings.append((document, _("expires before the departure")))
    return warnings


# --- Staff pages ------------------------------------------------------------------------------


def pipeline(intake, *, waiting=None, results=None) -> list[dict]:
    """Per stage of `intake`: candidates waiting for it, passed it, failed it. Two queries,
    whatever the number of stages or candidates: the counts are computed in the database
    (`waiting`, {stage id: candidates in selection waiting for it}, and `results`, {stage id:
    (passed, failed)}, when the caller has them)."""
    stages = list(intake.stages.order_by("position"))
    if waiting is None:
        waiting = dict(
            Candidacy.objects.filter(intake=intake, status__in=Candidacy.SELECTION_STATUSES, next_stage__isnull=False)
            .order_by()
            .values_list("next_stage")
            .annotate(n=Count("pk"))
        )
    if results is None:
        results = _stage_results(intake)
    return [
        {
            "stage": stage,
            "waiting": waiting.get(stage.pk, 0),
            "passed": results.get(stage.pk, (0, 0))[0],
            "failed": results.get(stage.pk, (0, 0))[1],
        }
        for stage in stages
    ]


def _stage_results(intake) -> dict[int, tuple[int, int]]:
    rows = (
        StageResult.objects.filter(stage__intake=intake)
        .order_by()
        .values_list("stage")
        .annotate(
            passed=Count("pk", filter=Q(result=StageResult.Result.PASSED)),
            failed=Count("pk", filter=Q(result=StageResult.Result.FAILED)),
        )
    )
    return {stage_id: (passed, failed) for stage_id, passed, failed in rows}


INTAKE_COUNTS_SECONDS = 60


def _intake_counts_key(intake_id):
    return f"overseas:intake-counts:v3:{intake_id}"


def intake_counts(intake) -> dict:
    """The counts behind the intake page: candidacies per (status, next stage) and stage results
    per stage. From the shared cache, else two aggregates over the intake's candidacies (5 ms of
    PostgreSQL for 4,000 candidates) and cached for a minute; forgotten when a candidacy or a stage
    result of the intake is saved or deleted (forget_intake_counts: a versioned entry, core.caching,
    so counts read before a change commits are never kept)."""
    key = _intake_counts_key(intake.pk)

    def count():
        rows = Candidacy.objects.filter(intake=intake).order_by().values_list("status", "next_stage")
        return {"candidacies": [tuple(row) for row in rows.annotate(n=Count("pk"))], "results": _stage_results(intake)}

    return versioned_value(key, [key + ":v"], count, INTAKE_COUNTS_SECONDS)


def forget_intake_counts(sender, instance, **kwargs):
    """Signal receiver (post_save, post_delete of Candidacy, StageResult and Intake): the intake's
    counts are read afresh, at once and again when the transaction commits (a page read in between
    must not keep the old counts)."""
    if isinstance(instance, Intake):
        intake_id = instance.pk
    elif isinstance(instance, StageResult):
        cached = instance._state.fields_cache
        if "stage" in cached:
            intake_id = cached["stage"].intake_id
        elif "candidacy" in cached:
            intake_id = cached["candidacy"].intake_id
        else:
            intake_id = IntakeStage.objects.filter(pk=instance.stage_id).values_list("intake_id", flat=True).first()
    else:
        intake_id = instance.intake_id
    bump_versions([_intake_counts_key(intake_id) + ":v"])


def intake_overview(intake) -> tuple[list[dict], dict[str, int]]:
    """The pipeline of `intake` (as `pipeline`) and its candidates per status (as `status_counts`),
    in one query (the stages) when the counts are cached (intake_counts), else three: the
    candidacies are counted once per (status, next stage) for both."""
    counts = intake_counts(intake)
    by_status, waiting = defaultdict(int), defaultdict(int)
    for status, stage_id, n in counts["candidacies"]:
        by_status[status] += n
        if stage_id is not None and status in Candidacy.SELECTION_STATUSES:
            waiting[stage_id] += n
    overview = pipeline(intake, waiting=waiting, results=counts["results"])
    return overview, {status: by_status[status] for status in S.values}


def status_counts(candidacies) -> dict[str, int]:
    """{status: count} over a queryset of candidacies, in one query."""
    counts = dict(candidacies.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in S.values}


def candidates(candidacies):
    """Candidacies ready for a staff list or export: person, education, domicile, intake, stage."""
    return candidacies.select_related(
        "seeker__education_level", "seeker__domicile_kecamatan", "intake__organisation", "next_stage"
    )


CANDIDATE_ROW_FIELDS = {
    "pk": "pk",
    "name": "seeker__full_name",
    "intake": "intake__name",
    "status": "status",
    "next_stage": "next_stage__name",
    "kecamatan": "seeker__domicile_kecamatan__name",
    "domicile_outside": "seeker__domicile_outside",
}


def candidate_rows(candidacies) -> list[SimpleNamespace]:
    """What a row of the staff candidate list shows, as plain values (`pk`, `name`, `intake`,
    `status`, `next_stage`, `kecamatan`, `domicile_outside`): one query, no model objects (building
    25 candidacies with their seeker, education, kecamatan, intake, organisation and stage was
    most of the page's time)."""
    names = tuple(CANDIDATE_ROW_FIELDS)
    rows = candidacies.values_list(*CANDIDATE_ROW_FIELDS.values())
    return [SimpleNamespace(**dict(zip(names, row, strict=True))) for row in rows]


def deployments_by_place(deployments) -> list[dict]:
    """People abroad per prefecture and host company, most first (one query)."""
    return list(
        deployments.filter(status__in=Deployment.ABROAD_STATUSES)
        .order_by()
        .values("prefecture", "host_company")
        .annotate(people=Count("pk"))
        .order_by("-people", "prefecture", "host_company")
    )


def returnees(candidacies):
    """Returned people, newest return first, with what the returnee list shows. Every returned
    candidacy has its return record (services.candidacy_return writes both): joined as such and
    ordered by its columns, a page is read in the order of `overseas_return_list_idx` and stops
    after its rows (0.1 ms) instead of sorting every returnee (1.1 ms at 2,000)."""
    return returnee_rows(candidacies.filter(status=S.RETURNED, return_record__isnull=False)).order_by(
        "-return_record__returned_on", "-return_record__candidacy_id"
    )


def returnee_rows(candidacies):
    """What a returnee row shows and the vacancy proposals read (education), and no more: the
    seekers' and intakes' other columns made the page's rows query 10 ms at 200,000 seekers."""
    return candidacies.select_related("seeker__education_level", "deployment", "return_record").only(
        "pk", "status", "seeker__full_name", "seeker__education_level__rank", "deployment__host_company",
        "deployment__prefecture", "return_record__returned_on", "return_record__early",
        "return_record__intention", "return_record__japanese_level", "return_record__skill_level",
        "return_record__placement", "return_record__replaced_on",
    )  # fmt: skip


# --- Reminders (one query each) ---------------------------------------------------------------


def stages_to_remind(today, *, days=7):
    """Candidates in selection whose next stage is scheduled within `days` days."""
    return (
        Candidacy.objects.filter(
            status__in=Candidacy.SELECTION_STATUSES,
            next_stage__scheduled_on__gte=today,
            next_stage__scheduled_on__lte=today + relativedelta(days=days),
        )
        .select_related("seeker__user__notification_preference", "intake", "next_stage")
        .order_by("pk")
    )


def documents_expiring(today, *, days=60):
    """Documents of candidates in progress that expire within `days` days."""
    return (
        CandidateDocument.objects.filter(
            candidacy__status__in=Candidacy.ACTIVE_STATUSES,
            expires_on__gte=today,
            expires_on__lte=today + relativedelta(days=days),
        )
        .select_related("candidacy__seeker__user__notification_preference", "candidacy__intake")
        .order_by("pk")
    )


def departures_soon(today, *, days=7):
    return (
        Deployment.objects.filter(
            status=Deployment.Status.ACTIVE,
            departure_date__gte=today,
            departure_date__lte=today + relativedelta(days=days),
        )
        .select_related("candidacy__seeker__user__notification_preference", "candidacy__intake")
        .order_by("pk")
    )


def contracts_ending(today, *, months=3):
    return (
        Deployment.objects.filter(
            status__in=Deployment.ABROAD_STATUSES,
            contract_end__gte=today,
            contract_end__lte=today + relativedelta(months=months),
        )
        .select_related("candidacy__seeker__user__notification_preference", "candidacy__intake")
        .order_by("pk")
    )


def returns_to_follow_up(today, *, after_days=7, window_days=30):
    """Returns recorded a week ago (up to a month back, so missed days are caught up)."""
    return (
        ReturnRecord.objects.filter(
            returned_on__lte=today - relativedelta(days=after_days),
            returned_on__gte=today - relativedelta(days=after_days + window_days),
        )
        .select_related("candidacy__seeker__user__notification_preference", "candidacy__intake")
        .order_by("pk")
    )


# --- Aggregates for the dashboard (plain values) ----------------------------------------------


def _per_year(queryset, field) -> dict[int, int]:
    return dict(
        queryset.annotate(year=ExtractYear(field))
        .order_by()
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )


def departures_per_year() -> dict[int, int]:
    """{year: people who departed that year} (one query)."""
    return _per_year(Deployment.objects.all(), "departure_date")


def returns_per_year() -> dict[int, int]:
    """{year: people who returned that year} (one query)."""
    return _per_year(ReturnRecord.objects.all(), "returned_on")


def replaced_per_year(*, within_months=6) -> dict[int, int]:
    """{year of return: returnees re-placed within `within_months` of their return} (one query).

    The month arithmetic is done per row in Python on the two dates only: calendar months differ
    between databases' interval types, and the figure needs "6 calendar months", not 180 days."""
    counts: dict[int, int] = {}
    for returned_on, replaced_on in ReturnRecord.objects.filter(replaced_on__isnull=False).values_list(
        "returned_on", "replaced_on"
    ):
        if replaced_on <= returned_on + relativedelta(months=within_months):
            counts[returned_on.year] = counts.get(returned_on.year, 0) + 1
    return dict(sorted(counts.items()))


def pipeline_by_stage(*, year: int | None = None) -> list[dict]:
    """Across intakes (of `year`): per stage name in list order, candidates waiting, passed,
    failed. Plain dicts; three queries."""
    intakes = Intake.objects.all() if year is None else Intake.objects.filter(year=year)
    order = dict(
        IntakeStage.objects.filter(intake__in=intakes).order_by().values_list("name").annotate(first=Min("position"))
    )
    waiting = dict(
        Candidacy.objects.filter(intake__in=intakes, status__in=Candidacy.SELECTION_STATUSES)
        .order_by()
        .values_list("next_stage__name")
        .annotate(n=Count("pk"))
    )
    results = {
        row["stage__name"]: row
        for row in StageResult.objects.filter(stage__intake__in=intakes)
        .order_by()
        .values("stage__name")
        .annotate(
            passed=Count("pk", filter=Q(result=StageResult.Result.PASSED)),
            failed=Count("pk", filter=Q(result=StageResult.Result.FAILED)),
        )
    }
    return [
        {
            "stage": name,
            "waiting": waiting.get(name, 0),
            "passed": results.get(name, {}).get("passed", 0),
            "failed": results.get(name, {}).get("failed", 0),
        }
        for name in sorted(order, key=lambda n: (order[n], n))
    ]


def abroad_now(day: date | None = None) -> int:
    """People abroad on `day` (one query)."""
    day = day or timezone.localdate()
    return Deployment.objects.filter(status__in=Deployment.ABROAD_STATUSES, departure_date__lte=day).count()


RETURNS_VERSION_KEY = "overseas:returns-version:v1"
RETURNS_SECONDS = 60


def all_replacement_figures(returnees) -> dict[str, int]:
    """`replacement_figures` of every returnee (`returnees`: all of them, unfiltered, for a person
    who sees them all), from the shared cache: the list's total and figures cost two queries on
    every page. Kept for a minute under a version set anew at once and on commit whenever a
    candidacy or a return record is saved or deleted (apps.py)."""
    compute = lambda: replacement_figures(returnees)  # noqa: E731
    return versioned_value("overseas:replacement-figures:v2", [RETURNS_VERSION_KEY], compute, RETURNS_SECONDS)


def replacement_figures(returnees, *, returned=None) -> dict[str, int]:
    """Of the returnees in `returnees` (a Candidacy queryset): how many (`returned`, when the
    caller has counted them already: the list's paginator), how many re-placed, and how many
    re-placed within 6 calendar months of their return. One query reading two dates of the
    re-placed people only (reading every returnee's dates cost ~1 ms a page), and a COUNT if
    `returned` is not given."""
    rows = list(
        returnees.filter(return_record__replaced_on__isnull=False)
        .order_by()
        .values_list("return_record__returned_on", "return_record__replaced_on")
    )
    within = sum(1 for back, placed in rows if placed <= back + relativedelta(months=6))
    return {
        "returned": returnees.count() if returned is None else returned,
        "replaced": len(rows),
        "within_six_months": within,
    }
