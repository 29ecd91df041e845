import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import staff_permission_required
from accounts.roles import Role
from core import exports
from core.caching import cache_get, cache_set
from core.concurrency import confirmation_fields, stale_decisions
from core.services import audit
from core.throttle import throttle
from seekers.models import JobSeeker
from seekers.nik import mask_nik
from trainings.models import Enrolment, Provider, ProviderStaff

from . import pdf, selectors, services
from .forms import (
    ApplyForm,
    BrokerReportForm,
    DecisionForm,
    EmployerAccountRequestForm,
    EvidenceForm,
    PlacementReportForm,
    ProposeForm,
    VacancyFilterForm,
    VacancyForm,
)
from .models import Application, Employer, FollowUp, Placement, Vacancy
from .services import PlacementError


def employer_required(view):
    """Employer staff only (anonymous people go to the login page, others get 403). The role
    comes from the groups the navbar reads anyway: no permission queries on every page."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.has_role(Role.EMPLOYER):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


partner_required = staff_permission_required("accounts.access_partner_portal")


def _error(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _seeker_for(user):
    if not user.is_authenticated:
        return None
    return JobSeeker.objects.select_related("education_level").filter(user=user).first()


# --- Public pages ------------------------------------------------------------------------------


def index(request):
    return render(request, "placements/index.html")


def vacancy_list(request):
    form = VacancyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The content (filters, count, cards, pagination) is cached for a minute per filter
    # combination, page, language and day, and forgotten when a vacancy or an employer changes
    # (selectors.vacancy_list_key): most visitors look at the same few lists.
    page_number = request.GET.get("page", "1")
    unknown = set(request.GET) - set(form.fields) - {"page"}
    key = None
    if not unknown:
        key = selectors.vacancy_list_key(filters, page_number, get_language(), timezone.localdate())
    content = cache_get(key) if key else None
    if content is None:
        choices = form.choices
        valid = {name: {pk for pk, _label in choices[name]} for name in ("kecamatan", "sector", "occupation")}

        def pick(name):
            return filters.get(name) if filters.get(name) in valid[name] else None

        vacancies = selectors.vacancy_list(
            q=filters.get("q", ""),
            kecamatan=pick("kecamatan"),
            sector=pick("sector"),
            education_rank=dict(choices["education_rank"]).get(filters.get("education")),
            occupation=pick("occupation"),
            wage=filters.get("wage"),
            sort=filters.get("sort") or "closing",
        )
        page = Paginator(vacancies, 20).get_page(page_number)
        content = render_to_string(
            "placements/_vacancy_list_content.html",
            {"page": page, "choices": choices, "filters": filters},
            request=request,
        )
        if key:
            cache_set(key, content, selectors.VACANCY_LIST_SECONDS)
    return render(request, "placements/vacancy_list.html", {"content": mark_safe(content)})  # noqa: S308


def _json_ld(vacancy) -> str:
    """schema.org JobPosting, so that search engines list the regency's vacancies."""
    employer = vacancy.employer
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "datePosted": (vacancy.published_at or vacancy.created_at).date().isoformat(),
        "validThrough": f"{vacancy.closing_date.isoformat()}T23:59:59+07:00",
        "employmentType": "FULL_TIME" if vacancy.contract_type != "apprenticeship" else "INTERN",
        "hiringOrganization": {"@type": "Organization", "name": employer.name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy.kecamatan.name,
                "addressRegion": "Kabupaten Bekasi, Jawa Barat",
                "addressCountry": "ID",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "IDR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": int(vacancy.wage_min),
                "maxValue": int(vacancy.wage_max),
                "unitText": "MONTH",
            },
        },
        "occupationalCategory": f"KBJI 2014 {vacancy.occupation.code} {vacancy.occupation.name}",
        "directApply": True,
    }
    if vacancy.min_education_id:
        data["educationRequirements"] = vacancy.min_education.name
    if vacancy.skills:
        data["skills"] = vacancy.skills
    # "</" cannot end the script element early: names are user input.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def vacancy_detail(request, pk):
    """The public part (title, JSON-LD, details) is cached per vacancy, language and day under the
    version that any saved vacancy or employer replaces (selectors.cached_vacancy_page): a
    visitor costs no query; a seeker's own part (applied? may apply?) is read each time."""
    language, day = get_language(), timezone.localdate()
    page, version = selectors.cached_vacancy_page(pk, language, day)
    vacancy = None
    if page is None:
        vacancy = selectors.vacancy_for_page(pk)
        if vacancy is None:
            raise Http404
        is_open = vacancy.is_open(day)
        page = {
            "title": vacancy.title,
            "json_ld": _json_ld(vacancy) if vacancy.status == Vacancy.Status.PUBLISHED else "",
            "body": render_to_string(
                "placements/_vacancy_detail_content.html", {"vacancy": vacancy, "is_open": is_open}
            ),
            "is_open": is_open,
        }
        selectors.cache_vacancy_page(pk, language, day, page, version)
    mine, problems = None, []
    if page["is_open"] and request.user.is_authenticated and request.user.uses_seeker_pages:
        vacancy = vacancy or selectors.vacancy_for_page(pk)
        if vacancy is None:
            raise Http404
        seeker = _seeker_for(request.user)
        mine = Application.objects.filter(vacancy=vacancy, seeker=seeker).first() if seeker else None
        if mine is None:
            problems = services.apply_problems(vacancy=vacancy, seeker=seeker)
    return render(
        request,
        "placements/vacancy_detail.html",
        {
            "pk": int(pk),
            "title": page["title"],
            "json_ld": mark_safe(page["json_ld"]),  # noqa: S308 - json.dumps with "</" escaped
            "body": mark_safe(page["body"]),  # noqa: S308 - rendered by our template, autoescaped
            "is_open": page["is_open"],
            "mine": mine,
            "problems": problems,
            "apply_form": ApplyForm(),
        },
    )


REGISTER_CACHE_SECONDS = 600


def register(request):
    """Verified institutions with their placement figures and verified employers with their
    open vacancies. The figures are cached for ten minutes (they change with verifications)."""
    key = f"placements:register:{request.LANGUAGE_CODE}"
    data = cache_get(key)
    if data is None:
        providers = Provider.objects.filter(is_active=True).select_related("kecamatan").order_by("name")
        figures = selectors.institution_figures(providers)
        employers = list(
            Employer.objects.verified()
            .select_related("kecamatan", "industrial_estate", "sector")
            .annotate_open_vacancies()
            .order_by("name")
        )
        data = {"institutions": list(figures.values()), "employers": employers}
        cache_set(key, data, REGISTER_CACHE_SECONDS)
    return render(request, "placements/register.html", {**data, "report_form": BrokerReportForm()})


@throttle("broker_report", per_ip=(5, 3600))  # anonymous: per connection only
def broker_report(request):
    form = BrokerReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.broker_report_submit(report=form.save(commit=False), actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Disnaker staff will look into your report."))
            return redirect("vacancies:register")
    return render(request, "placements/broker_report.html", {"form": form})


# --- Seekers -------------------------------------------------------------------------------------


@login_required
@require_POST
@throttle("vacancy_application", per_account=(20, 3600), per_ip=(60, 3600))
def apply(request, pk):
    vacancy = get_object_or_404(Vacancy.objects.published().select_related("employer"), pk=pk)
    form = ApplyForm(request.POST)
    note = form.cleaned_data["cover_note"] if form.is_valid() else ""
    try:
        services.application_apply(
            vacancy=vacancy, seeker=_seeker_for(request.user), actor=request.user, cover_note=note
        )
    except PlacementError as exc:
        _error(request, exc)
        return redirect(vacancy.get_absolute_url())
    messages.success(request, _("Your application has been sent to %(employer)s.") % {"employer": vacancy.employer})
    return redirect("placements:my_applications")


@login_required
def my_applications(request):
    seeker = _seeker_for(request.user)
    page = Paginator(selectors.applications_for_seeker(seeker), 20).get_page(request.GET.get("page"))
    return render(request, "placements/my_applications.html", {"seeker": seeker, "page": page})


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application.objects.filter(seeker__user=request.user), pk=pk)
    try:
        services.application_withdraw(application=application, actor=request.user)
    except PlacementError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("You have withdrawn your application."))
    return redirect("placements:my_applications")


@login_required
def my_placements(request):
    seeker = _seeker_for(request.user)
    if seeker is None:
        return redirect("seekers:dashboard")
    form = PlacementReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.placement_report(
                seeker=seeker,
                reporter=Placement.Reporter.SEEKER,
                actor=request.user,
                employer=data["employer"],
                employer_name=data["employer_name"],
                position=data["position"],
                contract_type=data["contract_type"],
                start_date=data["start_date"],
                channel=data["channel"],
                wage=data["wage"],
                evidence=data["evidence"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Disnaker will verify your new job."))
            return redirect("placements:my_placements")
    placements = selectors.placements_for_seeker(seeker)
    return render(request, "placements/my_placements.html", {"form": form, "placements": placements})


@never_cache
def follow_up(request, token):
    """The one-tap answer from the follow-up message. The token is the key: no login needed
    (people open it on the phone the SMS came to)."""
    item = get_object_or_404(FollowUp.objects.select_related("placement__employer"), token=token)
    if request.method == "POST" and request.POST.get("answer") in ("yes", "no"):
        services.follow_up_answer(follow_up=item, still_employed=request.POST["answer"] == "yes", actor=request.user)
        messages.success(request, _("Thank you for your answer."))
        return redirect("placements:follow_up", token=token)
    return render(request, "placements/follow_up.html", {"follow_up": item, "placement": item.placement})


def evidence(request, pk):
    """The evidence file of a placement, for whoever may see the placement (Disnaker, the
    employer or institution it belongs to, the person). Staff access is audited."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    placement = get_object_or_404(Placement.objects.for_user(request.user), pk=pk)
    if not placement.evidence:
        raise Http404
    if placement.seeker.user_id != request.user.pk:
        audit(actor=request.user, obj=placement, action="viewed_evidence")
    extension = "pdf" if placement.evidence_content_type == "application/pdf" else "jpg"
    response = FileResponse(
        placement.evidence.open("rb"),
        content_type=placement.evidence_content_type,
        as_attachment=True,
        filename=f"bukti-penempatan-{placement.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Employer pages ------------------------------------------------------------------------------


def employer_request(request):
    form = EmployerAccountRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.employer_account_request(
                company_name=data["company_name"],
                nib=data["nib"],
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                password=data["password"],
                position=data["position"],
                letter=data["letter"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, _("Your request has been received. Disnaker will verify it and tell you by email.")
            )
            return redirect("vacancies:register")
    return render(request, "placements/employer_request.html", {"form": form})


def _employer(request) -> Employer:
    """The employer the logged-in officer works for (404 for anyone else, Disnaker included:
    staff work in the admin)."""
    employer = selectors.employer_for_user(request.user)
    if employer is None:
        raise Http404
    return employer


def _employer_vacancy(request, pk) -> Vacancy:
    return get_object_or_404(
        Vacancy.objects.for_user(request.user).select_related("employer", "occupation", "kecamatan", "min_education"),
        pk=pk,
    )


@employer_required
def employer_home(request):
    employer = _employer(request)
    vacancies = (
        Vacancy.objects.filter(employer=employer)
        .select_related("occupation", "kecamatan")
        .with_applicant_count()
        .defer("description", "search_text")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(vacancies, 20).get_page(request.GET.get("page"))
    shares = selectors.local_share_by_year(employer)
    return render(
        request,
        "placements/employer_home.html",
        {"employer": employer, "page": page, "shares": shares, "min_share": settings.LOCAL_WORKER_MIN_SHARE},
    )


@employer_required
def employer_vacancy_edit(request, pk=None):
    employer = _employer(request)
    vacancy = _employer_vacancy(request, pk) if pk else Vacancy(employer=employer)
    if vacancy.pk and vacancy.status != Vacancy.Status.DRAFT:
        messages.error(request, _("Only a draft can be changed. Ask Disnaker to change a published vacancy."))
        return redirect("placements:employer_vacancy", pk=vacancy.pk)
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        vacancy = form.save(commit=False)
        vacancy.employer = employer  # never from the form: no posting for another company
        try:
            services.vacancy_save(vacancy=vacancy, actor=request.user, programs=form.cleaned_data["relevant_programs"])
            if "submit" in request.POST:
                services.vacancy_submit(vacancy=vacancy, actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            if "submit" in request.POST:
                messages.success(request, _("The vacancy has been sent to Disnaker for verification."))
            else:
                messages.success(request, _("The draft has been saved."))
            return redirect("placements:employer_vacancy", pk=vacancy.pk)
    return render(request, "placements/employer_vacancy_form.html", {"form": form, "vacancy": vacancy})


@employer_required
@require_POST
def employer_vacancy_submit(request, pk):
    vacancy = _employer_vacancy(request, pk)
    try:
        services.vacancy_submit(vacancy=vacancy, actor=request.user)
    except PlacementError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The vacancy has been sent to Disnaker for verification."))
    return redirect("placements:employer_vacancy", pk=pk)


@employer_required
@require_POST
def employer_vacancy_close(request, pk):
    vacancy = _employer_vacancy(request, pk)
    try:
        services.vacancy_close(vacancy=vacancy, actor=request.user, filled=request.POST.get("filled") == "1")
    except PlacementError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The vacancy is closed."))
    return redirect("placements:employer_vacancy", pk=pk)


def _applicant_rows(rows) -> str:
    """The ranked list's rows, written here rather than by a template loop (most of the page's
    time for 25 rows: url reversing, variable lookups, 75 model instances). Every value from the
    database goes through escape(); the NIK is masked as everywhere in lists."""

    def badge(label, css="text-bg-light border"):
        return f' <span class="badge {css}">{escape(label)}</span>'

    edu, cert, local = (
        badge(_("education meets the minimum")),
        badge(_("relevant certificate")),
        badge(_("local resident")),
    )
    card, proposed = badge(_("active AK/1")), badge(_("proposed by Disnaker"), "text-bg-info")
    skills, fit = escape(_("skills match")), escape(_("Fit"))
    statuses = {value: escape(label) for value, label in Application.Status.choices}
    marker = "987654321987"
    url = reverse("placements:employer_application", args=[marker])
    html = []
    for a in rows:
        reasons = "".join(
            (
                edu if a["meets_education"] else "",
                f' <span class="badge text-bg-light border">{a["skills_matched"]} {skills}</span>'
                if a["skills_matched"] else "",
                cert if a["has_certificate"] else "",
                local if a["is_local"] else "",
                card if a["has_active_card"] else "",
                proposed if a["proposed_by_id"] else "",
            )
        )  # fmt: skip
        if a["seeker__domicile_kecamatan_id"]:
            place = a["seeker__domicile_kecamatan__name"]
        else:
            place = a["seeker__domicile_outside"]
        html.append(
            f'<a href="{url.replace(marker, str(int(a["pk"])))}" class="list-group-item list-group-item-action" '
            f'data-testid="applicant"><div class="d-flex justify-content-between flex-wrap">'
            f'<span data-testid="applicant-name">{escape(a["seeker__full_name"])}</span> '
            f'<span class="badge {Application.BADGES.get(a["status"], "text-bg-secondary")}" '
            f'data-testid="applicant-status">{statuses.get(a["status"]) or escape(a["status"])}</span></div>'
            f'<div class="small">{escape(mask_nik(a["seeker__nik"]))} · '
            f"{escape(a['seeker__education_level__name'] or '–')} · {escape(place or '')}</div>"
            f'<div class="small" data-testid="fit-reasons">{fit} {int(a["fit_score"])}:{reasons}</div></a>\n'
        )
    return mark_safe("".join(html))  # noqa: S308 - every value escaped above


@employer_required
def employer_vacancy(request, pk):
    """The ranked applicants, 25 a page: the vacancy comes with its applicant count (one query, no
    separate COUNT), the page's rows as plain values."""
    vacancy = get_object_or_404(
        Vacancy.objects.for_user(request.user)
        .select_related("employer", "kecamatan")
        .only(
            "employer__name",
            "kecamatan__name",
            "title",
            "status",
            "status_reason",
            "closing_date",
            "wage_min",
            "wage_max",
            "contract_type",
        )
        .annotate(applicants=selectors.applicant_count_sql()),  # fmt: skip
        pk=pk,
    )
    paginator = Paginator(selectors.ranked_applicant_rows(vacancy), 25)
    paginator.__dict__["count"] = vacancy.applicants  # fills the cached_property: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "placements/employer_vacancy.html",
        {"vacancy": vacancy, "page": page, "rows": _applicant_rows(page)},
    )


def _employer_application(request, pk) -> Application:
    return get_object_or_404(
        Application.objects.for_user(request.user).select_related(
            "vacancy__employer", "seeker__education_level", "seeker__domicile_kecamatan", "seeker__user"
        ),
        pk=pk,
    )


@employer_required
def employer_application(request, pk):
    """One applicant in full: the NIK and contact details an employer sees only for applicants
    to its own vacancies (audited)."""
    application = _employer_application(request, pk)
    audit(actor=request.user, obj=application, action="viewed_applicant")
    seeker = application.seeker
    return render(
        request,
        "placements/employer_application.html",
        {
            "application": application,
            "seeker": seeker,
            "skills": list(seeker.skills.all()),
            "decision_form": DecisionForm(),
        },
    )


@employer_required
@require_POST
def employer_decide(request, pk):
    application = _employer_application(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("placements:employer_application", pk=pk)
    data = form.cleaned_data
    stale = stale_decisions(request, [application])
    if stale and Application.workflow.can(application.status, data["decision"]):
        # An allowed move, but not on what the page showed (a colleague decided meanwhile): ask.
        labels = dict(Application.Status.choices)
        return render(
            request,
            "confirm_stale.html",
            {
                "stale": [(application.seeker.full_name, labels.get(seen, seen), labels.get(now, now))
                          for _app, seen, now in stale],
                "fields": confirmation_fields(request, stale),
                "decision": dict(DecisionForm.DECISIONS)[data["decision"]],
                "action": reverse("placements:employer_decide", args=[pk]),
                "back": reverse("placements:employer_application", args=[pk]),
            },
            status=409,
        )  # fmt: skip
    try:
        services.application_move(
            application=application,
            to_status=data["decision"],
            actor=request.user,
            reason=data["reason"],
            start_date=data.get("start_date"),
            wage=data.get("wage"),
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The applicant's status has been updated."))
    return redirect("placements:employer_application", pk=pk)


@employer_required
def employer_export(request, pk):
    """The applicants of one vacancy: NIKs masked, formula-safe, audited."""
    vacancy = _employer_vacancy(request, pk)
    audit(actor=request.user, obj=vacancy, action="applicants_exported")
    header = [_("Rank"), _("Name"), _("NIK"), _("Education"), _("Kecamatan"), _("Fit"), _("Status"), _("Applied at")]

    def rows():
        for number, a in enumerate(selectors.ranked_applicants(vacancy).iterator(chunk_size=500), start=1):
            s = a.seeker
            yield [
                number,
                s.full_name,
                mask_nik(s.nik),
                s.education_level.name if s.education_level else "",
                s.domicile_kecamatan.name if s.domicile_kecamatan else s.domicile_outside,
                a.fit_score,
                a.get_status_display(),
                a.applied_at,
            ]

    response = exports.csv_response(f"pelamar-{vacancy.pk}", header, rows())
    response["Cache-Control"] = "private, no-store"
    return response


@employer_required
def employer_placements(request):
    employer = _employer(request)
    placements = Placement.objects.filter(employer=employer).select_related("seeker").order_by("-start_date", "-pk")
    page = Paginator(placements, 25).get_page(request.GET.get("page"))
    return render(request, "placements/employer_placements.html", {"employer": employer, "page": page})


@employer_required
def employer_evidence(request, pk):
    placement = get_object_or_404(Placement.objects.for_user(request.user), pk=pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_attach_evidence(
                placement=placement, upload=form.cleaned_data["evidence"], actor=request.user
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The evidence has been uploaded."))
            return redirect("placements:employer_placements")
    return render(request, "placements/evidence_form.html", {"form": form, "placement": placement})


def performance_pdf(request, pk):
    """An employer's hires and local share per year, for Disnaker's follow-up letter. Disnaker
    staff for any employer, employer staff for their own."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    employer = get_object_or_404(Employer.objects.for_user(request.user), pk=pk)
    audit(actor=request.user, obj=employer, action="performance_printed")
    content = pdf.employer_performance_pdf(employer, rows=selectors.local_share_by_year(employer))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kinerja-{employer.nib}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Partner-institution pages -------------------------------------------------------------------


def _provider(request) -> Provider:
    staff = ProviderStaff.objects.select_related("provider").filter(user=request.user).first()
    if staff is None:
        raise Http404
    return staff.provider


@partner_required
def partner_placements(request):
    provider = _provider(request)
    graduates = (
        Enrolment.objects.for_user(request.user)
        .filter(status=Enrolment.Status.COMPLETED)
        .select_related("seeker", "batch__program")
        .order_by("seeker__full_name", "pk")
    )
    form = PlacementReportForm(request.POST or None, request.FILES or None, enrolments=graduates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enrolment = data["enrolment"]
        try:
            services.placement_report(
                seeker=enrolment.seeker,
                reporter=Placement.Reporter.INSTITUTION,
                actor=request.user,
                enrolment=enrolment,
                employer=data["employer"],
                employer_name=data["employer_name"],
                position=data["position"],
                contract_type=data["contract_type"],
                start_date=data["start_date"],
                channel=data["channel"],
                wage=data["wage"],
                evidence=data["evidence"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The placement has been reported. Disnaker will verify it."))
            return redirect("placements:partner_placements")
    figures = selectors.institution_figures([provider])[provider.pk]
    placements = (
        Placement.objects.for_user(request.user).select_related("seeker", "employer").order_by("-start_date", "-pk")
    )
    page = Paginator(placements, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "placements/partner_placements.html",
        {"provider": provider, "figures": figures, "form": form, "page": page, "today": timezone.localdate()},
    )


# --- Disnaker: proposing seekers -----------------------------------------------------------------


@staff_permission_required("placements.add_application")
def propose(request, pk):
    vacancy = get_object_or_404(Vacancy.objects.published().select_related("employer", "min_education"), pk=pk)
    candidates = list(selectors.seekers_matching(vacancy)[:50])
    form = ProposeForm(request.POST or None, seeker_ids=[s.pk for s in candidates])
    if request.method == "POST" and form.is_valid():
        chosen = [s for s in candidates if s.pk in set(form.cleaned_data["seekers"])]
        done = 0
        for seeker in chosen:
            try:
                services.application_propose(vacancy=vacancy, seeker=seeker, actor=request.user)
                done += 1
            except PlacementError as exc:
                messages.warning(request, f"{seeker.full_name}: {' '.join(exc.messages)}")
        messages.success(request, _("%(n)s job seekers proposed.") % {"n": done})
        return redirect("placements:propose", pk=pk)
    return render(request, "placements/propose.html", {"vacancy": vacancy, "candidates": candidates, "form": form})
