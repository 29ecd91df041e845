"""Reads of training data, for the views, the admin, exports, reminders and other apps."""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.caching import (
    bump_versions,
    cache_delete_many,
    cache_get,
    cache_set,
    current_version,
    versioned_get_many,
    versioned_set_many,
    versioned_value,
)
from core.formatting import choice_label
from core.models import Kecamatan
from core.pagination import IdsFirstPaginator
from seekers.nik import mask_nik

from .models import Attendance, Batch, BusinessOutcome, Enrolment, Program, Provider

# The catalogue's filter choices and its rendered result lists change when a provider, programme
# or batch does (signals in apps.py forget them); the timeouts are a backstop for changes that
# bypass signals (bulk loads, queryset updates).
CATALOGUE_CHOICES_KEY = "trainings:catalogue-choices:v1"
CATALOGUE_CHOICES_SECONDS = 60 * 60
CATALOGUE_VERSION_KEY = "trainings:catalogue-version:v1"
CATALOGUE_RESULTS_SECONDS = 60


def _open_batches(day):
    return Batch.objects.open_for_registration(day).filter(program=OuterRef("pk"))


def catalogue(*, q="", category="", provider=None, mode="", kecamatan=None, price="", open_only=False, day=None):
    """Published programmes for the public catalogue, each with `next_start` (the first day of
    its next batch open for registration, or None). One query per page, whatever the filters."""
    day = day or timezone.localdate()
    programs = (
        Program.objects.published()
        .select_related("provider", "min_education")
        .annotate(
            next_start=Subquery(_open_batches(day).order_by("start_date").values("start_date")[:1]),
            open_batches=Coalesce(
                Subquery(
                    _open_batches(day).order_by().values("program").annotate(n=Count("pk")).values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
    )
    if q:
        words = q.split()[:5]
        for word in words:
            programs = programs.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(competency_standard__icontains=word)
                | Q(provider__name__icontains=word)
                | Q(provider__short_name__icontains=word)
            )
    if category:
        programs = programs.filter(category=category)
    if provider is not None:
        programs = programs.filter(provider=provider)
    if mode:
        programs = programs.filter(mode=mode)
    if kecamatan is not None:
        # Held in that kecamatan: at the provider's own address, or a published batch out there
        # (mobile training units run in the desa).
        programs = programs.filter(
            Q(provider__kecamatan=kecamatan)
            | Exists(Batch.objects.visible().filter(program=OuterRef("pk"), kecamatan=kecamatan))
        )
    if price == "free":
        programs = programs.filter(fee=0)
    elif price == "paid":
        programs = programs.filter(fee__gt=0)
    if open_only:
        programs = programs.filter(Exists(_open_batches(day)))
    # Open programmes first, soonest first; then the rest by title.
    return programs.order_by(F("next_start").asc(nulls_last=True), "title", "pk")


def catalogue_providers():
    return Provider.objects.filter(is_active=True, programs__is_published=True).distinct().order_by("name")


def catalogue_filter_choices() -> dict[str, list[tuple[int, str]]]:
    """The catalogue filter's provider and kecamatan choices, `{"provider": [(pk, name)], ...}`:
    from the shared cache, else two queries (and cached). Names are not translated, so one entry
    serves every language. A cache outage costs the two queries, never the page."""
    choices = cache_get(CATALOGUE_CHOICES_KEY)
    if choices is None:
        choices = {
            "provider": [(p.pk, str(p)) for p in catalogue_providers().only("pk", "name", "short_name")],
            "kecamatan": list(Kecamatan.objects.order_by("name").values_list("pk", "name")),
        }
        cache_set(CATALOGUE_CHOICES_KEY, choices, CATALOGUE_CHOICES_SECONDS)
    return choices


def catalogue_results_key(filters: dict, page, language: str, day) -> str | None:
    """The cache key of a catalogue result list, or None when it should not be cached (free-text
    searches: too many different ones to be worth keeping, and each would take memory)."""
    if filters.get("q"):
        return None
    version = current_version(CATALOGUE_VERSION_KEY)
    parts = [
        filters.get("category", ""),
        getattr(filters.get("provider"), "pk", ""),
        filters.get("mode", ""),
        getattr(filters.get("kecamatan"), "pk", ""),
        filters.get("price", ""),
        int(bool(filters.get("open"))),
        page or 1,
    ]
    return f"trainings:catalogue:{version}:{language}:{day:%Y%m%d}:" + ":".join(str(p) for p in parts)


def forget_catalogue(**kwargs):
    """Signal receiver (and helper): the catalogue's cached choices and result lists are read
    afresh (a new version of the result keys; the old entries expire by themselves)."""
    cache_delete_many([CATALOGUE_CHOICES_KEY, CATALOGUE_VERSION_KEY])


def program_batches(program, *, day=None):
    """The batches a programme page shows: published, not yet started, soonest first."""
    day = day or timezone.localdate()
    return (
        program.batches.filter(status=Batch.Status.PUBLISHED, start_date__gte=day)
        .select_related("kecamatan")
        .order_by("start_date", "pk")
    )


# Long texts of a programme that lists of enrolments never show (~1.7 KB a row).
LIST_DEFERRED = ("batch__program__description", "batch__program__prerequisites")


def enrolments_for_seeker(seeker):
    """A seeker's enrolments, newest first, with batch, programme, provider and certificate: one query."""
    if seeker is None:
        return Enrolment.objects.none()
    return _own_enrolments(Enrolment.objects.filter(seeker=seeker))


def enrolments_for_user(user):
    """The same for the person logged in as `user` (no need to load their profile first)."""
    return _own_enrolments(Enrolment.objects.filter(seeker__user=user))


def _own_enrolments(enrolments):
    return (
        enrolments.select_related("batch__program__provider", "certificate")
        .defer(*LIST_DEFERRED)
        .order_by("-applied_at", "-pk")
    )


def batches_starting_on(day):
    """Published batches whose first day is `day` (for the "starts tomorrow" reminder)."""
    return Batch.objects.filter(start_date=day, status=Batch.Status.PUBLISHED).select_related("program__provider")


def enrolments_to_remind(day):
    """The people to remind that their training starts on `day`: accepted enrolments of the
    batches starting that day, with what the message needs. One query."""
    return (
        Enrolment.objects.filter(status=Enrolment.Status.ACCEPTED, batch__in=batches_starting_on(day).values("pk"))
        .select_related("seeker__user__notification_preference", "batch__program__provider")
        .order_by("batch_id", "pk")
    )


def with_waiting(batches):
    """Annotate `waiting`: applicants still waiting for a decision. A correlated subquery, not a
    JOIN and GROUP BY: it runs for the rows of the page only, and the page's COUNT ignores it."""
    waiting = (
        Enrolment.objects.filter(batch=OuterRef("pk"), status__in=Enrolment.UNDECIDED_STATUSES)
        .order_by()
        .values("batch")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return batches.annotate(waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), 0))


def batches_for_user(user):
    """The batches `user` manages, with the number of applicants waiting, newest first."""
    return with_waiting(Batch.objects.for_user(user).select_related("program__provider")).order_by("-start_date", "-pk")


def sessions_present():
    """An enrolment's number of sessions attended, as an annotation (a subquery per row shown)."""
    present = (
        Attendance.objects.filter(enrolment=OuterRef("pk"), status=Attendance.Status.PRESENT)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(present, output_field=IntegerField()), 0)


def applicants(enrolments):
    """Enrolments ready for an applicant list or export: person, education, domicile, certificate
    and the number of sessions attended, without a query per row."""
    return (
        enrolments.select_related(
            "seeker__education_level",
            "seeker__domicile_kecamatan",
            "batch__program__provider",
            "certificate",
        )
        .defer(*LIST_DEFERRED)
        .annotate(sessions_present=sessions_present())
    )


BATCH_COUNTS_SECONDS = 60


def _batch_counts_key(batch_id):
    return f"trainings:batch-status-counts:v3:{batch_id}"


def batch_status_counts(batch) -> dict[str, int]:
    """{status: number of enrolments} of a batch (the partner applicant list's tabs and page
    count): from the shared cache, else one aggregate (and cached for a minute), as a versioned
    entry (core.caching) that a saved or deleted enrolment of the batch outdates at once and again
    on commit: whoever decided sees the new counts, and counts read before the commit are never kept."""
    key = _batch_counts_key(batch.pk)
    return versioned_value(
        key,
        [key + ":v"],
        lambda: dict(Enrolment.objects.filter(batch=batch).order_by().values_list("status").annotate(n=Count("pk"))),
        BATCH_COUNTS_SECONDS,
    )


def forget_batch_counts(sender, instance, **kwargs):
    """Signal receiver (post_save, post_delete of Enrolment; and of Batch: a new batch never
    inherits the counts cached under a reused id, e.g. in tests that roll back)."""
    bump_versions([_batch_counts_key(instance.pk if isinstance(instance, Batch) else instance.batch_id) + ":v"])


@dataclass(frozen=True, slots=True)
class ApplicantRow:
    """A row of the partner applicant list: what it shows, read with `values_list()` (as model
    objects, each of the 25 rows built four of them, and the queryset was built with the joins of
    `applicants()` first, then narrowed)."""

    pk: int
    status: str
    local_resident: bool
    applied_at: datetime
    status_reason: str
    full_name: str
    nik: str
    education: str | None  # the level's name
    kecamatan: str | None  # the domicile kecamatan's name
    domicile_outside: str
    sessions_present: int

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    @property
    def badge_class(self) -> str:
        return Enrolment.badge_of(self.status)

    @property
    def status_label(self) -> str:
        return choice_label(Enrolment.Status, self.status)


APPLICANT_ROW_FIELDS = (
    "pk", "status", "local_resident", "applied_at", "status_reason", "seeker__full_name", "seeker__nik",
    "seeker__education_level__name", "seeker__domicile_kecamatan__name", "seeker__domicile_outside",
)  # fmt: skip


BATCHES_VERSION_KEY = "trainings:batch-names-version:v1"
BATCH_NAMES_SECONDS = 60 * 60


def batches_with_programme(batch_ids) -> dict[int, Batch]:
    """{id: Batch} with its name and its programme's title (what `str(batch)` shows), from the shared
    cache in one round trip, the missing ones in one query: joining every row of a list to its batch
    and programme made PostgreSQL plan a five-table join on each page (0.75 ms of the admin
    enrolment list's 1.1 ms of planning). Forgotten at once and on commit when a batch or a
    programme is saved or deleted (apps.py). Other fields are deferred (read on access)."""
    keys = {pk: f"trainings:batch-name:{pk}" for pk in set(batch_ids) if pk is not None}
    found, stamp = versioned_get_many(list(keys.values()), [BATCHES_VERSION_KEY])
    rows = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in rows]
    if missing:
        read = {}
        for batch in Batch.objects.filter(pk__in=missing).select_related("program").only("name", "program__title"):
            read[batch.pk] = (batch.pk, batch.name, batch.program_id, batch.program.pk, batch.program.title)
        versioned_set_many({keys[pk]: row for pk, row in read.items()}, stamp, BATCH_NAMES_SECONDS)
        rows.update(read)
    batches = {}
    for pk, (batch_pk, name, program_id, program_pk, title) in rows.items():
        batch = _partial(Batch, {"id": batch_pk, "name": name, "program_id": program_id})
        batch.program = _partial(Program, {"id": program_pk, "title": title})
        batches[pk] = batch
    return batches


def _partial(model, values: dict):
    """A model object as the ORM builds it from `only(...)`: these columns, the rest deferred
    (`from_db` takes the values in the order of the model's columns)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(model.objects.db, names, [values[name] for name in names])


def applicant_page(enrolments, number, *, per_page=25, count=None):
    """One page of a batch's applicant list in order of application: the page's ids first
    (index `trainings_enr_applied_idx`), then those rows (`ApplicantRow`) with the person's columns
    the list shows and the attendance (the batch is the page's: not joined again for every row)."""

    def rows(ids):
        values = (
            Enrolment.objects.filter(pk__in=ids)
            .annotate(present=sessions_present())
            .values_list(*APPLICANT_ROW_FIELDS, "present")
        )
        return [ApplicantRow(*row) for row in values]

    paginator = IdsFirstPaginator(enrolments.order_by("applied_at", "pk"), per_page, rows=rows, count=count)
    return paginator.get_page(number)


def outcomes_due(day=None):
    """Entrepreneurship graduates completed six months ago or more whose business outcome is not recorded yet."""
    day = day or timezone.localdate()
    return (
        Enrolment.objects.filter(
            status=Enrolment.Status.COMPLETED,
            batch__program__category=Program.Category.ENTREPRENEURSHIP,
            completed_at__date__lte=day - relativedelta(months=6),
            business_outcome__isnull=True,
        )
        .select_related("seeker", "batch__program__provider")
        .order_by("completed_at")
    )


# --- For aggregate statistics (the TKP3D dashboard and /statistik/): rows to count, never to list.

# An enrolment that reached "accepted": it holds or held a seat. A drop happens only after
# acceptance; a rejection or withdrawal after acceptance gave the seat back and does not count.
ACCEPTED_STATUSES = (*Enrolment.SEAT_STATUSES, Enrolment.Status.DROPPED)


def enrolments_for_statistics():
    """Every enrolment; `decided_at` is the acceptance time of the accepted ones, `completed_at`
    the completion time. Paths: seeker__ (the person), batch__program__ (category, provider)."""
    return Enrolment.objects.order_by()


def business_outcomes_for_statistics():
    """Recorded entrepreneurship outcomes (`started`), dated by `recorded_at`."""
    return BusinessOutcome.objects.order_by()
