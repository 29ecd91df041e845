import json
import zipfile
from io import BytesIO

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.formatting import long_date
from core.throttle import throttle

from . import forms, services
from . import nik as nik_rules
from .card_pdf import render_card_pdf
from .models import AK1Card, Document, JobSeeker
from .occupations import COMMON_OCCUPATIONS
from .sections import render_sections, seeker_id_of
from .selectors import seeker_for_dashboard, seeker_personal_data


def _own_profile(request, *, prefetch=False):
    """The logged-in user's profile, or None. One query (plus prefetches when asked)."""
    qs = JobSeeker.objects.filter(user=request.user)
    if prefetch:
        qs = qs.select_related("domicile_kecamatan", "education_level").prefetch_related(
            "educations", "skills", "documents"
        )
    return qs.first()


def _profile_or_redirect(view):
    """Profile sections need the personal-data step first."""

    def wrapped(request, *args, **kwargs):
        seeker = _own_profile(request)
        if seeker is None:
            messages.info(request, _("Fill in your personal data first."))
            return redirect("seekers:profile_personal")
        return view(request, seeker, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


@throttle("registration", per_account=(3, 3600), per_ip=(10, 3600), account_field="identifier")
def register(request):
    if request.user.is_authenticated:
        return redirect("seekers:dashboard")
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.seeker_register(
                email=form.email,
                phone=form.phone,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error("identifier", error)
        else:
            login(request, user, backend="accounts.backends.EmailOrPhoneBackend")
            messages.success(request, _("Your account is ready. Now fill in your personal data."))
            return redirect("seekers:profile_personal")
    return render(request, "seekers/register.html", {"form": form})


@login_required
def dashboard(request):
    # The profile, its card and the other apps' sections come from the cache while nothing they
    # show changed (seekers/sections.py): the profile is loaded only to render them afresh.
    seeker_id = seeker_id_of(request.user)
    sections = render_sections(request, seeker_id, lambda: seeker_for_dashboard(request.user))
    return render(request, "seekers/dashboard.html", {"has_profile": seeker_id is not None, "sections": sections})


@login_required
def profile_personal(request):
    seeker = _own_profile(request)
    creating = seeker is None
    if creating:
        seeker = JobSeeker(user=request.user, full_name=request.user.full_name, phone=request.user.phone or "")
    form = forms.PersonalForm(request.POST or None, instance=seeker)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(seeker=form.instance, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Personal data saved."))
            _warn_birth_date_mismatch(request, form.instance)
            return redirect("seekers:profile_education" if creating else "seekers:dashboard")
    return render(request, "seekers/profile_personal.html", {"form": form, "creating": creating, "step": "personal"})


def _warn_birth_date_mismatch(request, seeker):
    """A NIK carries the birth date: when the one entered differs, say so kindly (it is saved;
    staff see the flag). Often a typo in one of them, sometimes the KTP's own mistake."""
    try:
        info = nik_rules.parse_nik(seeker.nik)
    except ValidationError:
        return
    if seeker.birth_date and info.birth_date != seeker.birth_date:
        messages.warning(
            request,
            _(
                "Please check: your NIK says you were born on %(nik_date)s, and you entered %(entered)s. "
                "If the date you entered is right (the KTP can be wrong), you need not do anything: Disnaker "
                "will check it. Otherwise, correct it in Personal data."
            )
            % {"nik_date": long_date(info.birth_date), "entered": long_date(seeker.birth_date)},
        )


def _formset_section(request, seeker, *, template, step, main_form, formsets, next_url, skills=False):
    """One profile page: an optional main form and inline formsets, saved together or not at all
    (seekers.services.profile_section_save). The main form is a form of the profile's own fields,
    or, with `skills`, the skills form."""
    if request.method == "POST" and (main_form is None or main_form.is_valid()) and all(f.is_valid() for f in formsets):
        services.profile_section_save(
            seeker=seeker,
            actor=request.user,
            profile_form=None if skills else main_form,
            formsets=formsets,
            skills=main_form.cleaned_data["skills"] if skills else None,
        )
        messages.success(request, _("Saved."))
        if "add_row" in request.POST:
            # "Add another" without JavaScript: what was typed is saved; the page comes back
            # with a fresh empty row under the saved ones.
            return redirect(request.path + "#" + request.POST["add_row"][:20])
        return redirect(next_url)
    shown = None if step == "education" else main_form  # derived there, never asked
    context = {"form": shown, "formsets": formsets, "step": step, "seeker": seeker}
    if step == "preferences":
        context["occupations"] = COMMON_OCCUPATIONS
    return render(request, template, context)


@_profile_or_redirect
def profile_education(request, seeker):
    """Schools and courses. The last education printed on the card is not asked separately
    (it was asked twice): it is the highest level among the schools entered."""
    data = request.POST or None
    educations = forms.EducationFormSet(data, instance=seeker, prefix="edu")
    educations.title = _("Schools and universities")
    educations.help = _("Your highest level is printed on the AK/1 card as your last education.")
    trainings = forms.NonFormalTrainingFormSet(data, instance=seeker, prefix="course")
    trainings.title = _("Courses and non-formal training")
    level_form = None
    if request.method == "POST" and educations.is_valid():
        levels = [
            form.cleaned_data["level"]
            for form in educations.forms
            if form.cleaned_data and form.cleaned_data.get("level") and not form.cleaned_data.get("DELETE")
        ]
        highest = max(levels, key=lambda level: level.rank, default=None)
        if highest is not None:
            level_form = forms.EducationLevelForm({"education_level": highest.pk}, instance=seeker)
    return _formset_section(
        request, seeker, template="seekers/profile_section.html", step="education",
        main_form=level_form, formsets=[educations, trainings],
        next_url=reverse("seekers:profile_experience"),
    )  # fmt: skip


@_profile_or_redirect
def profile_experience(request, seeker):
    experiences = forms.ExperienceFormSet(request.POST or None, instance=seeker, prefix="exp")
    experiences.title = _("Work experience")
    experiences.help = _("Leave empty if you have not worked yet.")
    return _formset_section(
        request, seeker, template="seekers/profile_section.html", step="experience",
        main_form=None, formsets=[experiences],
        next_url=reverse("seekers:profile_skills"),
    )  # fmt: skip


@_profile_or_redirect
def profile_skills(request, seeker):
    data = request.POST or None
    initial = {"skills": ", ".join(seeker.skills.values_list("name", flat=True))}
    skills_form = forms.SkillsForm(data, initial=initial)
    languages = forms.LanguageFormSet(data, instance=seeker, prefix="lang")
    languages.title = _("Languages")
    languages.help = _("For Japanese, choose your JLPT level.")
    return _formset_section(
        request, seeker, template="seekers/profile_section.html", step="skills",
        main_form=skills_form, formsets=[languages], skills=True,
        next_url=reverse("seekers:profile_preferences"),
    )  # fmt: skip


@_profile_or_redirect
def profile_preferences(request, seeker):
    form = forms.PreferencesForm(request.POST or None, instance=seeker)
    return _formset_section(
        request, seeker, template="seekers/profile_section.html", step="preferences",
        main_form=form, formsets=[], next_url=reverse("seekers:profile_documents"),
    )  # fmt: skip


@_profile_or_redirect
@throttle("upload", per_account=(20, 3600), per_ip=(60, 3600))
def profile_documents(request, seeker):
    """One form with a file field per document: each "Upload" button and "Done" alike send every
    chosen file, so a file chosen but not uploaded on its own is never dropped by "Done"."""
    forms_by_kind = {}
    if request.method == "POST" and "kind" in request.POST:
        # One document per request (the form's field names before the single form; still accepted).
        kind = request.POST.get("kind")
        if kind not in Document.Kind.values:
            raise Http404
        forms_by_kind[kind] = forms.DocumentForm(request.POST, request.FILES, kind=kind)
    elif request.method == "POST":
        for kind in Document.Kind.values:
            if f"{kind}-file" in request.FILES:
                forms_by_kind[kind] = forms.DocumentForm(request.POST, request.FILES, kind=kind, prefix=kind)
    stored, failed = [], {}
    for kind, form in forms_by_kind.items():
        if form.is_valid() and not form.cleaned_data["file"]:
            form.add_error("file", ValidationError(_("Choose a file first."), code="required"))
        elif form.is_valid():
            try:
                services.document_store(seeker=seeker, kind=kind, upload=form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error)
            else:
                stored.append(str(Document.Kind(kind).label))
                continue
        failed[kind] = form
    if request.method == "POST" and not failed:
        if stored:
            messages.success(request, _("%(document)s uploaded.") % {"document": ", ".join(stored)})
        if "finish" in request.POST:
            return redirect("seekers:dashboard")
        return redirect("seekers:profile_documents")
    documents = {d.kind: d for d in seeker.documents.all()}
    slots = [
        {
            "kind": kind,
            "label": label,
            "document": documents.get(kind),
            "form": failed.get(kind) or forms.DocumentForm(kind=kind, prefix=kind),
        }
        for kind, label in Document.Kind.choices
    ]
    return render(request, "seekers/profile_documents.html", {"slots": slots, "step": "documents", "seeker": seeker})


def _owned_or_audited(request, obj, seeker, what):
    """`obj` (of `seeker`) for its owner, or for staff allowed to see personal data (and then the
    access goes into the audit trail); a 404 for anyone else, which does not confirm it exists."""
    if seeker.user_id == request.user.pk:
        return obj
    if request.user.has_perm("seekers.view_full_nik"):
        services.audit_personal_data_view(actor=request.user, seeker=seeker, what=what)
        return obj
    raise Http404


def _document_for(request, pk):
    document = get_object_or_404(Document.objects.select_related("seeker"), pk=pk)
    return _owned_or_audited(request, document, document.seeker, document.kind)


@never_cache
@login_required
def document(request, pk, thumbnail=False):
    doc = _document_for(request, pk)
    field = doc.thumbnail if thumbnail and doc.thumbnail else doc.file
    as_attachment = doc.content_type == "application/pdf"
    filename = f"{doc.kind}-{doc.pk}.{'pdf' if as_attachment else 'jpg'}"
    if as_attachment and field.storage.presigned:
        # Media on S3: after the check above, a URL valid for a minute (seekers/storage.py).
        # Images are still streamed from here: small, and same-origin for the page's CSP.
        url = field.storage.presigned_url(
            field.name, filename=filename, content_type=doc.content_type, as_attachment=True
        )
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            field.open("rb"), content_type=doc.content_type, as_attachment=as_attachment, filename=filename
        )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def card(request):
    seeker = _own_profile(request, prefetch=True)
    if seeker is None:
        return redirect("seekers:profile_personal")
    current = AK1Card.objects.current().filter(seeker=seeker).first()
    history = AK1Card.objects.filter(seeker=seeker).exclude(pk=getattr(current, "pk", None))
    return render(request, "seekers/card.html", {"seeker": seeker, "card": current, "history": history})


@require_POST
@login_required
def card_issue(request):
    seeker = _own_profile(request, prefetch=True)
    if seeker is None:
        return redirect("seekers:profile_personal")
    try:
        services.card_issue(seeker=seeker, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your AK/1 card has been issued."))
    return redirect("seekers:card")


def _card_for(request, pk):
    card = get_object_or_404(AK1Card.objects.select_related("seeker__user"), pk=pk)
    return _owned_or_audited(request, card, card.seeker, "card")


@never_cache
@login_required
def card_pdf(request, pk):
    card = _card_for(request, pk)
    pdf = render_card_pdf(card, verify_url=request.build_absolute_uri(card.get_verify_url()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="AK1-{card.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def card_report(request):
    seeker = _own_profile(request)
    card = AK1Card.objects.filter(seeker=seeker, status=AK1Card.Status.ACTIVE).first() if seeker else None
    if card is None:
        messages.info(request, _("You have no active AK/1 card to report on."))
        return redirect("seekers:card")
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.card_report(
                card=card, actor=request.user, still_looking=data["still_looking"], employer=data["employer"],
                position=data["position"], start_date=data["start_date"],
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if data["still_looking"]:
                messages.success(request, _("Thank you. Your next report is due in six months."))
            else:
                messages.success(request, _("Congratulations on your new job! Your AK/1 card is now closed."))
            return redirect("seekers:dashboard")
    return render(request, "seekers/card_report.html", {"form": form, "card": card})


def card_verify(request, token):
    """Public page reached through the QR code: only what a checker needs."""
    card = get_object_or_404(AK1Card.objects.select_related("seeker"), token=token)
    return render(request, "seekers/card_verify.html", {"card": card, "today": timezone.localdate()})


@never_cache
@login_required
def my_data(request):
    """UU PDP right of access: everything the portal holds about the user, with their files."""
    data = seeker_personal_data(request.user)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        seeker = _own_profile(request)
        for doc in seeker.documents.all() if seeker else []:
            with doc.file.open("rb") as fh:
                archive.writestr(
                    f"documents/{doc.kind}.{'pdf' if doc.content_type.endswith('pdf') else 'jpg'}", fh.read()
                )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="data-saya.zip"'
    return response


@login_required
def deletion_request(request):
    form = forms.DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.deletion_request(user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Your request has been received. Disnaker will process it within 14 days."))
        return redirect("seekers:dashboard")
    return render(request, "seekers/deletion_request.html", {"form": form})
