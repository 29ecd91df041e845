"""Disnaker's desk for the Japan programme: schemes, sending organisations and intakes (with
their ordered stages) are plain data edited here; candidacies, deployments and returns are shown
read-only with a link to the staff page, where every change goes through `overseas.services`."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.pagination import LargeTablePaginator
from seekers.nik import mask_nik

from .models import (
    Candidacy,
    CandidateDocument,
    DataTransfer,
    Deployment,
    Intake,
    IntakeStage,
    JapaneseAffiliation,
    ReturnRecord,
    Scheme,
    SendingOrganisation,
    SendingOrganisationStaff,
    StageResult,
)


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "duration_months", "max_extension_months", "is_active"]
    list_filter = ["country", "is_active"]


class SendingOrganisationStaffInline(admin.TabularInline):
    model = SendingOrganisationStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(SendingOrganisation)
class SendingOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "licence_number", "licence_valid_until", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "licence_number"]
    inlines = [SendingOrganisationStaffInline]

    def get_queryset(self, request):
        return SendingOrganisation.objects.for_user(request.user)


class IntakeStageInline(admin.TabularInline):
    model = IntakeStage
    extra = 0
    fields = ["position", "name", "kind", "pass_score", "scheduled_on", "place"]
    ordering = ["position"]


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "scheme",
        "organisation",
        "year",
        "quota",
        "candidates_count",
        "registration_opens",
        "registration_closes",
        "is_published",
    ]
    list_filter = ["scheme", "organisation", "year", "is_published"]
    search_fields = ["name"]
    list_select_related = ["scheme", "organisation"]
    readonly_fields = ["candidates_count"]
    inlines = [IntakeStageInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "scheme",
                    "organisation",
                    "name",
                    "year",
                    "quota",
                    "candidates_count",
                    "description",
                    "is_published",
                ]
            },
        ),
        (
            _("Registration (days in Asia/Jakarta, both inclusive)"),
            {"fields": ["registration_opens", "registration_closes", "reference_date", "planned_departure"]},
        ),
        (
            _("Eligibility"),
            {
                "fields": [
                    "accepts_men",
                    "min_age_men",
                    "max_age_men",
                    "accepts_women",
                    "min_age_women",
                    "max_age_women",
                    "min_education",
                    "min_height_cm",
                    "min_weight_kg",
                    "min_japanese_level",
                    "other_requirements",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return Intake.objects.for_user(request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the staff pages (and their services): nothing is edited or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StageResultInline(admin.TabularInline):
    model = StageResult
    fields = ["stage", "held_on", "result", "score", "note", "recorded_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CandidateDocumentInline(admin.TabularInline):
    model = CandidateDocument
    fields = ["kind", "number", "issued_on", "expires_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Candidacy)
class CandidacyAdmin(ReadOnlyAdmin):
    list_display = ["seeker_name", "nik", "intake", "status", "next_stage", "applied_at", "staff_page"]
    list_filter = ["status", "intake__scheme", "intake", "local_resident", "seeker__gender"]
    search_fields = ["seeker__full_name"]
    list_select_related = ["seeker", "intake", "next_stage"]
    paginator = LargeTablePaginator
    list_per_page = 50
    inlines = [StageResultInline, CandidateDocumentInline]
    exclude = ["seeker"]

    def get_queryset(self, request):
        return Candidacy.objects.for_user(request.user)

    @admin.display(description=_("name"), ordering="seeker__full_name")
    def seeker_name(self, obj):
        return obj.seeker.full_name

    @admin.display(description=_("NIK"))
    def nik(self, obj):
        return obj.seeker.nik if self._full_nik else mask_nik(obj.seeker.nik)

    def changelist_view(self, request, extra_context=None):
        self._full_nik = request.user.has_perm("seekers.view_full_nik")
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("staff page"))
    def staff_page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_staff_url(), _("open"))


@admin.register(Deployment)
class DeploymentAdmin(ReadOnlyAdmin):
    list_display = ["candidacy", "host_company", "prefecture", "departure_date", "contract_end", "status"]
    list_filter = ["status", "prefecture"]
    search_fields = ["host_company", "candidacy__seeker__full_name"]
    list_select_related = ["candidacy__seeker", "candidacy__intake"]

    def get_queryset(self, request):
        return Deployment.objects.for_user(request.user)


@admin.register(ReturnRecord)
class ReturnRecordAdmin(ReadOnlyAdmin):
    list_display = ["candidacy", "returned_on", "early", "intention", "replaced_on"]
    list_filter = ["early", "intention"]
    list_select_related = ["candidacy__seeker", "candidacy__intake"]


@admin.register(DataTransfer)
class DataTransferAdmin(ReadOnlyAdmin):
    list_display = ["candidacy", "recipient", "recipient_country", "legal_basis", "transferred_on"]
    list_filter = ["legal_basis", "recipient_country"]
    list_select_related = ["candidacy__seeker", "candidacy__intake"]


@admin.register(JapaneseAffiliation)
class JapaneseAffiliationAdmin(admin.ModelAdmin):
    """Which employers of the placements app are Japanese-affiliated (proposed to returnees first)."""

    list_display = ["employer", "parent_company"]
    search_fields = ["employer__name", "parent_company"]
    raw_id_fields = ["employer"]
    list_select_related = ["employer"]
