"""Disnaker's desk for financing: banks, their staff and products are edited here; applications
are read-only (statuses move only through the services, from the staff and bank pages or the
actions below, which call the same services)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.pagination import LargeTablePaginator

from . import services
from .models import Application, BankStaff, Instalment, PartnerBank, Product, RepaymentFile


class BankStaffInline(admin.TabularInline):
    model = BankStaff
    extra = 0
    raw_id_fields = ("user",)


@admin.register(PartnerBank)
class PartnerBankAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "four_eyes_above", "arrears_after_days", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "short_name")
    inlines = [BankStaffInline]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "bank", "purpose", "method", "annual_rate", "max_amount", "min_tenor", "max_tenor",
                    "is_published")  # fmt: skip
    list_filter = ("bank", "purpose", "method", "is_published")
    list_select_related = ("bank",)
    search_fields = ("name", "bank__name")


class InstalmentInline(admin.TabularInline):
    model = Instalment
    extra = 0
    can_delete = False
    fields = ("number", "due_date", "principal", "interest", "amount", "balance_after", "paid_amount")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("reference", "seeker", "bank", "product", "status", "amount_requested", "disbursed_amount",
                    "outstanding", "submitted_at")  # fmt: skip
    list_filter = ("status", "bank", "purpose")
    list_select_related = ("seeker", "bank", "product")
    list_per_page = 50
    paginator = LargeTablePaginator
    search_fields = ("reference", "seeker__full_name")
    inlines = [InstalmentInline]
    actions = ["verify", "send_to_bank"]
    exclude = ("seeker", "enrolment")

    def get_queryset(self, request):
        return Application.objects.for_user(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Application._meta.concrete_fields if f.name not in ("seeker", "enrolment")]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _run(self, request, queryset, service):
        done = 0
        for application in queryset:
            try:
                service(application=application, actor=request.user)
            except services.FinancingError as exc:
                self.message_user(request, f"{application}: {' '.join(exc.messages)}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)s applications updated.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Verify the selected applications"), permissions=["change"])
    def verify(self, request, queryset):
        self._run(request, queryset, lambda **kw: services.application_verify(note="", **kw))

    @admin.action(description=_("Send the selected applications to their bank"), permissions=["change"])
    def send_to_bank(self, request, queryset):
        self._run(request, queryset, services.application_send)


@admin.register(RepaymentFile)
class RepaymentFileAdmin(admin.ModelAdmin):
    list_display = ("filename", "bank", "uploaded_at", "uploaded_by", "rows", "rows_new")
    list_filter = ("bank",)
    list_select_related = ("bank", "uploaded_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
