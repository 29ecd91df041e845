from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import staff_permission_required
from accounts.roles import Role
from core.concurrency import confirmation_fields, stale_decisions
from core.exports import csv_response, xlsx_response
from core.models import AuditLog
from core.services import audit
from core.throttle import throttle
from seekers import sections
from seekers.models import JobSeeker
from seekers.sections import seeker_id_of
from trainings.models import ProviderStaff

from . import repayments, selectors, services
from .forms import (
    ApplicationForm,
    ConfirmForm,
    DecisionForm,
    DisburseForm,
    DocumentForm,
    OfferForm,
    ReasonForm,
    RepaymentUploadForm,
    SimulatorForm,
    SubmitForm,
    TermsForm,
    VerifyForm,
)
from .models import Application, LoanDocument, Product, RepaymentFile, bank_of
from .schedule import build_schedule

S = Application.Status
bank_required = staff_permission_required("accounts.access_bank_portal")
staff_required = staff_permission_required("financing.view_application")
staff_change_required = staff_permission_required("financing.change_application")
partner_required = staff_permission_required("accounts.access_partner_portal")


def _page(request, queryset, per_page=25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _error(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


# --- Public --------------------------------------------------------------------------------------


def index(request):
    return render(request, "financing/index.html", {"products": selectors.published_products()})


def product(request, pk):
    item = get_object_or_404(Product.objects.published().select_related("bank"), pk=pk)
    return render(request, "financing/product.html", {"product": item})


def simulator(request):
    """Public, no login, no JavaScript: a GET form and the schedule under it."""
    products = selectors.published_products_cached()
    bound = "amount" in request.GET
    initial = {"product": request.GET.get("product") or (products[0].pk if products else None)}
    form = SimulatorForm(request.GET if bound else None, products=products, initial=initial)
    schedule = None
    if bound and form.is_valid():
        chosen = form.cleaned_data["product"]
        schedule = build_schedule(
            principal=form.cleaned_data["amount"],
            annual_rate=chosen.annual_rate,
            tenor=form.cleaned_data["tenor"],
            method=chosen.method,
            grace=chosen.grace_months,
            start=timezone.localdate(),
        )
    chosen = form.cleaned_data.get("product") if bound and form.is_valid() else None
    return render(
        request,
        "financing/simulator.html",
        {"form": form, "schedule": schedule, "chosen": chosen, "products": products},
    )


# --- The seeker's pages --------------------------------------------------------------------------


def _seeker(user):
    return JobSeeker.objects.filter(user=user).select_related("domicile_kecamatan").first()


def _own(request, pk):
    return get_object_or_404(
        Application.objects.filter(seeker__user=request.user)
        .select_related("product", "bank", "seeker", "enrolment__batch__program__provider", "candidacy__intake")
        .defer(*selectors.WIDE_PROGRAM_FIELDS),
        pk=pk,
    )


@login_required
def my_applications(request):
    seeker = JobSeeker.objects.filter(user=request.user).first()
    page = _page(request, selectors.applications_for_seeker(seeker), 20)
    return render(request, "financing/my_applications.html", {"seeker": seeker, "page": page})


@login_required
@throttle("loan_application", per_account=(10, 3600), per_ip=(30, 3600))
def apply(request, pk):
    item = get_object_or_404(Product.objects.published().select_related("bank"), pk=pk)
    seeker = _seeker(request.user)
    departure = item.purpose == Product.Purpose.DEPARTURE
    candidacy = services.departure_candidacy(seeker) if departure else None
    enrolments = [] if departure else list(services.eligible_enrolments(seeker))
    initial = {"amount": request.GET.get("amount", ""), "tenor": request.GET.get("tenor", "")}
    form = ApplicationForm(
        request.POST or None, product=item, enrolments=enrolments, departure=departure, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                seeker=seeker,
                product=item,
                enrolment=form.cleaned_data.get("enrolment"),
                candidacy=candidacy,
                amount=form.cleaned_data["amount"],
                tenor=form.cleaned_data["tenor"],
                actor=request.user,
            )
        except services.FinancingError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Draft saved. Upload your documents, then submit."))
            return redirect(application.get_absolute_url())
    problems = services.eligibility_problems(
        seeker=seeker, product=item, enrolment=enrolments[0] if enrolments else None, candidacy=candidacy
    )
    return render(
        request,
        "financing/apply.html",
        {
            "product": item,
            "form": form,
            "problems": problems,
            "seeker": seeker,
            "candidacy": candidacy,
            "can_apply": bool(candidacy if departure else enrolments),
        },
    )


def _next_step(application, missing):
    """What is expected of the seeker now, in one sentence."""
    status = application.status
    if status in (S.DRAFT, S.RETURNED):
        if missing:
            return _("Upload your documents: %(items)s.") % {"items": ", ".join(missing)}
        return _("Check the summary and submit your application.")
    return {
        S.SUBMITTED: _("Nothing for now: Disnaker is checking your application."),
        S.VERIFIED: _("Nothing for now: Disnaker will send your file to the bank."),
        S.SENT: _("Nothing for now: the bank is deciding."),
        S.CONFIRMING: _("Nothing for now: the bank is deciding."),
        S.APPROVED: _("Read the offer and the product summary, then accept or decline it."),
        S.ACCEPTED: _("Nothing for now: the bank will pay the fee to the institution."),
        S.DISBURSED: _("Pay each instalment on time at the bank."),
        S.REPAYING: _("Pay each instalment on time at the bank."),
        S.ARREARS: _("Your loan is in arrears: contact the bank as soon as possible to agree on how to catch up."),
    }.get(status, "")


def _my_application_html(request, pk, csrf_token):
    application = _own(request, pk)
    # Once the money is paid out the documents are history: the loan page does not list them.
    documents = [] if application.is_loan else list(application.documents.all())
    missing = [] if application.is_loan else services.missing_documents(application, documents)
    instalments = list(application.instalments.all()) if application.is_loan else []
    preview = None
    if application.status in (S.APPROVED, S.DRAFT, S.RETURNED, S.SUBMITTED, S.VERIFIED, S.SENT, S.CONFIRMING):
        preview = build_schedule(
            principal=application.approved_amount or application.amount_requested,
            annual_rate=application.rate if application.status == S.APPROVED else application.product.annual_rate,
            tenor=application.tenor,
            method=application.product.method,
            grace=application.product.grace_months,
            start=timezone.localdate(),
        )
    next_due = next((i for i in instalments if not i.is_paid), None)
    by_kind = {d.kind: d for d in documents}
    slots = [
        {"kind": kind, "label": label, "document": by_kind.get(kind), "form": DocumentForm(initial={"kind": kind})}
        for kind, label in LoanDocument.Kind.choices
    ]
    content = render_to_string(
        "financing/_my_application.html",
        {
            "csrf_token": csrf_token,
            "application": application,
            "slots": slots,
            "missing": missing,
            "instalments": instalments,
            "next_due": next_due,
            "preview": preview,
            "next_step": _next_step(application, missing),
            "editable": application.status in (S.DRAFT, S.RETURNED),
            "terms_form": TermsForm(
                initial={"amount": int(application.amount_requested), "tenor": application.tenor_requested}
            ),
            "submit_form": SubmitForm(),
            "consent_version": services.CONSENT_VERSION,
            "today": timezone.localdate(),
        },
        request=request,
    )
    return {"title": escape(application.reference), "content": content}


@login_required
def my_application(request, pk):
    # Kept in the shared cache per person, application, language and day while nothing it shows
    # changed (seekers.sections.cached_html_with_forms, the models FinancingConfig declares: their
    # applications, documents, instalments, repayments; any bank or product, course or intake);
    # the CSRF tokens of its forms are this request's own, never cached. Only the person's own
    # application is ever rendered (`_own`, a 404 otherwise: nothing cached).
    seeker_id = seeker_id_of(request.user)
    if seeker_id is None:
        raise Http404
    parts = sections.cached_html_with_forms(
        request, f"loan:{int(pk)}", seeker_id, partial(_my_application_html, request, pk)
    )
    return render(request, "financing/my_application.html", parts)


@login_required
@require_POST
def my_terms(request, pk):
    application = _own(request, pk)
    form = TermsForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application.get_absolute_url())
    try:
        services.application_change_terms(
            application=application,
            amount=form.cleaned_data["amount"],
            tenor=form.cleaned_data["tenor"],
            actor=request.user,
        )
    except services.FinancingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Amount and tenor saved."))
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def my_document(request, pk):
    application = _own(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application.get_absolute_url())
    kind = form.cleaned_data["kind"]
    try:
        services.document_store(
            application=application, kind=kind, upload=form.cleaned_data["file"], actor=request.user
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("%(document)s uploaded.") % {"document": LoanDocument.Kind(kind).label})
    return redirect(application.get_absolute_url() + "#dokumen")


@login_required
@require_POST
@throttle("loan_application", per_account=(10, 3600), per_ip=(30, 3600))
def my_submit(request, pk):
    application = _own(request, pk)
    form = SubmitForm(request.POST)
    try:
        services.application_submit(application=application, consent=form.is_valid(), actor=request.user)
    except services.FinancingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Application submitted. Disnaker will check it."))
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def my_offer(request, pk):
    application = _own(request, pk)
    form = OfferForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.offer_answer(
            application=application, accept=form.cleaned_data["answer"] == "accept", actor=request.user
        )
    except services.FinancingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Your answer has been sent to the bank."))
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def my_withdraw(request, pk):
    application = _own(request, pk)
    try:
        services.application_withdraw(
            application=application, actor=request.user, seen_status=request.POST.get("seen_status") or None
        )
    except services.FinancingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Application withdrawn."))
    return redirect(application.get_absolute_url())


@never_cache
@login_required
def document(request, pk, doc):
    """A loan document for its owner, the chosen bank (once the file is sent) or Disnaker staff
    allowed to see personal data (audited); a 404 for everyone else."""
    item = get_object_or_404(LoanDocument.objects.select_related("application__seeker"), pk=doc, application_id=pk)
    application = item.application
    user = request.user
    owner = application.seeker.user_id == user.pk
    bank = not owner and Application.objects.for_bank_user(user).filter(pk=application.pk).exists()
    staff = user.has_perm("financing.view_application") and user.has_perm("seekers.view_full_nik")
    if not (owner or bank or staff):
        raise Http404
    if not owner:
        audit(actor=user, obj=application, action=f"viewed_loan_{item.kind}")
    pdf = item.content_type == "application/pdf"
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=True,
        filename=f"{application.reference}-{item.kind}.{'pdf' if pdf else 'jpg'}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Disnaker staff ------------------------------------------------------------------------------


def _staff_application(request, pk):
    return get_object_or_404(
        Application.objects.for_user(request.user).select_related(
            "product",
            "bank",
            "seeker__domicile_kecamatan",
            "enrolment__batch__program__provider",
            "verified_by",
            "candidacy__intake",
        ),
        pk=pk,
    )


@staff_required
def staff_queue(request):
    status = request.GET.get("status", "")
    if status not in S.values:
        status = ""
    bank = request.GET.get("bank", "")
    banks = list(selectors.banks())
    chosen = next((b for b in banks if str(b.pk) == bank), None)
    page = _page(request, selectors.staff_queue(request.user, status=status, bank=chosen))
    return render(
        request,
        "financing/staff/queue.html",
        {"page": page, "status": status, "statuses": S.choices, "banks": banks, "bank": chosen},
    )


@staff_required
def staff_application(request, pk):
    application = _staff_application(request, pk)
    return render(
        request,
        "financing/staff/application.html",
        {
            "application": application,
            "documents": list(application.documents.all()),
            "missing": services.missing_documents(application),
            "unpaid": services.unpaid_fee(application.enrolment, exclude=application)
            if application.enrolment
            else None,
            "verify_form": VerifyForm(),
            "reason_form": ReasonForm(),
            "history": _history(application),
        },
    )


def _history(application):
    return AuditLog.objects.filter(
        content_type__app_label="financing", content_type__model="application", object_id=application.pk
    ).select_related("actor")[:50]


def _staff_action(request, pk, action, **kwargs):
    application = _staff_application(request, pk)
    try:
        action(application=application, actor=request.user, **kwargs)
    except services.FinancingError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Application %(ref)s updated.") % {"ref": application.reference})
    return redirect("financing:staff_application", pk=pk)


@staff_change_required
@require_POST
def staff_verify(request, pk):
    form = VerifyForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _staff_action(request, pk, services.application_verify, note=note)


@staff_change_required
@require_POST
def staff_return(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _staff_action(request, pk, services.application_return, reason=reason)


@staff_change_required
@require_POST
def staff_send(request, pk):
    return _staff_action(request, pk, services.application_send)


PORTFOLIO_DIMENSIONS = {
    "bank": _("Bank"),
    "product": _("Product"),
    "institution": _("Institution"),
    "programme": _("Programme"),
    "status": _("Status"),
}


@staff_required
def staff_portfolio(request):
    by = request.GET.get("by", "bank")
    if by not in PORTFOLIO_DIMENSIONS:
        by = "bank"
    applications = Application.objects.for_user(request.user).exclude(status=S.DRAFT)
    return render(
        request,
        "financing/staff/portfolio.html",
        {
            "rows": selectors.portfolio(applications, by=by),
            "by": by,
            "dimensions": PORTFOLIO_DIMENSIONS,
            "arrears": applications.filter(status=S.ARREARS)
            .select_related("seeker", "bank", "product")
            .order_by("-days_past_due", "pk")[:100],
            "totals": selectors.loan_totals(),
        },
    )


EXPORT_HEADER = [
    "reference", "status", "bank", "product", "nik", "name", "institution", "programme", "amount_requested",
    "tenor_requested", "approved_amount", "approved_rate", "approved_tenor", "disbursed_on", "disbursed_amount",
    "outstanding", "days_past_due", "submitted_at",
]  # fmt: skip


def _export(request, applications, filename):
    full_nik = request.user.has_perm("seekers.view_full_nik")
    if full_nik:
        audit(actor=request.user, obj=request.user, action="exported_loans_full_nik")

    def rows():
        for a in selectors.export_rows(applications).iterator(chunk_size=2000):
            program = a.enrolment.batch.program if a.enrolment_id else None
            yield [
                a.reference, a.get_status_display(), a.bank.name, a.product.name,
                a.seeker.nik if full_nik else a.seeker.masked_nik, a.seeker.full_name,
                program.provider.name if program else "", program.title if program else "",
                a.amount_requested, a.tenor_requested, a.approved_amount, a.approved_rate, a.approved_tenor,
                a.disbursed_on, a.disbursed_amount, a.outstanding, a.days_past_due, a.submitted_at,
            ]  # fmt: skip

    if request.GET.get("format") == "xlsx":
        return xlsx_response(filename, EXPORT_HEADER, rows())
    return csv_response(filename, EXPORT_HEADER, rows())


@staff_required
def staff_export(request):
    applications = Application.objects.for_user(request.user).exclude(status=S.DRAFT)
    status = request.GET.get("status", "")
    if status in S.values:
        applications = applications.filter(status=status)
    return _export(request, applications, "pembiayaan")


# --- The bank's pages ----------------------------------------------------------------------------


def _bank_staff(request):
    return bank_of(request.user)


def _bank_application(request, pk):
    return get_object_or_404(
        Application.objects.for_bank_user(request.user).select_related(
            "product", "bank", "seeker__domicile_kecamatan", "enrolment__batch__program__provider", "verified_by",
            "decided_by", "candidacy__intake",
        ),
        pk=pk,
    )  # fmt: skip


BANK_FILTERS = (S.SENT, S.CONFIRMING, S.APPROVED, S.ACCEPTED, S.DISBURSED, S.REPAYING, S.ARREARS, S.SETTLED)


@bank_required
def bank_home(request):
    status = request.GET.get("status", "")
    if status not in S.values:
        status = ""
    page = selectors.bank_queue_page(request.user, status=status, number=request.GET.get("page"))
    return render(
        request,
        "financing/bank/queue.html",
        {
            "bank": _bank_staff(request),
            "page": page,
            "status": status,
            "filters": [(s, S(s).label) for s in BANK_FILTERS],
        },
    )


@bank_required
def bank_application(request, pk):
    application = _bank_application(request, pk)
    audit(actor=request.user, obj=application, action="viewed_loan_file")
    initial = {
        "amount": int(application.amount_requested),
        "rate": application.product.annual_rate,
        "tenor": application.tenor_requested,
    }
    return render(
        request,
        "financing/bank/application.html",
        {
            "application": application,
            "documents": list(application.documents.all()),
            "instalments": list(application.instalments.all()) if application.is_loan else [],
            "decision_form": DecisionForm(initial=initial),
            "confirm_form": ConfirmForm(),
            "disburse_form": DisburseForm(
                initial={"on": timezone.localdate(), "amount": int(application.approved_amount or 0)}
            ),
            "reason_form": ReasonForm(),
            "is_supervisor": request.user.has_role(Role.BANK_SUPERVISOR),
            "four_eyes": application.bank.four_eyes_above,
        },
    )


def _stale_page(request, application, decision, needs):
    """A decision made on a page that showed another state of the file, and still allowed now
    (the file is in status `needs`): the question to ask, or None. A move no longer allowed goes on
    to the service, which refuses it with its own message. See core.concurrency.stale_decisions;
    the page posts `page_state` as `seen_<pk>`."""
    stale = stale_decisions(request, [application], attr="page_state")
    if not stale or application.status != needs:
        return None
    labels = dict(S.choices)
    seen_status, now_status = stale[0][1].split("|")[0], application.status
    now = labels.get(now_status, now_status)
    if seen_status == now_status:
        now = _("%(status)s, with a new decision or payment") % {"status": now}
    return render(
        request,
        "confirm_stale.html",
        {
            "stale": [(f"{application.reference} · {application.seeker.full_name}", labels.get(seen_status, ""), now)],
            "fields": confirmation_fields(request, stale),
            "decision": decision,
            "action": request.path,
            "back": reverse("financing:bank_application", args=[application.pk]),
        },
        status=409,
    )


def _bank_action(request, pk, action, *, decision, needs, **kwargs):
    application = _bank_application(request, pk)
    question = _stale_page(request, application, decision, needs)
    if question is not None:
        return question
    try:
        moved = action(application=application, actor=request.user, **kwargs)
    except services.FinancingError as exc:
        _error(request, exc)
    else:
        if moved.status == S.CONFIRMING:
            messages.info(request, _("Decision recorded: it waits for a supervisor's confirmation."))
        else:
            messages.success(request, _("Application %(ref)s: %(status)s.") % {
                "ref": moved.reference, "status": moved.get_status_display()})  # fmt: skip
    return redirect("financing:bank_application", pk=pk)


def _form_errors(request, form):
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


@bank_required
@require_POST
def bank_decide(request, pk):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _bank_application(request, pk)  # another bank's application is a 404, not a form error
        _form_errors(request, form)
        return redirect("financing:bank_application", pk=pk)
    data = form.cleaned_data
    return _bank_action(
        request, pk, partial(services.application_decide, decision=data["decision"]), amount=data["amount"],
        rate=data["rate"], tenor=data["tenor"], reason=data["reason"],
        decision=Application.Decision(data["decision"]).label, needs=S.SENT,
    )  # fmt: skip


@bank_required
@require_POST
def bank_confirm(request, pk):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        _bank_application(request, pk)
        _form_errors(request, form)
        return redirect("financing:bank_application", pk=pk)
    answer = form.cleaned_data["confirm"]
    return _bank_action(
        request, pk, services.application_confirm, confirm=answer == "yes", reason=form.cleaned_data["reason"],
        decision=dict(form.fields["confirm"].choices)[answer], needs=S.CONFIRMING,
    )  # fmt: skip


@bank_required
@require_POST
def bank_disburse(request, pk):
    form = DisburseForm(request.POST)
    if not form.is_valid():
        _bank_application(request, pk)
        _form_errors(request, form)
        return redirect("financing:bank_application", pk=pk)
    data = form.cleaned_data
    return _bank_action(
        request, pk, services.application_disburse, on=data["on"], amount=data["amount"],
        bank_reference=data["bank_reference"], decision=_("Record the disbursement"), needs=S.ACCEPTED,
    )  # fmt: skip


@bank_required
@require_POST
def bank_write_off(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _bank_action(
        request, pk, services.application_write_off, reason=reason, decision=_("Write off"), needs=S.ARREARS
    )


@bank_required
def bank_repayments(request):
    bank = _bank_staff(request)
    if bank is None:
        raise Http404
    form = RepaymentUploadForm(request.POST or None, request.FILES or None)
    line_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = repayments.import_file(bank=bank, name=upload.name, data=upload.read(), actor=request.user)
        except repayments.RepaymentFileError as exc:
            line_errors = exc.line_errors
            messages.error(request, _("The file was not applied: correct the lines below and upload it again."))
        else:
            if result.already_uploaded:
                messages.info(request, _("This file was uploaded before: nothing changed."))
            else:
                messages.success(
                    request,
                    _("%(rows)s lines read, %(new)s new; %(loans)s loans updated.")
                    % {"rows": result.rows, "new": result.new_rows, "loans": result.loans},
                )
            return redirect("financing:bank_repayments")
    return render(
        request,
        "financing/bank/repayments.html",
        {
            "bank": bank,
            "form": form,
            "line_errors": line_errors,
            "header": ", ".join(repayments.HEADER),
            "files": RepaymentFile.objects.filter(bank=bank).select_related("uploaded_by")[:20],
        },
    )


@bank_required
def bank_export(request):
    applications = Application.objects.for_bank_user(request.user)
    status = request.GET.get("status", "")
    if status in S.values:
        applications = applications.filter(status=status)
    return _export(request, applications, "pembiayaan-bank")


# --- Partner institutions ------------------------------------------------------------------------


@partner_required
def partner_fees(request):
    """All a partner institution learns of a loan: the bank paid the fee, on which day."""
    providers = ProviderStaff.objects.filter(user=request.user).values("provider")
    page = _page(request, selectors.paid_fees_for_provider(providers), 50)
    return render(request, "financing/partner_fees.html", {"page": page})
