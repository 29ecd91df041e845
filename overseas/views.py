from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.caching import cache_get, cache_set
from core.services import audit
from core.throttle import throttle
from seekers import sections
from seekers.sections import seeker_id_of

from . import exports, selectors, services, spreadsheets
from .eligibility import eligibility_problems, seekers_for_eligibility
from .forms import (
    ApplyForm,
    BulkDayForm,
    BulkRowFormSet,
    CandidateFilterForm,
    DataTransferForm,
    DeploymentForm,
    DocumentForm,
    ExtendForm,
    LinkPlacementForm,
    PlacementForm,
    ProposeForm,
    ReasonForm,
    ReturnForm,
    ScheduleForm,
    StageResultForm,
    UploadForm,
)
from .models import Candidacy, Deployment, Intake, IntakeStage, ReturnRecord
from .replacement import matching_vacancies, matching_vacancies_for, placements_to_link
from .services import OverseasError, ResultLine


def _error(request, exc):
    for message in exc.messages:
        messages.error(request, message)


def _page(request, queryset, per_page=25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _page_ids_first(request, queryset, *, load, per_page=25, count=None):
    """Paginate over the primary keys alone, then load the page's rows with their joins. Joining
    the 5,000 candidates of an intake to 200,000 seekers and sorting them to keep 25 rows took
    170 ms (hash join over every seeker); the page's ids come from an index in ~1 ms and its 25
    rows by primary key in ~1 ms. `count`, when the caller knows it, saves the COUNT."""
    paginator = Paginator(queryset.values_list("pk", flat=True), per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # fills the cached_property
    page = paginator.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    rows = {obj.pk: obj for obj in load(queryset.model._default_manager.filter(pk__in=ids))}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


def can_manage(user) -> bool:
    """Disnaker staff (the app's permissions) and sending-organisation staff (their own candidates)."""
    return user.has_perm("overseas.view_candidacy") or (
        user.has_perm("overseas.access_sending_org_pages") and hasattr(user, "sending_organisation_staff")
    )


def staff_required(view):
    """Anonymous people go to the login page; logged-in people without a role here get 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# --- Public and seeker pages ----------------------------------------------------------------


def index(request):
    # The intake lists are the same for everyone: rendered once per version, language and day.
    key = selectors.public_key("index")
    intakes_html = cache_get(key)
    if intakes_html is None:
        intakes_html = render_to_string(
            "overseas/_index_intakes.html",
            {"intakes": selectors.open_intakes(), "upcoming": selectors.upcoming_intakes()[:5]},
        )
        cache_set(key, intakes_html, selectors.PUBLIC_SECONDS)
    return render(request, "overseas/index.html", {"intakes_html": mark_safe(intakes_html)})  # noqa: S308


def _seeker_for(user):
    if not user.is_authenticated or not user.uses_seeker_pages:
        return None
    return seekers_for_eligibility().filter(user=user).first()


def intake_detail(request, pk):
    # The intake's description is the same for everyone: cached rendered (only once the database
    # has shown it published; unpublishing forgets it). A visitor who is not logged in reads
    # nothing else; a logged-in person's candidacy and eligibility are read every time.
    key = selectors.public_key("intake", pk)
    public = cache_get(key)
    intake = None
    if public is None or request.user.is_authenticated:
        intake = get_object_or_404(
            Intake.objects.published().select_related("scheme", "organisation", "min_education"), pk=pk
        )
    if public is None:
        html = render_to_string(
            "overseas/_intake_public.html", {"intake": intake, "stages": intake.stages.order_by("position")}
        )
        public = {"title": intake.name, "html": html}
        cache_set(key, public, selectors.PUBLIC_SECONDS)
    seeker = _seeker_for(request.user)
    mine = Candidacy.objects.filter(seeker=seeker, intake=intake).first() if seeker else None
    problems = []
    if request.user.is_authenticated and request.user.uses_seeker_pages and mine is None:
        problems = [" ".join(p.messages) for p in eligibility_problems(seeker=seeker, intake=intake)]
    return render(
        request,
        "overseas/intake_detail.html",
        {
            "public": {"title": public["title"], "html": mark_safe(public["html"])},  # noqa: S308
            "intake": intake,
            "seeker": seeker,
            "mine": mine,
            "problems": problems,
            "form": ApplyForm(),
        },
    )


@login_required
@require_POST
@throttle("overseas_application", per_account=(10, 3600), per_ip=(30, 3600))
def apply(request, pk):
    intake = get_object_or_404(Intake.objects.published(), pk=pk)
    seeker = _seeker_for(request.user)
    form = ApplyForm(request.POST)
    if seeker is None:
        messages.error(request, _("Create your job-seeker profile first."))
        return redirect("seekers:dashboard")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(intake)
    try:
        services.candidacy_apply(
            intake=intake,
            seeker=seeker,
            height_cm=form.cleaned_data["height_cm"],
            weight_kg=form.cleaned_data["weight_kg"],
            actor=request.user,
        )
    except OverseasError as exc:
        _error(request, exc)
        return redirect(intake)
    messages.success(request, _("You are registered. We will tell you the date of each selection stage."))
    return redirect("overseas:my_candidacy")


def _my_candidacy_html(request, seeker_id, csrf_token):
    candidacies = list(selectors.candidacies_for_seeker(seeker_id))
    current = candidacies[0] if candidacies else None
    context = {"candidacies": candidacies, "current": current, "csrf_token": csrf_token}
    if current is not None:
        recorded = {r.stage_id: r for r in current.results.all()}
        context["stages"] = [(stage, recorded.get(stage.pk)) for stage in current.intake.stages.all()]
        context["warnings"] = selectors.document_warnings(current)
        context["withdraw_form"] = ReasonForm()
    return render_to_string("overseas/_my_candidacy.html", context, request=request)


@login_required
def my_candidacy(request):
    # Kept in the shared cache per person, language and day while nothing it shows changed
    # (seekers.sections.cached_html_with_forms, the models OverseasConfig declares: their candidacy,
    # stage results, documents, deployment and return; any intake, stage, scheme or organisation);
    # the CSRF token of the withdraw form is this request's own, never cached.
    seeker_id = seeker_id_of(request.user)
    content = sections.cached_html_with_forms(
        request, "my_candidacy", seeker_id, partial(_my_candidacy_html, request, seeker_id)
    )
    return render(request, "overseas/my_candidacy.html", {"content": content})


@login_required
@require_POST
def withdraw(request, pk):
    candidacy = get_object_or_404(Candidacy.objects.filter(seeker__user=request.user), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
        return redirect("overseas:my_candidacy")
    if candidacy.status == Candidacy.Status.DEPARTED:
        messages.error(request, _("Contact Disnaker: you have already departed."))
        return redirect("overseas:my_candidacy")
    try:
        services.candidacy_withdraw(candidacy=candidacy, reason=form.cleaned_data["reason"], actor=request.user)
    except OverseasError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Your candidacy is withdrawn."))
    return redirect("overseas:my_candidacy")


# --- Staff pages (Disnaker, and sending organisations for their own candidates) ---------------


@staff_required
def staff_home(request):
    intakes = Intake.objects.for_user(request.user).select_related("scheme", "organisation").order_by("-year", "name")
    return render(request, "overseas/staff/home.html", {"page": _page(request, intakes)})


def _intake(request, pk):
    return get_object_or_404(Intake.objects.for_user(request.user).select_related("scheme", "organisation"), pk=pk)


@staff_required
def staff_intake(request, pk):
    # _intake shows only an intake the user may see, and all its candidates are theirs to see too.
    intake = _intake(request, pk)
    pipeline, statuses = selectors.intake_overview(intake)
    labels = dict(Candidacy.Status.choices)
    status_rows = [(status, labels[status], n) for status, n in statuses.items()]
    return render(
        request,
        "overseas/staff/intake.html",
        {"intake": intake, "pipeline": pipeline, "statuses": statuses, "status_rows": status_rows},
    )


def _waiting_for(request, stage):
    return (
        Candidacy.objects.for_user(request.user)
        .filter(next_stage=stage, status__in=Candidacy.SELECTION_STATUSES)
        .select_related("seeker")
        .order_by("seeker__full_name", "pk")
    )


@staff_required
def staff_stage(request, pk, stage_pk):
    """A test day: schedule the stage, and record its results in bulk (list form or Excel)."""
    intake = _intake(request, pk)
    stage = get_object_or_404(IntakeStage.objects.filter(intake=intake), pk=stage_pk)
    waiting = list(_waiting_for(request, stage))
    by_id = {c.pk: c for c in waiting}
    initial = [{"candidacy": c.pk} for c in waiting]
    day_form = BulkDayForm(initial={"held_on": timezone.localdate()})
    formset = BulkRowFormSet(initial=initial, prefix="rows")
    upload_form = UploadForm(initial={"held_on": timezone.localdate()})
    schedule_form = ScheduleForm(initial={"scheduled_on": stage.scheduled_on, "place": stage.place})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "schedule":
            schedule_form = ScheduleForm(request.POST)
            if schedule_form.is_valid():
                services.stage_schedule(
                    stage=stage,
                    day=schedule_form.cleaned_data["scheduled_on"],
                    place=schedule_form.cleaned_data["place"],
                    actor=request.user,
                )
                messages.success(request, _("Stage scheduled; the candidates are reminded."))
                return redirect("overseas:staff_stage", pk=intake.pk, stage_pk=stage.pk)
        elif action == "upload":
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                try:
                    lines = spreadsheets.parse(upload_form.cleaned_data["file"])
                    done = services.stage_record_bulk(
                        stage=stage, held_on=upload_form.cleaned_data["held_on"], lines=lines, actor=request.user
                    )
                except ValidationError as exc:
                    _error(request, exc)
                else:
                    messages.success(request, _("%(n)s results recorded.") % {"n": len(done)})
                    return redirect("overseas:staff_stage", pk=intake.pk, stage_pk=stage.pk)
        else:
            day_form = BulkDayForm(request.POST)
            formset = BulkRowFormSet(request.POST, prefix="rows")
            if day_form.is_valid() and formset.is_valid():
                lines = [
                    ResultLine(
                        candidacy_id=row["candidacy"],
                        result=row["result"],
                        score=row.get("score"),
                        note=row.get("note", ""),
                        line=number,
                    )
                    for number, row in enumerate(formset.cleaned_data, start=1)
                    if row.get("result")
                ]
                try:
                    done = services.stage_record_bulk(
                        stage=stage, held_on=day_form.cleaned_data["held_on"], lines=lines, actor=request.user
                    )
                except OverseasError as exc:
                    _error(request, exc)
                else:
                    messages.success(request, _("%(n)s results recorded.") % {"n": len(done)})
                    return redirect("overseas:staff_stage", pk=intake.pk, stage_pk=stage.pk)
            else:
                messages.error(request, _("Some lines are not valid: see the marked fields."))
    rows = [(form, by_id.get(form.initial.get("candidacy") or _int(form["candidacy"].value()))) for form in formset]
    return render(
        request,
        "overseas/staff/stage.html",
        {
            "intake": intake,
            "stage": stage,
            "rows": rows,
            "formset": formset,
            "day_form": day_form,
            "upload_form": upload_form,
            "schedule_form": schedule_form,
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@staff_required
def staff_stage_sheet(request, pk, stage_pk):
    intake = _intake(request, pk)
    stage = get_object_or_404(IntakeStage.objects.filter(intake=intake), pk=stage_pk)
    audit(actor=request.user, obj=stage, action="result_sheet_downloaded")
    return spreadsheets.sheet_response(stage=stage, candidacies=_waiting_for(request, stage))


def _filtered_candidacies(request):
    choices = selectors.candidate_filter_choices(request.user)
    form = CandidateFilterForm(request.GET or None, choices=choices)
    candidacies = selectors.candidates(Candidacy.objects.for_user(request.user))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            for word in data["q"].split()[:5]:
                candidacies = candidacies.filter(seeker__full_name__icontains=word)
        if data["intake"]:
            candidacies = candidacies.filter(intake_id=data["intake"])
        if data["status"]:
            candidacies = candidacies.filter(status=data["status"])
        if data["gender"]:
            candidacies = candidacies.filter(seeker__gender=data["gender"])
        if data["kecamatan"]:
            candidacies = candidacies.filter(seeker__domicile_kecamatan_id=data["kecamatan"])
        if data["prefecture"]:
            candidacies = candidacies.filter(deployment__prefecture=data["prefecture"])
    return form, candidacies.order_by("-applied_at", "-pk")


@staff_required
def staff_candidates(request):
    form, candidacies = _filtered_candidacies(request)
    page = _page_ids_first(request, candidacies, load=selectors.candidate_rows)
    return render(request, "overseas/staff/candidates.html", {"form": form, "page": page})


@staff_required
def staff_export(request, fmt):
    _form, candidacies = _filtered_candidacies(request)
    full_nik = request.user.has_perm("seekers.view_full_nik")
    audit(actor=request.user, obj=request.user, action="candidates_exported", reason=f"{fmt}, full NIK: {full_nik}")
    filename = f"kandidat-magang-{timezone.localdate():%Y%m%d}"
    return exports.response(candidacies, fmt=fmt, filename=filename, full_nik=full_nik)


def _candidacy(request, pk):
    return get_object_or_404(
        Candidacy.objects.for_user(request.user).select_related(
            "seeker__user",
            "seeker__education_level",
            "seeker__domicile_kecamatan",
            "intake__scheme",
            "intake__organisation",
            "next_stage",
        ),
        pk=pk,
    )


FORMS = {
    "stage": StageResultForm,
    "document": DocumentForm,
    "deployment": DeploymentForm,
    "extend": ExtendForm,
    "transfer": ReasonForm,
    "data_transfer": DataTransferForm,
    "return": ReturnForm,
    "withdraw": ReasonForm,
}


@staff_required
def staff_candidacy(request, pk):
    candidacy = _candidacy(request, pk)
    deployment = Deployment.objects.filter(candidacy=candidacy).first()
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {name: form_class(prefix=name) for name, form_class in FORMS.items()}
    forms["stage"] = StageResultForm(
        prefix="stage", initial={"held_on": timezone.localdate(), "stage": candidacy.next_stage_id}
    )
    if action in REPLACEMENT_ACTIONS:
        return _replacement_action(request, candidacy, action)
    if action in FORMS:
        form = FORMS[action](request.POST, prefix=action)
        forms[action] = form
        if form.is_valid():
            try:
                message = _act(request, action, candidacy, deployment, form.cleaned_data)
            except OverseasError as exc:
                _error(request, exc)
            else:
                messages.success(request, message)
                return redirect("overseas:staff_candidacy", pk=candidacy.pk)
        else:
            messages.error(request, _("Check the marked fields."))
    recorded = {r.stage_id: r for r in candidacy.results.select_related("stage")}
    stages = [(stage, recorded.get(stage.pk)) for stage in candidacy.intake.stages.order_by("position")]
    return_record = getattr(candidacy, "return_record", None) if candidacy.status == Candidacy.Status.RETURNED else None
    replacement = _replacement_context(request, candidacy, return_record) if return_record else {}
    return render(
        request,
        "overseas/staff/candidacy.html",
        {
            "candidacy": candidacy,
            "seeker": candidacy.seeker,
            "stages": stages,
            "deployment": deployment,
            "documents": candidacy.documents.all(),
            "warnings": selectors.document_warnings(candidacy),
            "transfers": candidacy.data_transfers.all(),
            "return_record": return_record,
            "forms": forms,
            **replacement,
        },
    )


def _act(request, action, candidacy, deployment, data):
    actor = request.user
    if action == "stage":
        shown = IntakeStage.objects.filter(pk=data.pop("stage"), intake_id=candidacy.intake_id).first()
        if candidacy.next_stage is None or shown is None:
            raise OverseasError(_("No stage is waiting to be recorded."), code="no_stage")
        # The stage the clerk's page showed, not the one waiting now: if a colleague recorded it
        # meanwhile, the service refuses ("already recorded") instead of recording the next one.
        services.stage_record(candidacy=candidacy, stage=shown, actor=actor, **data)
        return _("Result recorded.")
    if action == "document":
        services.document_save(candidacy=candidacy, actor=actor, **data)
        return _("Document saved.")
    if action == "deployment":
        services.deployment_create(candidacy=candidacy, actor=actor, **data)
        return _("Deployment recorded.")
    if action == "withdraw":
        services.candidacy_withdraw(candidacy=candidacy, reason=data["reason"], actor=actor)
        return _("Candidacy ended.")
    if action == "data_transfer":
        services.data_transfer_record(candidacy=candidacy, actor=actor, **data)
        return _("Transfer recorded.")
    if deployment is None:
        raise OverseasError(_("Record the deployment first."), code="no_deployment")
    if action == "extend":
        services.deployment_extend(deployment=deployment, actor=actor, **data)
        return _("Contract extended.")
    if action == "transfer":
        services.deployment_transfer(deployment=deployment, reason=data["reason"], actor=actor)
        return _("Transfer to the new scheme recorded.")
    if action == "return":
        services.return_record(candidacy=candidacy, actor=actor, **data)
        return _("Return recorded.")
    raise Http404


@staff_required
def staff_deployments(request):
    deployments = Deployment.objects.for_user(request.user)
    return render(
        request,
        "overseas/staff/deployments.html",
        {
            "places": selectors.deployments_by_place(deployments),
            "abroad": deployments.filter(status__in=Deployment.ABROAD_STATUSES).count(),
        },
    )


@staff_required
def staff_returnees(request):
    returnees = selectors.returnees(Candidacy.objects.for_user(request.user))
    q = request.GET.get("q", "").strip()[:100]
    if q:
        returnees = returnees.filter(Q(seeker__full_name__icontains=q))
    # Everyone's figures (and so the page count) from the shared cache when nothing narrows them.
    figures = None
    if not q and request.user.has_perm("overseas.view_candidacy"):  # in scope: every returnee
        figures = selectors.all_replacement_figures(returnees)
    count = figures["returned"] if figures else None
    page = _page_ids_first(request, returnees, load=selectors.returnee_rows, per_page=10, count=count)
    waiting = [c.seeker for c in page.object_list if not c.return_record.placement_id]
    proposals = matching_vacancies_for(waiting)
    rows = [(c, proposals.get(c.seeker_id, [])) for c in page.object_list]
    if figures is None:
        figures = selectors.replacement_figures(returnees, returned=page.paginator.count)
    return render(request, "overseas/staff/returnees.html", {"page": page, "rows": rows, "q": q, "figures": figures})


REPLACEMENT_ACTIONS = ("propose", "place", "link")


def _can_replace(user) -> bool:
    """Re-placement writes to the placements app: Disnaker staff, not sending organisations."""
    return user.has_perm("overseas.change_returnrecord") and user.has_perm("placements.add_placement")


def _replacement_context(request, candidacy, return_record):
    if not _can_replace(request.user):
        return {}
    vacancies = matching_vacancies(candidacy.seeker, limit=5)
    return {
        "vacancies": vacancies,
        "place_form": PlacementForm(prefix="place", employers=[v.employer for v in vacancies]),
        "link_form": LinkPlacementForm(
            prefix="link", placements=placements_to_link(candidacy.seeker, since=return_record.returned_on)
        ),
        "can_replace": True,
    }


def _replacement_action(request, candidacy, action):
    if not _can_replace(request.user):
        raise PermissionDenied
    return_record = get_object_or_404(ReturnRecord, candidacy=candidacy)
    try:
        if action == "propose":
            form = ProposeForm(request.POST)
            vacancies = {v.pk: v for v in matching_vacancies(candidacy.seeker, limit=5)}
            if not form.is_valid() or form.cleaned_data["vacancy"] not in vacancies:
                raise OverseasError(_("This vacancy is not among the proposals."), code="vacancy")
            services.returnee_propose(
                candidacy=candidacy, vacancy=vacancies[form.cleaned_data["vacancy"]], actor=request.user
            )
            messages.success(request, _("Proposed to the employer."))
        elif action == "place":
            vacancies = matching_vacancies(candidacy.seeker, limit=5)
            form = PlacementForm(request.POST, prefix="place", employers=[v.employer for v in vacancies])
            if not form.is_valid():
                raise OverseasError([e for errors in form.errors.values() for e in errors], code="form")
            services.returnee_place(candidacy=candidacy, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Placement recorded and linked."))
        else:
            form = LinkPlacementForm(
                request.POST, prefix="link",
                placements=placements_to_link(candidacy.seeker, since=return_record.returned_on),
            )  # fmt: skip
            if not form.is_valid():
                raise OverseasError(_("Choose one of this person's placements."), code="form")
            services.return_link_placement(
                candidacy=candidacy, placement=form.cleaned_data["placement"], actor=request.user
            )
            messages.success(request, _("Placement linked."))
    except OverseasError as exc:
        _error(request, exc)
    return redirect("overseas:staff_candidacy", pk=candidacy.pk)
