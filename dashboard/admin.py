from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import indicators as registry
from . import services
from .models import MeetingReport, Target, TargetRevision


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("indicator"), choices=())
    change_note = forms.CharField(label=_("why it changes"), max_length=255, required=False)

    class Meta:
        model = Target
        fields = ["indicator", "year", "kecamatan", "category", "value", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = registry.target_choices()


class TargetRevisionInline(admin.TabularInline):
    model = TargetRevision
    extra = 0
    can_delete = False
    fields = ["changed_at", "changed_by", "old_value", "new_value", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    form = TargetForm
    list_display = ["indicator_label", "year", "kecamatan", "category", "value", "updated_at", "updated_by"]
    list_filter = ["year", "category", "kecamatan"]
    list_select_related = ["kecamatan", "updated_by"]
    inlines = [TargetRevisionInline]
    readonly_fields = ["updated_at", "updated_by"]

    @admin.display(description=_("indicator"), ordering="indicator")
    def indicator_label(self, obj):
        return registry.label_of(obj.indicator)

    def save_model(self, request, obj, form, change):
        services.target_save(target=obj, actor=request.user, note=form.cleaned_data.get("change_note", ""))

    def has_delete_permission(self, request, obj=None):
        return False  # a target that no longer applies is set to its new value: the history stays


@admin.register(MeetingReport)
class MeetingReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "requested_by", "status"]
    list_filter = ["status"]
    list_select_related = ["requested_by"]
    readonly_fields = ["requested_by", "filters", "language", "status", "created_at"]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
