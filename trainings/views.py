import re
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import staff_permission_required
from core.caching import cache_get, cache_set
from core.concurrency import confirmation_fields, stale_decisions
from core.pagination import ShortListPaginator
from core.services import audit
from core.throttle import throttle
from seekers import sections
from seekers.sections import seeker_id_of

from . import certificates, exports, selectors, services
from .eligibility import eligibility_problems, seekers_with_profile
from .forms import (
    ApplyForm,
    AttendanceForm,
    CatalogueFilterForm,
    DecisionForm,
    OutcomeForm,
    ReasonForm,
    ScoresForm,
    SessionForm,
)
from .models import Attendance, Batch, Certificate, Enrolment, Program, Provider, Session
from .services import TrainingError

partner_required = staff_permission_required("accounts.access_partner_portal")


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _error(request, exc):
    for message in exc.messages:
        messages.error(request, message)


# --- Public catalogue and the seeker's pages ----------------------------------------------------


def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The result list (count, cards, pagination) is cached for a minute per filter combination,
    # language and day, and forgotten when a provider, programme or batch changes; free-text
    # searches are not cached (selectors.catalogue_results_key).
    page_number = request.GET.get("page", "1")
    unknown = set(request.GET) - set(form.fields) - {"page"}
    key = None
    # ASCII digits only ("²".isdigit() is True), at most 20 pages a filter: a bounded set of keys.
    if not unknown and re.fullmatch(r"[0-9]{1,2}", page_number) and int(page_number) <= 20:
        key = selectors.catalogue_results_key(filters, page_number, get_language(), timezone.localdate())
    results = cache_get(key) if key else None
    if results is None:
        programs = selectors.catalogue(
            q=filters.get("q", ""),
            category=filters.get("category", ""),
            provider=filters.get("provider"),
            mode=filters.get("mode", ""),
            kecamatan=filters.get("kecamatan"),
            price=filters.get("price", ""),
            open_only=filters.get("open", False),
        )
        page = _page(request, programs, 12)
        results = render_to_string("trainings/_catalogue_results.html", {"page": page}, request=request)
        if key:
            cache_set(key, results, selectors.CATALOGUE_RESULTS_SECONDS)
    return render(
        request,
        "trainings/catalogue.html",
        {"form": form, "choices": selectors.catalogue_filter_choices(), "results": mark_safe(results)},  # noqa: S308
    )


def _seeker_for(user):
    if not user.is_authenticated:
        return None
    return seekers_with_profile().filter(user=user).first()


def program_detail(request, pk):
    program = get_object_or_404(
        Program.objects.published().select_related("provider__kecamatan", "min_education"), pk=pk
    )
    batches = list(selectors.program_batches(program))
    seeker = _seeker_for(request.user) if request.user.is_authenticated and request.user.uses_seeker_pages else None
    mine = {}
    if seeker is not None:
        mine = {
            e.batch_id: e
            for e in Enrolment.objects.filter(seeker=seeker, batch__in=[b.pk for b in batches]).exclude(
                status=Enrolment.Status.WITHDRAWN
            )
        }
    for batch in batches:
        batch.program = program
        batch.mine = mine.get(batch.pk)
        batch.problems = (
            [" ".join(p.messages) for p in eligibility_problems(seeker=seeker, batch=batch)]
            if request.user.is_authenticated and request.user.uses_seeker_pages
            else []
        )
    return render(
        request,
        "trainings/program_detail.html",
        {"program": program, "batches": batches, "seeker": seeker, "apply_form": ApplyForm()},
    )


@login_required
@require_POST
@throttle("training_application", per_account=(10, 3600), per_ip=(30, 3600))
def apply(request, pk):
    batch = get_object_or_404(
        Batch.objects.visible()
        .filter(program__in=Program.objects.published())
        .select_related("program__provider", "program__min_education"),
        pk=pk,
    )
    form = ApplyForm(request.POST)
    motivation = form.cleaned_data["motivation"] if form.is_valid() else ""
    try:
        enrolment = services.enrolment_apply(
            batch=batch, seeker=_seeker_for(request.user), actor=request.user, motivation=motivation
        )
    except TrainingError as exc:
        _error(request, exc)
        return redirect(batch.get_absolute_url())
    if enrolment.status == Enrolment.Status.ACCEPTED:
        messages.success(request, _("You have a seat in %(batch)s.") % {"batch": batch})
    elif enrolment.status == Enrolment.Status.WAITLISTED:
        messages.info(request, _("The batch is full: you are on the waitlist for %(batch)s.") % {"batch": batch})
    elif batch.is_full:
        # Selection: "applied" until the institution decides; with every seat taken, a selected
        # applicant goes on the waitlist (what the programme page says), so say exactly that.
        messages.info(
            request,
            _(
                "Your application for %(batch)s has been sent and waits for the institution's selection. "
                "All seats are taken: if you are selected, you go on the waitlist."
            )
            % {"batch": batch},
        )
    else:
        messages.success(
            request,
            _("Your application for %(batch)s has been sent and waits for the institution's selection.")
            % {"batch": batch},
        )
    return redirect("trainings:my_trainings")


def _my_enrolments_html(request, page_number, csrf_token):
    """The person's enrolments (a page) as HTML, `csrf_token` in their withdraw forms."""
    # Most people have fewer than a page of enrolments: no COUNT then (ShortListPaginator).
    page = ShortListPaginator(selectors.enrolments_for_user(request.user), 20).get_page(page_number)
    context = {"page": page, "csrf_token": csrf_token}
    return render_to_string("trainings/_my_enrolments.html", context, request=request)


@login_required
def my_trainings(request):
    # The list is kept in the shared cache per person, language and page while nothing it shows
    # changed (seekers.sections.cached_html_with_forms: their enrolments and certificates, any
    # batch, programme or provider); the CSRF token of this request goes in afterwards, never cached.
    # Not cached: no profile (so no enrolment), or other query parameters the pager's links keep.
    seeker_id = seeker_id_of(request.user)
    page_number = request.GET.get("page", "1")
    cacheable = set(request.GET) <= {"page"} and page_number.isdigit() and len(page_number) < 5
    enrolments = sections.cached_html_with_forms(
        request,
        f"my_trainings:{int(page_number) if cacheable else 0}",
        seeker_id if cacheable else None,
        partial(_my_enrolments_html, request, page_number),
    )
    context = {"has_profile": seeker_id is not None, "enrolments": enrolments}
    return render(request, "trainings/my_trainings.html", context)


@login_required
@require_POST
def withdraw(request, pk):
    enrolment = get_object_or_404(Enrolment.objects.filter(seeker__user=request.user), pk=pk)
    try:
        services.enrolment_withdraw(enrolment=enrolment, actor=request.user)
    except TrainingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("You have withdrawn your application."))
    return redirect("trainings:my_trainings")


@login_required
def certificate_pdf(request, pk):
    certificate = get_object_or_404(
        Certificate.objects.for_user(request.user).select_related(
            "enrolment__seeker", "enrolment__batch__program__provider"
        ),
        pk=pk,
    )
    body = certificates.render_pdf(certificate, verify_url=request.build_absolute_uri(certificate.get_verify_url()))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_verify(request, token):
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__seeker", "enrolment__batch__program__provider"), token=token
    )
    return render(request, "trainings/certificate_verify.html", {"certificate": certificate})


# --- Partner pages: one provider's batches, applicants and trainees -----------------------------


def _partner_batch(request, pk, *, fields=()) -> Batch:
    """The batch `pk` if the user's institution runs it; 404 otherwise (no hint that it exists).
    With `fields`, only those columns (and its programme's) are read."""
    batches = Batch.objects.for_user(request.user)
    batches = batches.select_related("program").only(*fields) if fields else batches.select_related("program__provider")
    return get_object_or_404(batches, pk=pk)


def _partner_enrolment(request, pk) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.for_user(request.user).select_related(
            "seeker__education_level", "seeker__domicile_kecamatan", "batch__program__provider", "certificate"
        ),
        pk=pk,
    )


@partner_required
def partner_home(request):
    provider = Provider.objects.for_user(request.user).first()
    page = _page(request, selectors.batches_for_user(request.user), 20)
    return render(request, "trainings/partner/home.html", {"provider": provider, "page": page})


# What the applicant list's heading shows of its batch: not the programme's long texts, nor its
# provider (the partner's own institution).
PARTNER_BATCH_FIELDS = (
    "name", "status", "admission", "capacity", "seats_taken", "start_date", "end_date", "program__title",
)  # fmt: skip


@partner_required
def partner_batch(request, pk):
    batch = _partner_batch(request, pk, fields=PARTNER_BATCH_FIELDS)
    status = request.GET.get("status", "")
    # The batch is in the user's scope (_partner_batch), and so is every enrolment of it: no
    # second walk through programme, provider and institution staff for the counts and the ids.
    enrolments = Enrolment.objects.filter(batch=batch)
    counts = selectors.batch_status_counts(batch)
    if status in Enrolment.Status.values:
        enrolments = enrolments.filter(status=status)
    page = selectors.applicant_page(
        enrolments,
        request.GET.get("page"),
        count=counts.get(status, 0) if status in Enrolment.Status.values else sum(counts.values()),
    )
    statuses = [(value, label, counts.get(value, 0)) for value, label in Enrolment.Status.choices]
    return render(
        request,
        "trainings/partner/batch.html",
        {
            "batch": batch,
            "page": page,
            "status": status,
            "statuses": statuses,
            "total": sum(counts.values()),
            "form": DecisionForm(),
        },
    )


@partner_required
@require_POST
def partner_decide(request, pk):
    batch = _partner_batch(request, pk)
    # ASCII digits only, bounded: "²".isdigit() is True but int("²") fails.
    ids = [int(v) for v in request.POST.getlist("enrolments") if re.fullmatch(r"[0-9]{1,18}", v)]
    form = DecisionForm(request.POST, enrolment_ids=ids)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("trainings:partner_batch", pk=batch.pk)
    chosen = Enrolment.objects.for_user(request.user).filter(batch=batch, pk__in=form.cleaned_data["enrolments"])
    stale = stale_decisions(request, chosen.select_related("seeker"))
    if stale:
        # An allowed move, but not on what the person saw (someone decided meanwhile): ask.
        labels = dict(Enrolment.Status.choices)
        return render(
            request,
            "confirm_stale.html",
            {
                "stale": [(e.seeker.full_name, labels.get(seen, seen), labels.get(now, now)) for e, seen, now in stale],
                "fields": confirmation_fields(request, stale),
                "decision": dict(DecisionForm.DECISIONS)[form.cleaned_data["decision"]],
                "action": reverse("trainings:partner_decide", args=[batch.pk]),
                "back": reverse("trainings:partner_batch", args=[batch.pk]),
            },
            status=409,
        )
    try:
        result = services.enrolment_bulk_decide(
            enrolments=chosen,
            decision=form.cleaned_data["decision"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except TrainingError as exc:
        _error(request, exc)
        return redirect("trainings:partner_batch", pk=batch.pk)
    if result.done:
        messages.success(
            request,
            ngettext("%(n)s applicant updated.", "%(n)s applicants updated.", len(result.done))
            % {"n": len(result.done)},
        )
    for enrolment, message in result.refused:
        messages.warning(request, f"{enrolment.seeker.full_name}: {message}")
    return redirect("trainings:partner_batch", pk=batch.pk)


@partner_required
@require_POST
def partner_batch_start(request, pk):
    batch = _partner_batch(request, pk)
    try:
        services.batch_start(batch=batch, actor=request.user)
    except TrainingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The batch has started: accepted applicants are now trainees."))
    return redirect("trainings:partner_batch", pk=batch.pk)


@partner_required
@require_POST
def partner_batch_finish(request, pk):
    batch = _partner_batch(request, pk)
    try:
        services.batch_finish(batch=batch, actor=request.user)
    except TrainingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The batch is finished."))
    return redirect("trainings:partner_batch", pk=batch.pk)


@never_cache
@partner_required
def partner_export(request, pk, fmt):
    batch = _partner_batch(request, pk)
    full_nik = request.user.has_perm("seekers.view_full_nik")
    enrolments = selectors.applicants(Enrolment.objects.for_user(request.user).filter(batch=batch)).order_by(
        "applied_at", "pk"
    )
    audit(actor=request.user, obj=batch, action="applicants_exported", reason=f"{fmt}, full NIK: {full_nik}")
    filename = f"peserta-{batch.pk}-{timezone.localdate():%Y%m%d}"
    return exports.response(enrolments, fmt=fmt, filename=filename, full_nik=full_nik)


@partner_required
def partner_sessions(request, pk):
    batch = _partner_batch(request, pk)
    form = SessionForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_add(
                batch=batch, day=form.cleaned_data["date"], topic=form.cleaned_data["topic"], actor=request.user
            )
        except TrainingError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Session added."))
            return redirect("trainings:partner_attendance", pk=session.pk)
    sessions = batch.sessions.annotate(
        present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
        marked=Count("attendances"),
    )
    return render(request, "trainings/partner/sessions.html", {"batch": batch, "sessions": sessions, "form": form})


@partner_required
def partner_attendance(request, pk):
    session = get_object_or_404(
        Session.objects.filter(batch__in=Batch.objects.for_user(request.user)).select_related("batch__program"), pk=pk
    )
    trainees = list(
        Enrolment.objects.for_user(request.user)
        .filter(batch=session.batch_id, status__in=(Enrolment.Status.ATTENDING, Enrolment.Status.COMPLETED))
        .select_related("seeker")
        .order_by("seeker__full_name", "pk")
    )
    current = dict(session.attendances.values_list("enrolment_id", "status"))
    form = AttendanceForm(request.POST or None, enrolments=trainees, current=current)
    if request.method == "POST" and form.is_valid():
        saved = services.attendance_record(session=session, marks=form.marks(), actor=request.user)
        messages.success(request, ngettext("%(n)s mark saved.", "%(n)s marks saved.", saved) % {"n": saved})
        return redirect("trainings:partner_sessions", pk=session.batch_id)
    return render(request, "trainings/partner/attendance.html", {"session": session, "form": form})


@partner_required
def partner_enrolment(request, pk):
    enrolment = _partner_enrolment(request, pk)
    outcome = getattr(enrolment, "business_outcome", None)
    context = {
        "enrolment": enrolment,
        "seeker": enrolment.seeker,
        "scores_form": ScoresForm(
            initial={"pre_test_score": enrolment.pre_test_score, "post_test_score": enrolment.post_test_score}
        ),
        "drop_form": ReasonForm(),
        "outcome_form": OutcomeForm(instance=outcome),
        "attendance": enrolment.attendances.select_related("session").order_by("session__date"),
        "is_entrepreneurship": enrolment.batch.program.category == Program.Category.ENTREPRENEURSHIP,
    }
    return render(request, "trainings/partner/enrolment.html", context)


@partner_required
@require_POST
def partner_scores(request, pk):
    enrolment = _partner_enrolment(request, pk)
    form = ScoresForm(request.POST)
    if form.is_valid():
        try:
            services.enrolment_record_scores(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except TrainingError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Scores saved."))
    else:
        messages.error(request, _("Scores are between 0 and 100."))
    return redirect("trainings:partner_enrolment", pk=enrolment.pk)


@partner_required
@require_POST
def partner_complete(request, pk):
    enrolment = _partner_enrolment(request, pk)
    try:
        services.enrolment_complete(enrolment=enrolment, actor=request.user)
    except TrainingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Completion recorded and certificate issued."))
    return redirect("trainings:partner_enrolment", pk=enrolment.pk)


@partner_required
@require_POST
def partner_drop(request, pk):
    enrolment = _partner_enrolment(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reason is required for this decision."))
        return redirect("trainings:partner_enrolment", pk=enrolment.pk)
    try:
        services.enrolment_drop(enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"])
    except TrainingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Drop-out recorded."))
    return redirect("trainings:partner_enrolment", pk=enrolment.pk)


@partner_required
@require_POST
def partner_outcome(request, pk):
    enrolment = _partner_enrolment(request, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.outcome_record(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except TrainingError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Business outcome saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("trainings:partner_enrolment", pk=enrolment.pk)
