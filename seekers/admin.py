from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.phone import normalize_phone
from core.admin_lists import LeanChangeListMixin, cached_choices_filter
from core.exports import csv_response, xlsx_response
from core.formatting import choice_label
from core.models import EducationLevel, Kecamatan
from core.pagination import LargeTablePaginator
from core.services import audit

from . import services
from .forms import CardSuspendForm
from .models import (
    AK1Card,
    AK1Report,
    Consent,
    DeletionRequest,
    Document,
    Education,
    Experience,
    JobSeeker,
    LanguageSkill,
    NonFormalTraining,
    Skill,
)
from .nik import mask_nik

FULL_NIK_PERM = "seekers.view_full_nik"


class AgeBandFilter(admin.SimpleListFilter):
    title = _("age")
    parameter_name = "age"
    BANDS = {"15-24": (15, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54), "55+": (55, 120)}

    def lookups(self, request, model_admin):
        return [(k, k) for k in self.BANDS]

    def queryset(self, request, queryset):
        if self.value() not in self.BANDS:
            return queryset
        low, high = self.BANDS[self.value()]
        today = timezone.localdate()
        # Born after (today - high - 1 years) and on or before (today - low years): an index range.
        return queryset.filter(
            birth_date__gt=today - relativedelta(years=high + 1), birth_date__lte=today - relativedelta(years=low)
        )


class CardStatusFilter(admin.SimpleListFilter):
    title = _("AK/1 card")
    parameter_name = "card"

    def lookups(self, request, model_admin):
        return [*AK1Card.Status.choices, ("none", _("No card in force"))]

    def queryset(self, request, queryset):
        value = self.value()
        # IN (subquery) rather than a correlated EXISTS: PostgreSQL hashes the card ids once.
        if value == "none":
            return queryset.exclude(pk__in=AK1Card.objects.current().values("seeker_id"))
        if value in AK1Card.Status.values:
            return queryset.filter(pk__in=AK1Card.objects.filter(status=value).values("seeker_id"))
        return queryset


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class ExperienceInline(admin.TabularInline):
    model = Experience
    extra = 0


class LanguageInline(admin.TabularInline):
    model = LanguageSkill
    extra = 0


class TrainingInline(admin.TabularInline):
    model = NonFormalTraining
    extra = 0


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = ("kind", "open_link", "size", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def open_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Open (access is logged)"))


class CardInline(ReadOnlyInline):
    model = AK1Card
    fields = ("number", "status", "issued_at", "valid_until", "next_report_due", "status_reason")
    readonly_fields = fields
    show_change_link = True


def export_header(full):
    # Without the full-NIK permission, the age instead of the birth date: the masked NIK hides
    # exactly the kecamatan and birth date, which the row would otherwise give back.
    return [
        _("NIK"), _("Name"), _("Gender"), _("Date of birth") if full else _("Age"), _("Kecamatan"),
        _("Desa/kelurahan"), _("Education"), _("Phone"), _("Employment status"), _("AK/1 card"),
        _("Card status"), _("Registered"),
    ]  # fmt: skip


@admin.register(JobSeeker)
class JobSeekerAdmin(LeanChangeListMixin, admin.ModelAdmin):
    paginator = LargeTablePaginator
    list_display = (
        # Fits 1280 px next to the filter panel: sex and age in one column, the registration date
        # left out (newest first already; it is on the detail page).
        "full_name", "nik_masked", "domicile_kecamatan", "education", "sex_age", "card_status", "nik_check",
    )  # fmt: skip
    list_select_related = ("domicile_kecamatan", "education_level")
    list_filter = (
        # Choices from the shared cache (core.admin_lists): no query of the reference tables.
        ("domicile_kecamatan", cached_choices_filter(Kecamatan)),
        ("education_level", cached_choices_filter(EducationLevel)),
        "gender", AgeBandFilter, CardStatusFilter, "nik_flagged", "employment_status",
    )  # fmt: skip
    search_fields = ("full_name",)  # NIK, phone and email: see get_search_results
    search_help_text = _("Search by full NIK, name, phone number or email.")
    # About 0.45 ms of rendering per row on top of ~20 ms of fixed admin cost (PERFORMANCE.md).
    list_per_page = 25
    show_full_result_count = False  # a COUNT(*) of 500,000 rows on every page is not worth it
    # Newest registrations first, by primary key: the index walks backwards and stops after one
    # page. ("-created_at" made PostgreSQL sort all 500,000 rows for every page: 1.3 s.)
    ordering = ("-pk",)
    raw_id_fields = ("user",)
    autocomplete_fields = ("domicile_desa", "skills")  # free tags: far too many for a select box
    filter_horizontal = ("preferred_sectors",)
    inlines = [EducationInline, TrainingInline, ExperienceInline, LanguageInline, DocumentInline, CardInline]
    actions = ["issue_card", "export_csv", "export_xlsx"]

    def has_delete_permission(self, request, obj=None):
        return False  # erasure goes through a deletion request (seekers.services.deletion_carry_out)

    def get_queryset(self, request):
        if self.is_list_page(request):
            return super().get_queryset(request)  # the page's rows: changelist_rows
        cards = AK1Card.objects.order_by("-issued_at", "-id").only("seeker_id", "status", "number")
        return super().get_queryset(request).prefetch_related(Prefetch("cards", cards, to_attr="cards_newest_first"))

    def changelist_rows(self, queryset):
        # What the columns show (the person's 40-odd other columns are the change page's), and the
        # newest card's status for the page's rows only (a subquery per shown row: Django's
        # prefetch of the cards cost as much as the rows themselves).
        newest_card = AK1Card.objects.filter(seeker=OuterRef("pk")).order_by("-issued_at", "-id").values("status")[:1]
        return queryset.only(
            "full_name", "nik", "gender", "birth_date", "nik_flagged", "domicile_kecamatan__name",
            "education_level__code",
        ).annotate(newest_card_status=Subquery(newest_card))  # fmt: skip

    def get_search_results(self, request, queryset, search_term):
        """One indexed lookup for what the clerk typed, instead of the admin's OR over every
        field (which scanned all 500,000 rows for a NIK: 3.4 s):
        16 digits: the NIK; a phone number in any spelling: the phone; an email: the account;
        anything else: the name."""
        term = search_term.strip()
        compact = term.replace(" ", "").replace("-", "").replace(".", "")
        if not term:
            return queryset, False
        if compact.isdigit() and len(compact) == 16:
            return queryset.filter(nik=compact), False
        if "@" in term:
            return queryset.filter(user__email=term.lower()), False
        if compact.lstrip("+").isdigit():
            try:
                phone = normalize_phone(term)
            except ValidationError:
                return queryset.none(), False
            # Two index lookups; an OR across the joined tables scanned every row (1.1 s).
            ids = {
                *JobSeeker.objects.filter(phone=phone).values_list("pk", flat=True),
                *JobSeeker.objects.filter(user__phone=phone).values_list("pk", flat=True),
            }
            return queryset.filter(pk__in=ids), False
        return super().get_search_results(request, queryset, term)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not request.user.has_perm(FULL_NIK_PERM):
            fields = ["nik_masked" if f == "nik" else f for f in fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = ["nik_flagged", "nik_flag_note", "created_at", "updated_at"]
        if not request.user.has_perm(FULL_NIK_PERM):
            readonly.append("nik_masked")
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and request.user.has_perm(FULL_NIK_PERM):
            seeker = self.get_object(request, object_id)
            if seeker is not None:
                services.audit_personal_data_view(actor=request.user, seeker=seeker, what="nik")
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("NIK"), ordering="nik")
    def nik_masked(self, obj):
        return mask_nik(obj.nik)

    @admin.display(description=_("age"), ordering="-birth_date")
    def age_years(self, obj):
        return obj.age_on(date.today())

    @admin.display(description=_("sex / age"), ordering="-birth_date")
    def sex_age(self, obj):
        return f"{obj.gender} / {obj.age_on(date.today())}"

    @admin.display(description=_("education"), ordering="education_level__rank")
    def education(self, obj):
        return obj.education_level.code if obj.education_level else "–"

    @admin.display(description=_("NIK check"), boolean=True, ordering="nik_flagged")
    def nik_check(self, obj):
        return not obj.nik_flagged  # a tick: NIK agrees with the data; a cross: to review

    @admin.display(description=_("AK/1 card"))
    def card_status(self, obj):
        if hasattr(obj, "newest_card_status"):  # the list page (changelist_rows)
            status = obj.newest_card_status
        else:
            status = obj.cards_newest_first[0].status if obj.cards_newest_first else None
        return choice_label(AK1Card.Status, status) if status else "–"

    @admin.action(description=_("Issue AK/1 card to the selected job seekers"))
    def issue_card(self, request, queryset):
        issued, refused = 0, []
        for seeker in queryset.prefetch_related("educations", "skills", "documents"):
            try:
                services.card_issue(seeker=seeker, actor=request.user)
                issued += 1
            except ValidationError as error:
                refused.append(f"{seeker.full_name}: {' '.join(error.messages)}")
        if issued:
            self.message_user(request, _("%(n)d card(s) issued.") % {"n": issued}, messages.SUCCESS)
        for line in refused[:20]:
            self.message_user(request, line, messages.WARNING)

    def _export_rows(self, request, queryset):
        full = request.user.has_perm(FULL_NIK_PERM)
        latest = AK1Card.objects.filter(seeker=OuterRef("pk")).order_by("-issued_at", "-id")
        rows = (
            queryset.prefetch_related(None)
            .select_related("domicile_kecamatan", "domicile_desa", "education_level")
            .annotate(
                card_number=Subquery(latest.values("number")[:1]),
                latest_card_status=Subquery(latest.values("status")[:1]),
            )
            .order_by("pk")
        )
        for s in rows.iterator(chunk_size=2000):
            yield [
                s.nik if full else mask_nik(s.nik), s.full_name, s.get_gender_display(),
                s.birth_date if full else s.age,
                s.domicile_kecamatan.name if s.domicile_kecamatan else s.domicile_outside,
                s.domicile_desa.name if s.domicile_desa else "", s.education_level.code if s.education_level else "",
                s.phone if full else "", s.get_employment_status_display(), s.card_number or "",
                AK1Card.Status(s.latest_card_status).label if s.latest_card_status else "", s.created_at,
            ]  # fmt: skip

    def _audit_export(self, request, queryset, fmt):
        if request.user.has_perm(FULL_NIK_PERM):
            audit(actor=request.user, obj=request.user, action=f"exported_seekers_{fmt}",
                  reason=f"{queryset.count()} rows")  # fmt: skip

    @admin.action(description=_("Export selected to CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        self._audit_export(request, queryset, "csv")
        return csv_response(
            "pencari-kerja", export_header(request.user.has_perm(FULL_NIK_PERM)), self._export_rows(request, queryset)
        )

    @admin.action(description=_("Export selected to Excel"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        self._audit_export(request, queryset, "xlsx")
        return xlsx_response(
            "pencari-kerja", export_header(request.user.has_perm(FULL_NIK_PERM)), self._export_rows(request, queryset)
        )


@admin.register(AK1Card)
class AK1CardAdmin(admin.ModelAdmin):
    list_display = ("number", "seeker", "status", "issued_at", "valid_until", "next_report_due")
    list_filter = ("status", "issued_at")
    list_select_related = ("seeker",)
    search_fields = ("=number", "=seeker__nik", "seeker__full_name")
    readonly_fields = ("seeker", "number", "token", "status", "issued_at", "valid_until", "next_report_due",
                       "status_reason")  # fmt: skip
    actions = ["renew", "suspend", "reinstate"]
    show_full_result_count = False
    ordering = ("-pk",)

    def has_add_permission(self, request):
        return False  # cards are issued through the job-seeker list (action) or by the seeker

    def has_delete_permission(self, request, obj=None):
        return False  # a card ends through its workflow (closed, expired); its QR must keep answering

    DONE = {
        "card_renew": lambda n: ngettext("%(n)s card renewed for two years", "%(n)s cards renewed for two years", n),
        "card_reinstate": lambda n: ngettext("%(n)s card reinstated", "%(n)s cards reinstated", n),
        "card_suspend": lambda n: ngettext("%(n)s card suspended", "%(n)s cards suspended", n),
    }

    def _apply(self, request, queryset, service, **kwargs):
        done = 0
        for card in queryset:
            try:
                service(card=card, actor=request.user, **kwargs)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{card.number}: {' '.join(error.messages)}", messages.WARNING)
        if done:
            self.message_user(request, self.DONE[service.__name__](done) % {"n": done} + ".", messages.SUCCESS)

    @admin.action(description=_("Renew for two years"), permissions=["change"])
    def renew(self, request, queryset):
        self._apply(request, queryset, services.card_renew)

    @admin.action(description=_("Reinstate suspended cards"), permissions=["change"])
    def reinstate(self, request, queryset):
        self._apply(request, queryset, services.card_reinstate)

    @admin.action(description=_("Suspend (asks for a reason)"), permissions=["change"])
    def suspend(self, request, queryset):
        form = CardSuspendForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            self._apply(request, queryset, services.card_suspend, reason=form.cleaned_data["reason"])
            return None
        return render(
            request,
            "admin/seekers/ak1card/suspend.html",
            {**self.admin_site.each_context(request), "form": form, "cards": queryset, "opts": self.model._meta,
             "title": _("Suspend AK/1 cards")},
        )  # fmt: skip


@admin.register(AK1Report)
class AK1ReportAdmin(admin.ModelAdmin):
    list_display = ("card", "reported_at", "still_looking", "employer", "position")
    list_filter = ("still_looking",)
    list_select_related = ("card",)
    search_fields = ("=card__number",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    list_display = ("user", "status", "requested_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("user",)
    readonly_fields = ("user", "reason", "requested_at", "status", "decided_at")
    actions = ["carry_out"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Delete the accounts of the selected requests"), permissions=["change"])
    def carry_out(self, request, queryset):
        done = 0
        for deletion in queryset.filter(status=DeletionRequest.Status.REQUESTED):
            services.deletion_carry_out(request=deletion, actor=request.user)
            done += 1
        self.message_user(request, _("%(n)d account(s) deleted.") % {"n": done}, messages.SUCCESS)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("user", "purpose", "notice_version", "given_at", "withdrawn_at")
    list_select_related = ("user",)
    readonly_fields = ("user", "purpose", "notice_version", "given_at", "withdrawn_at")

    def has_add_permission(self, request):
        return False
