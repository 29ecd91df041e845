"""Disnaker's desk for training. Statuses and seat counts are read-only here: every change goes
through an action that calls the same service as the partner pages."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_lists import LeanChangeListMixin, cached_choices_filter
from core.formatting import rupiah
from core.pagination import LargeTablePaginator
from core.services import audit
from seekers.models import JobSeeker
from seekers.nik import mask_nik

from . import exports, selectors, services
from .forms import ReasonForm
from .models import (
    Attendance,
    Batch,
    BusinessOutcome,
    Certificate,
    Enrolment,
    Program,
    Provider,
    ProviderStaff,
    Session,
)
from .services import TrainingError

# What each action did, said as a sentence ("3 pendaftaran diterima, 1 dilewati.").
DONE = {
    "publish": lambda n: ngettext("%(n)s batch published", "%(n)s batches published", n),
    "unpublish": lambda n: ngettext("%(n)s batch unpublished", "%(n)s batches unpublished", n),
    "start": lambda n: ngettext("%(n)s batch started", "%(n)s batches started", n),
    "finish": lambda n: ngettext("%(n)s batch finished", "%(n)s batches finished", n),
    "cancel": lambda n: ngettext("%(n)s batch cancelled", "%(n)s batches cancelled", n),
    "shortlist": lambda n: ngettext("%(n)s application shortlisted", "%(n)s applications shortlisted", n),
    "accept": lambda n: ngettext("%(n)s application accepted", "%(n)s applications accepted", n),
    "waitlist": lambda n: ngettext(
        "%(n)s application put on the waiting list", "%(n)s applications put on the waiting list", n
    ),
    "reject": lambda n: ngettext("%(n)s application not accepted", "%(n)s applications not accepted", n),
    "drop": lambda n: ngettext("%(n)s drop-out recorded", "%(n)s drop-outs recorded", n),
    "complete": lambda n: ngettext(
        "%(n)s completion recorded, certificate issued", "%(n)s completions recorded, certificates issued", n
    ),
    "revoke": lambda n: ngettext("%(n)s certificate revoked", "%(n)s certificates revoked", n),
}


def _report(modeladmin, request, done, refused, *, action=None):
    """One sentence saying what was done and how many were skipped, then why each was skipped."""
    if done or refused:
        if action in DONE:
            parts = [DONE[action](done) % {"n": done}]
        else:
            parts = [ngettext("%(n)s record updated", "%(n)s records updated", done) % {"n": done}]
        if refused:
            skipped = len(refused)
            parts.append(ngettext("%(n)s skipped", "%(n)s skipped", skipped) % {"n": skipped})
        level = messages.SUCCESS if done and not refused else messages.WARNING
        modeladmin.message_user(request, ", ".join(parts) + ".", level)
    for label, message in refused:
        modeladmin.message_user(request, f"{label}: {message}", messages.WARNING)


def _reason_page(modeladmin, request, queryset, *, title, form):
    """The intermediate page of an action that needs a reason (like Django's delete confirmation)."""
    return TemplateResponse(
        request,
        "admin/trainings/reason.html",
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


class ProviderStaffInline(admin.TabularInline):
    model = ProviderStaff
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "kecamatan", "accreditation", "is_active")
    list_filter = ("kind", "is_active")
    list_select_related = ("kecamatan",)
    search_fields = ("name", "short_name")
    inlines = [ProviderStaffInline]

    def get_queryset(self, request):
        return Provider.objects.for_user(request.user)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("title", "provider", "category", "mode", "hours", "fee_display", "is_published")
    list_filter = ("category", "mode", "is_published", "provider")
    list_select_related = ("provider",)
    search_fields = ("title", "competency_standard", "provider__name")
    autocomplete_fields = ("provider",)

    def get_queryset(self, request):
        return Program.objects.for_user(request.user)

    @admin.display(description=_("fee (Rp)"), ordering="fee")
    def fee_display(self, obj):
        return rupiah(obj.fee) if obj.fee else _("Free")


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = services.BATCH_EDITABLE_FIELDS

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            taken = Batch.objects.values_list("seats_taken", flat=True).get(pk=self.instance.pk)
            if capacity < taken:
                raise forms.ValidationError(
                    _("The batch already has %(n)s accepted trainees; the capacity cannot be lower.") % {"n": taken}
                )
        return capacity


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    form = BatchForm
    list_display = (
        "name",
        "program",
        "provider",
        "start_date",
        "status",
        "capacity",
        "seats_taken",
        "seats_free_display",
        "applicants_link",
    )
    list_filter = ("status", "admission", "program__category", "program__provider")
    search_fields = ("name", "program__title", "program__provider__name")
    date_hierarchy = "start_date"
    show_full_result_count = False
    readonly_fields = ("status", "seats_taken", "status_reason")
    autocomplete_fields = ("program",)
    actions = ["publish", "unpublish", "start", "finish", "cancel"]

    def get_queryset(self, request):
        return selectors.with_waiting(Batch.objects.for_user(request.user).select_related("program__provider"))

    @admin.display(description=_("provider"), ordering="program__provider__name")
    def provider(self, obj):
        return obj.program.provider

    @admin.display(description=_("seats free"))
    def seats_free_display(self, obj):
        return obj.seats_free

    @admin.display(description=_("applicants"))
    def applicants_link(self, obj):
        url = reverse("admin:trainings_enrolment_changelist") + f"?batch__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("%(n)s waiting") % {"n": obj.waiting})

    def save_model(self, request, obj, form, change):
        try:
            services.batch_save(batch=obj, actor=request.user)
        except TrainingError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)

    def _each(self, request, queryset, service, **kwargs):
        action = service.__name__.removeprefix("batch_")
        done, refused = 0, []
        for batch in queryset:
            try:
                service(batch=batch, actor=request.user, **kwargs)
                done += 1
            except TrainingError as exc:
                refused.append((batch, " ".join(exc.messages)))
        _report(self, request, done, refused, action=action)

    @admin.action(description=_("Publish selected batches"), permissions=["change"])
    def publish(self, request, queryset):
        self._each(request, queryset, services.batch_publish)

    @admin.action(description=_("Unpublish selected batches"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._each(request, queryset, services.batch_unpublish)

    @admin.action(description=_("Start selected batches (accepted applicants become trainees)"), permissions=["change"])
    def start(self, request, queryset):
        self._each(request, queryset, services.batch_start)

    @admin.action(description=_("Finish selected batches"), permissions=["change"])
    def finish(self, request, queryset):
        self._each(request, queryset, services.batch_finish)

    @admin.action(description=_("Cancel selected batches…"), permissions=["change"])
    def cancel(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._each(request, queryset, services.batch_cancel, reason=form.cleaned_data["reason"])
            return None
        return _reason_page(self, request, queryset, title=_("Cancel batches"), form=form)


class OutcomeDueFilter(admin.SimpleListFilter):
    title = _("business outcome")
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [("due", _("Due (six months after completion)"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(pk__in=selectors.outcomes_due().values("pk"))
        return queryset


@admin.register(Enrolment)
class EnrolmentAdmin(LeanChangeListMixin, admin.ModelAdmin):
    paginator = LargeTablePaginator
    list_display = (
        "seeker_name",
        "nik_masked",
        "batch",
        "status",
        "local_resident",
        "applied_at",
        "sessions_present",
        "certificate_number",
    )
    list_filter = (
        "status",
        "local_resident",
        "batch__program__category",
        ("batch__program__provider", cached_choices_filter(Provider)),  # from the cache: no query
        OutcomeDueFilter,
    )
    search_fields = ("seeker__full_name",)  # see get_search_results
    search_help_text = _("A 16-digit NIK, a certificate number, an email address, or part of a name.")
    # Newest first by primary key: an index scan, even over millions of enrolments (a date
    # hierarchy would scan them all for its year links).
    ordering = ("-pk",)
    show_full_result_count = False
    # Each row builds six related objects: 100 rows took 68 ms to render, 25 rows 36-40 ms.
    list_per_page = 25
    actions = [
        "shortlist",
        "accept",
        "waitlist",
        "reject",
        "drop",
        "complete",
        "export_csv",
        "export_xlsx",
    ]

    def get_queryset(self, request):
        # The same scope as the partner pages and the exports; long texts the list never shows
        # (a programme's description is ~1.7 KB a row) are not read (the change page reads them
        # on demand, one query). The list page itself (a GET) reads its rows through
        # changelist_rows: the joins of the actions and exports would only be built and dropped.
        enrolments = Enrolment.objects.for_user(request.user)
        if self.is_list_page(request):
            return enrolments.annotate(sessions_present=selectors.sessions_present())
        return selectors.applicants(enrolments).defer("motivation")

    def changelist_rows(self, queryset):
        # What the columns show: the person's name and NIK, the certificate number; the batch and
        # its programme come from the cache (changelist_prepare). Three tables: PostgreSQL planned
        # the eight-table join in 7.5 ms for a 0.3 ms query, the five-table one in 1.1 ms.
        return (
            queryset.select_related(None)
            .select_related("seeker", "certificate")
            .only(
                "batch", "status", "local_resident", "applied_at", "seeker__full_name", "seeker__nik",
                "certificate__number",
            )
        )  # fmt: skip

    def changelist_prepare(self, rows):
        batches = selectors.batches_with_programme(row.batch_id for row in rows)
        for row in rows:
            if row.batch_id in batches:
                row.batch = batches[row.batch_id]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Enrolment._meta.concrete_fields]

    def get_search_results(self, request, queryset, search_term):
        """One indexed lookup for what the clerk typed, instead of the admin's OR across joined
        tables (a full NIK took 5.6 s over 2 million enrolments that way)."""
        term = search_term.strip()
        compact = term.replace(" ", "").replace(".", "")
        if not term:
            return queryset, False
        if compact.isdigit() and len(compact) == 16:
            return queryset.filter(seeker__nik=compact), False
        if term.upper().startswith("3216-PLT-"):
            return queryset.filter(certificate__number=term.upper()), False
        if "@" in term:
            return queryset.filter(seeker__user__email=term.lower()), False
        # A name: find the people first (one table), then their enrolments by index.
        people = JobSeeker.objects.filter(full_name__icontains=term).values("pk")
        return queryset.filter(seeker__in=people), False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the history stays; withdrawals and rejections are statuses

    @admin.display(description=_("name"), ordering="seeker__full_name")
    def seeker_name(self, obj):
        return obj.seeker.full_name

    @admin.display(description=_("NIK"))
    def nik_masked(self, obj):
        return mask_nik(obj.seeker.nik)

    @admin.display(description=_("sessions attended"), ordering="sessions_present")
    def sessions_present(self, obj):
        return obj.sessions_present

    @admin.display(description=_("certificate"))
    def certificate_number(self, obj):
        certificate = getattr(obj, "certificate", None)
        return certificate.number if certificate else "–"

    def _decide(self, request, queryset, decision, reason=""):
        try:
            result = services.enrolment_bulk_decide(
                enrolments=queryset, decision=decision, actor=request.user, reason=reason
            )
        except TrainingError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        refused = [(e.seeker.full_name, m) for e, m in result.refused]
        _report(self, request, len(result.done), refused, action=decision)

    @admin.action(description=_("Shortlist selected applicants"), permissions=["change"])
    def shortlist(self, request, queryset):
        self._decide(request, queryset, "shortlist")

    @admin.action(description=_("Accept selected applicants"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, "accept")

    @admin.action(description=_("Waitlist selected applicants"), permissions=["change"])
    def waitlist(self, request, queryset):
        self._decide(request, queryset, "waitlist")

    @admin.action(description=_("Reject selected applicants…"), permissions=["change"])
    def reject(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._decide(request, queryset, "reject", form.cleaned_data["reason"])
            return None
        return _reason_page(self, request, queryset, title=_("Reject applicants"), form=form)

    @admin.action(description=_("Record drop-out of selected trainees…"), permissions=["change"])
    def drop(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return _reason_page(self, request, queryset, title=_("Record drop-out"), form=form)
        done, refused = 0, []
        for enrolment in queryset.order_by("batch_id", "pk"):
            try:
                services.enrolment_drop(enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"])
                done += 1
            except TrainingError as exc:
                refused.append((enrolment.seeker.full_name, " ".join(exc.messages)))
        _report(self, request, done, refused, action="drop")
        return None

    @admin.action(description=_("Record completion and issue certificates"), permissions=["change"])
    def complete(self, request, queryset):
        done, refused = 0, []
        for enrolment in queryset.order_by("batch_id", "pk"):
            try:
                services.enrolment_complete(enrolment=enrolment, actor=request.user)
                done += 1
            except TrainingError as exc:
                refused.append((enrolment.seeker.full_name, " ".join(exc.messages)))
        _report(self, request, done, refused, action="complete")

    def _export(self, request, queryset, fmt):
        full_nik = request.user.has_perm("seekers.view_full_nik")
        # The subject of the audit row is what was exported, as on the partner pages: one row per
        # batch the selection touches, with how many of its applicants left.
        for batch_id, rows in queryset.order_by().values_list("batch_id").annotate(rows=Count("pk")):
            audit(
                actor=request.user,
                obj=Batch(pk=batch_id),
                action="applicants_exported",
                reason=f"{fmt}, {rows} rows, full NIK: {full_nik}",
            )
        filename = f"peserta-pelatihan-{timezone.localdate():%Y%m%d}"
        return exports.response(
            queryset.order_by("batch_id", "applied_at", "pk"), fmt=fmt, filename=filename, full_nik=full_nik
        )

    @admin.action(description=_("Export selected applicants (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export selected applicants (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ("enrolment", "status", "recorded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("enrolment__seeker", "enrolment__batch__program")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("date", "batch", "topic")
    list_select_related = ("batch__program",)
    search_fields = ("batch__name", "batch__program__title")
    date_hierarchy = "date"
    raw_id_fields = ("batch",)
    inlines = [AttendanceInline]

    def get_queryset(self, request):
        return Session.objects.filter(batch__in=Batch.objects.for_user(request.user))


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "holder", "program", "issued_on", "is_valid")
    list_select_related = ("enrolment__seeker", "enrolment__batch__program")
    search_fields = ("=number", "enrolment__seeker__full_name")
    ordering = ("-pk",)  # newest first without sorting the whole table
    show_full_result_count = False
    readonly_fields = ("enrolment", "number", "token", "issued_on", "revoked_at", "revoked_reason")
    actions = ["revoke"]

    def get_queryset(self, request):
        return Certificate.objects.for_user(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a wrong certificate is revoked (with a reason), so its QR code keeps answering

    @admin.display(description=_("holder"))
    def holder(self, obj):
        return obj.enrolment.seeker.full_name

    @admin.display(description=_("programme"))
    def program(self, obj):
        return obj.enrolment.batch.program

    @admin.display(description=_("valid"), boolean=True)
    def is_valid(self, obj):
        return obj.is_valid

    @admin.action(description=_("Revoke selected certificates…"), permissions=["change"])
    def revoke(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return _reason_page(self, request, queryset, title=_("Revoke certificates"), form=form)
        done, refused = 0, []
        for certificate in queryset:
            try:
                services.certificate_revoke(
                    certificate=certificate, reason=form.cleaned_data["reason"], actor=request.user
                )
                done += 1
            except TrainingError as exc:
                refused.append((certificate.number, " ".join(exc.messages)))
        _report(self, request, done, refused, action="revoke")
        return None


class OutcomeAdminForm(forms.ModelForm):
    class Meta:
        model = BusinessOutcome
        fields = ["enrolment", "started", "kind", "business_name", "registration_number", "note"]

    def clean(self):
        data = super().clean()
        if data.get("enrolment"):
            services.outcome_check(enrolment=data["enrolment"])
        if data.get("started") and not data.get("kind"):
            self.add_error("kind", _("Say what kind of business was started."))
        return data


@admin.register(BusinessOutcome)
class BusinessOutcomeAdmin(admin.ModelAdmin):
    form = OutcomeAdminForm
    list_display = ("enrolment", "started", "kind", "registration_number", "recorded_at")
    list_filter = ("started", "kind")
    list_select_related = ("enrolment__seeker", "enrolment__batch__program")
    raw_id_fields = ("enrolment",)

    def get_queryset(self, request):
        return BusinessOutcome.objects.filter(enrolment__in=Enrolment.objects.for_user(request.user))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = services.outcome_record(
            enrolment=data["enrolment"],
            started=data["started"],
            kind=data["kind"],
            business_name=data["business_name"],
            registration_number=data["registration_number"],
            note=data["note"],
            actor=request.user,
        )
        obj.pk = saved.pk
