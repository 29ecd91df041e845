"""Disnaker's desk for placements. Statuses are read-only here: every change goes through an
action that calls the same service as the employer, partner and seeker pages. Exports are
formula-safe (core.exports), NIKs masked unless the clerk may see them, and audited."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import exports
from core.formatting import rupiah
from core.pagination import LargeTablePaginator
from core.services import audit
from seekers.nik import mask_nik

from . import services
from .models import (
    Application,
    BrokerReport,
    Employer,
    EmployerStaff,
    FollowUp,
    HiringCommitment,
    IndustrialEstate,
    MinimumWage,
    OccupationGroup,
    Placement,
    Vacancy,
)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255, widget=forms.Textarea(attrs={"rows": 2}))


def _report(modeladmin, request, done, refused):
    if done:
        modeladmin.message_user(
            request, ngettext("%(n)s record updated.", "%(n)s records updated.", done) % {"n": done}, messages.SUCCESS
        )
    for label, message in refused:
        modeladmin.message_user(request, f"{label}: {message}", messages.WARNING)


def _each(modeladmin, request, queryset, call):
    """Run `call(obj)` for each selected row; what cannot be done is reported per row."""
    done, refused = 0, []
    for obj in queryset:
        try:
            call(obj)
            done += 1
        except ValidationError as exc:
            refused.append((str(obj), " ".join(exc.messages)))
    _report(modeladmin, request, done, refused)


def _with_reason(modeladmin, request, queryset, *, title, call):
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        _each(modeladmin, request, queryset, lambda obj: call(obj, form.cleaned_data["reason"]))
        return None
    return TemplateResponse(
        request,
        "admin/placements/reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "opts": modeladmin.model._meta,
            "queryset": queryset,
            "form": form,
            "action": request.POST.get("action"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        },
    )


def _export(request, queryset, *, name, header, row, fmt):
    """A streamed, formula-safe export of the selection, audited with its size."""
    full_nik = request.user.has_perm("seekers.view_full_nik")
    audit(actor=request.user, obj=request.user, action=f"{name}_exported", reason=f"{fmt}, full NIK: {full_nik}")
    make = exports.xlsx_response if fmt == "xlsx" else exports.csv_response
    rows = (row(obj, full_nik) for obj in queryset.iterator(chunk_size=500))
    response = make(f"{name}-{timezone.localdate():%Y%m%d}", [str(h) for h in header], rows)
    response["Cache-Control"] = "private, no-store"
    return response


def _nik(seeker, full_nik):
    return seeker.nik if full_nik else mask_nik(seeker.nik)


def _file_response(request, obj, field_file, content_type, filename):
    if not field_file:
        raise Http404
    audit(actor=request.user, obj=obj, action="viewed_evidence")
    response = FileResponse(field_file.open("rb"), content_type=content_type, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


@admin.register(OccupationGroup)
class OccupationGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "source")
    search_fields = ("code", "name")


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    list_display = ("year", "amount_display", "source")

    @admin.display(description=_("monthly amount (Rp)"), ordering="amount")
    def amount_display(self, obj):
        return rupiah(obj.amount)


@admin.register(IndustrialEstate)
class IndustrialEstateAdmin(admin.ModelAdmin):
    list_display = ("name", "kecamatan", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)


class HiringCommitmentInline(admin.TabularInline):
    model = HiringCommitment
    extra = 0


class EmployerStaffInline(admin.TabularInline):
    model = EmployerStaff
    extra = 0
    fields = ("user", "position", "status", "requested_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "nib", "sector", "kecamatan", "industrial_estate", "size", "is_verified", "performance")
    list_filter = (("verified_at", admin.EmptyFieldListFilter), "industrial_estate", "sector", "size", "kecamatan")
    list_select_related = ("sector", "kecamatan", "industrial_estate")
    search_fields = ("name", "nib")
    readonly_fields = ("verified_at",)
    inlines = [HiringCommitmentInline, EmployerStaffInline]
    actions = ["verify", "export_csv", "export_xlsx"]

    def get_queryset(self, request):
        return Employer.objects.for_user(request.user)

    def save_model(self, request, obj, form, change):
        services.employer_save(employer=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("verified"), boolean=True, ordering="verified_at")
    def is_verified(self, obj):
        return obj.is_verified

    @admin.display(description=_("local hiring"))
    def performance(self, obj):
        return format_html('<a href="{}">PDF</a>', reverse("placements:performance_pdf", args=[obj.pk]))

    @admin.action(description=_("Verify selected employers"), permissions=["change"])
    def verify(self, request, queryset):
        _each(self, request, queryset, lambda e: services.employer_verify(employer=e, actor=request.user))

    def _export(self, request, queryset, fmt):
        header = [_("Name"), "NIB", _("KBLI"), _("Sector"), _("Kecamatan"), _("Industrial estate"), _("Size"),
                  _("Contact person"), _("Contact phone"), _("Contact email"), _("Verified at")]  # fmt: skip

        def row(e, full_nik):
            return [e.name, e.nib, e.kbli_code, str(e.sector or ""), str(e.kecamatan or ""),
                    str(e.industrial_estate or ""), e.get_size_display(), e.contact_name, e.contact_phone,
                    e.contact_email, e.verified_at]  # fmt: skip

        return _export(request, queryset, name="perusahaan", header=header, row=row, fmt=fmt)

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")


@admin.register(EmployerStaff)
class EmployerStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "employer", "employer_nib", "position", "status", "requested_at", "letter_link")
    list_filter = ("status",)
    list_select_related = ("user", "employer")
    search_fields = ("user__email", "user__full_name", "employer__name", "employer__nib")
    readonly_fields = ("user", "employer", "position", "status", "status_reason", "requested_at", "letter_link")
    fields = readonly_fields
    actions = ["verify", "reject", "revoke"]

    def get_queryset(self, request):
        return EmployerStaff.objects.for_user(request.user)

    def has_add_permission(self, request):
        return False  # officers request their account on the site, with their letter

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/surat/", self.admin_site.admin_view(self.letter_view), name="placements_employerstaff_letter"
            ),
            *super().get_urls(),
        ]

    def letter_view(self, request, pk):
        staff = get_object_or_404(self.get_queryset(request), pk=pk)
        extension = "pdf" if staff.letter_content_type == "application/pdf" else "jpg"
        return _file_response(request, staff, staff.letter, staff.letter_content_type, f"surat-tugas-{pk}.{extension}")

    @admin.display(description="NIB")
    def employer_nib(self, obj):
        return obj.employer.nib

    @admin.display(description=_("letter of assignment"))
    def letter_link(self, obj):
        if not obj.letter:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:placements_employerstaff_letter", args=[obj.pk]), _("open")
        )

    @admin.action(description=_("Verify selected officers (gives the employer-staff role)"), permissions=["change"])
    def verify(self, request, queryset):
        _each(self, request, queryset, lambda s: services.employer_staff_verify(staff=s, actor=request.user))

    @admin.action(description=_("Reject selected requests…"), permissions=["change"])
    def reject(self, request, queryset):
        return _with_reason(
            self, request, queryset, title=_("Reject requests"),
            call=lambda s, reason: services.employer_staff_reject(staff=s, actor=request.user, reason=reason),
        )  # fmt: skip

    @admin.action(description=_("Revoke selected officers…"), permissions=["change"])
    def revoke(self, request, queryset):
        return _with_reason(
            self, request, queryset, title=_("Revoke officers"),
            call=lambda s, reason: services.employer_staff_revoke(staff=s, actor=request.user, reason=reason),
        )  # fmt: skip


class VacancyAdminForm(forms.ModelForm):
    class Meta:
        model = Vacancy
        fields = [
            "employer", "title", "occupation", "description", "openings", "contract_type", "min_education", "skills",
            "relevant_programs", "kecamatan", "wage_min", "wage_max", "closing_date", "requires_ak1",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        model_fields = {f.name for f in Vacancy._meta.concrete_fields}
        candidate = Vacancy(**{k: v for k, v in data.items() if k in model_fields})
        for name, message in services.vacancy_problems(candidate).items():
            self.add_error(name if name in self.fields else None, message)
        return data


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    form = VacancyAdminForm
    paginator = LargeTablePaginator
    list_display = ("title", "employer", "kecamatan", "contract_type", "wage", "closing_date", "status", "propose_link")
    list_filter = ("status", "contract_type", "requires_ak1", "occupation", "kecamatan")
    list_select_related = ("employer", "kecamatan")
    search_fields = ("title", "employer__name", "employer__nib")
    autocomplete_fields = ("employer",)
    filter_horizontal = ("relevant_programs",)
    ordering = ("-pk",)
    show_full_result_count = False
    actions = ["publish", "return_to_employer", "close", "export_csv", "export_xlsx"]

    def get_queryset(self, request):
        return Vacancy.objects.for_user(request.user).defer("search_text")

    def save_model(self, request, obj, form, change):
        services.vacancy_save(vacancy=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:  # the trainings that count may have changed with the programmes saved here
            services.vacancy_refresh_fits(vacancy=form.instance)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("wage"))
    def wage(self, obj):
        return f"{rupiah(obj.wage_min)} – {rupiah(obj.wage_max)}"

    @admin.display(description=_("propose"))
    def propose_link(self, obj):
        if obj.status != Vacancy.Status.PUBLISHED:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("placements:propose", args=[obj.pk]), _("seekers"))

    @admin.action(description=_("Publish selected vacancies (verified)"), permissions=["change"])
    def publish(self, request, queryset):
        _each(
            self,
            request,
            queryset.select_related("employer"),
            lambda v: services.vacancy_publish(vacancy=v, actor=request.user),
        )

    @admin.action(description=_("Return selected vacancies to the employer…"), permissions=["change"])
    def return_to_employer(self, request, queryset):
        return _with_reason(
            self, request, queryset, title=_("Return vacancies"),
            call=lambda v, reason: services.vacancy_return(vacancy=v, actor=request.user, reason=reason),
        )  # fmt: skip

    @admin.action(description=_("Close selected vacancies"), permissions=["change"])
    def close(self, request, queryset):
        _each(self, request, queryset, lambda v: services.vacancy_close(vacancy=v, actor=request.user))

    def _export(self, request, queryset, fmt):
        header = [_("Position"), _("Employer"), "NIB", _("KBJI"), _("Kecamatan"), _("Contract"), _("Openings"),
                  _("Wage from"), _("Wage up to"), _("Closing date"), _("Status")]  # fmt: skip

        def row(v, full_nik):
            return [v.title, v.employer.name, v.employer.nib, v.occupation.code, str(v.kecamatan),
                    v.get_contract_type_display(), v.openings, int(v.wage_min), int(v.wage_max), v.closing_date,
                    v.get_status_display()]  # fmt: skip

        queryset = queryset.select_related("employer", "occupation", "kecamatan").defer("description")
        return _export(request, queryset, name="lowongan", header=header, row=row, fmt=fmt)

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    paginator = LargeTablePaginator
    list_display = ("seeker_name", "nik_masked", "vacancy", "status", "fit_score", "is_local", "applied_at")
    list_filter = ("status", "is_local", "has_active_card", "meets_education")
    list_select_related = ("seeker", "vacancy__employer")
    search_fields = ("vacancy__title",)
    search_help_text = _("A 16-digit NIK, or part of the position.")
    raw_id_fields = ("vacancy", "seeker")
    ordering = ("-pk",)
    show_full_result_count = False
    actions = ["shortlist", "interview", "not_hired", "export_csv", "export_xlsx"]

    def get_queryset(self, request):
        return Application.objects.for_user(request.user)

    def get_search_results(self, request, queryset, search_term):
        compact = search_term.replace(" ", "")
        if compact.isdigit() and len(compact) == 16:
            return queryset.filter(seeker__nik=compact), False
        return super().get_search_results(request, queryset, search_term)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Application._meta.concrete_fields]

    def has_add_permission(self, request):
        return False  # seekers apply; staff propose from the vacancy list

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("name"), ordering="seeker__full_name")
    def seeker_name(self, obj):
        return obj.seeker.full_name

    @admin.display(description=_("NIK"))
    def nik_masked(self, obj):
        return mask_nik(obj.seeker.nik)

    def _move(self, request, queryset, to_status):
        _each(
            self, request, queryset,
            lambda a: services.application_move(application=a, to_status=to_status, actor=request.user),
        )  # fmt: skip

    @admin.action(description=_("Shortlist selected applicants"), permissions=["change"])
    def shortlist(self, request, queryset):
        self._move(request, queryset, Application.Status.SHORTLISTED)

    @admin.action(description=_("Invite selected applicants to interview"), permissions=["change"])
    def interview(self, request, queryset):
        self._move(request, queryset, Application.Status.INTERVIEW)

    @admin.action(description=_("Mark selected applicants not hired"), permissions=["change"])
    def not_hired(self, request, queryset):
        self._move(request, queryset, Application.Status.NOT_HIRED)

    def _export(self, request, queryset, fmt):
        header = [_("Name"), _("NIK"), _("Position"), _("Employer"), _("Status"), _("Fit"),
                  _("Resident of Kabupaten Bekasi"), _("Applied at")]  # fmt: skip

        def row(a, full_nik):
            return [a.seeker.full_name, _nik(a.seeker, full_nik), a.vacancy.title, a.vacancy.employer.name,
                    a.get_status_display(), a.fit_score, a.is_local, a.applied_at]  # fmt: skip

        queryset = queryset.select_related("seeker", "vacancy__employer").defer("vacancy__description")
        return _export(request, queryset, name="lamaran", header=header, row=row, fmt=fmt)

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")


class PlacementAdminForm(forms.ModelForm):
    """Disnaker records a placement: the same rules as every other reporter (placement_report)."""

    evidence_upload = forms.FileField(label=_("Evidence (PDF or photo)"), required=False)

    class Meta:
        model = Placement
        fields = [
            "seeker", "employer", "employer_name", "position", "occupation", "contract_type", "start_date", "wage",
            "channel", "enrolment", "early_start_reason",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        if self.instance.pk or not data.get("seeker") or not data.get("start_date"):
            return data
        try:
            services.placement_report_check(
                seeker=data["seeker"],
                reporter=Placement.Reporter.DISNAKER,
                actor=None,
                start_date=data["start_date"],
                employer=data.get("employer"),
                employer_name=data.get("employer_name") or "",
                wage=data.get("wage"),
                enrolment=data.get("enrolment"),
                early_start_reason=data.get("early_start_reason") or "",
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    self.add_error(name if name in self.fields else None, errors)
            else:
                self.add_error(None, exc)
        return data


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ("months", "due_on", "asked_at", "answered_at", "still_employed")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    form = PlacementAdminForm
    paginator = LargeTablePaginator
    list_display = ("seeker_name", "nik_masked", "employer_display", "position", "start_date", "channel", "reporter",
                    "is_local", "status", "evidence_link")  # fmt: skip
    list_filter = ("status", "channel", "reporter", "contract_type", "is_local", "provider")
    list_select_related = ("seeker", "employer")
    search_fields = ("position", "employer__name", "employer_name")
    raw_id_fields = ("seeker", "enrolment")
    autocomplete_fields = ("employer",)
    ordering = ("-pk",)
    show_full_result_count = False
    inlines = [FollowUpInline]
    actions = ["verify", "reject", "end", "export_csv", "export_xlsx"]

    def get_queryset(self, request):
        return Placement.objects.for_user(request.user)

    def get_urls(self):
        return [
            path(
                "<int:pk>/bukti/", self.admin_site.admin_view(self.evidence_view), name="placements_placement_evidence"
            ),
            *super().get_urls(),
        ]

    def evidence_view(self, request, pk):
        p = get_object_or_404(self.get_queryset(request), pk=pk)
        extension = "pdf" if p.evidence_content_type == "application/pdf" else "jpg"
        return _file_response(request, p, p.evidence, p.evidence_content_type, f"bukti-penempatan-{pk}.{extension}")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return [f.name for f in Placement._meta.concrete_fields] + ["evidence_link"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*PlacementAdminForm.Meta.fields, "evidence_upload"]
        return self.get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return  # placements change only through the actions
        data = form.cleaned_data
        created = services.placement_report(
            seeker=data["seeker"],
            reporter=Placement.Reporter.DISNAKER,
            actor=request.user,
            employer=data.get("employer"),
            employer_name=data.get("employer_name", ""),
            position=data["position"],
            occupation=data.get("occupation"),
            contract_type=data["contract_type"],
            start_date=data["start_date"],
            wage=data.get("wage"),
            channel=data["channel"],
            enrolment=data.get("enrolment"),
            evidence=data.get("evidence_upload"),
            early_start_reason=data.get("early_start_reason", ""),
        )
        obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("name"), ordering="seeker__full_name")
    def seeker_name(self, obj):
        return obj.seeker.full_name

    @admin.display(description=_("NIK"))
    def nik_masked(self, obj):
        return mask_nik(obj.seeker.nik)

    @admin.display(description=_("employer"))
    def employer_display(self, obj):
        return obj.employer_display

    @admin.display(description=_("evidence"))
    def evidence_link(self, obj):
        if not obj.evidence:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:placements_placement_evidence", args=[obj.pk]), _("open")
        )

    @admin.action(description=_("Verify selected placements (closes AK/1 cards as hired)"), permissions=["change"])
    def verify(self, request, queryset):
        _each(self, request, queryset, lambda p: services.placement_verify(placement=p, actor=request.user))

    @admin.action(description=_("Reject selected placements…"), permissions=["change"])
    def reject(self, request, queryset):
        return _with_reason(
            self, request, queryset, title=_("Reject placements"),
            call=lambda p, reason: services.placement_reject(placement=p, actor=request.user, reason=reason),
        )  # fmt: skip

    @admin.action(description=_("Record that selected placements ended today…"), permissions=["change"])
    def end(self, request, queryset):
        return _with_reason(
            self, request, queryset, title=_("End placements"),
            call=lambda p, reason: services.placement_end(
                placement=p, actor=request.user, reason=reason, end_date=timezone.localdate()
            ),
        )  # fmt: skip

    def _export(self, request, queryset, fmt):
        header = [_("Name"), _("NIK"), _("Employer"), _("Position"), _("Contract"), _("Start date"), _("Wage"),
                  _("Channel"), _("Reported by"), _("Resident of Kabupaten Bekasi"), _("Status"),
                  _("End date")]  # fmt: skip

        def row(p, full_nik):
            return [p.seeker.full_name, _nik(p.seeker, full_nik), p.employer_display, p.position,
                    p.get_contract_type_display(), p.start_date, int(p.wage) if p.wage is not None else None,
                    p.get_channel_display(), p.get_reporter_display(), p.is_local, p.get_status_display(),
                    p.end_date]  # fmt: skip

        return _export(request, queryset.select_related("seeker", "employer"), name="penempatan", header=header,
                       row=row, fmt=fmt)  # fmt: skip

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("placement", "months", "due_on", "asked_at", "answered_at", "still_employed")
    list_filter = ("months", "still_employed", ("answered_at", admin.EmptyFieldListFilter))
    list_select_related = ("placement__seeker", "placement__employer")
    ordering = ("-due_on",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in FollowUp._meta.concrete_fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BrokerReport)
class BrokerReportAdmin(admin.ModelAdmin):
    list_display = ("subject_name", "subject", "amount_display", "kecamatan", "created_at", "status")
    list_filter = ("status", "subject", "kecamatan")
    list_select_related = ("kecamatan",)
    search_fields = ("subject_name", "what_happened")
    actions = ["investigate", "substantiate", "dismiss", "export_csv"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in BrokerReport._meta.concrete_fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("amount asked (Rp)"), ordering="amount")
    def amount_display(self, obj):
        return rupiah(obj.amount) if obj.amount is not None else "–"

    @admin.action(description=_("Start investigating selected reports"), permissions=["change"])
    def investigate(self, request, queryset):
        _each(
            self, request, queryset,
            lambda r: services.broker_report_move(
                report=r, to_status=BrokerReport.Status.INVESTIGATING, actor=request.user
            ),
        )  # fmt: skip

    @admin.action(description=_("Mark selected reports substantiated…"), permissions=["change"])
    def substantiate(self, request, queryset):
        return _with_reason(
            self, request, queryset, title=_("Substantiated reports"),
            call=lambda r, reason: services.broker_report_move(
                report=r, to_status=BrokerReport.Status.SUBSTANTIATED, actor=request.user, reason=reason
            ),
        )  # fmt: skip

    @admin.action(description=_("Dismiss selected reports…"), permissions=["change"])
    def dismiss(self, request, queryset):
        return _with_reason(
            self, request, queryset, title=_("Dismiss reports"),
            call=lambda r, reason: services.broker_report_move(
                report=r, to_status=BrokerReport.Status.DISMISSED, actor=request.user, reason=reason
            ),
        )  # fmt: skip

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        header = [_("Reported at"), _("Who asked for money"), _("Name"), _("What happened"), _("Amount asked (Rp)"),
                  _("Kecamatan"), _("Status")]  # fmt: skip

        def row(r, full_nik):
            return [r.created_at, r.get_subject_display(), r.subject_name, r.what_happened,
                    int(r.amount) if r.amount is not None else None, str(r.kecamatan or ""),
                    r.get_status_display()]  # fmt: skip

        return _export(
            request, queryset.select_related("kecamatan"), name="laporan-calo", header=header, row=row, fmt="csv"
        )
