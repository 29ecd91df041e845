from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Kecamatan

from .models import Attendance, BusinessOutcome, Program
from .selectors import catalogue_providers


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *Program.Category.choices], required=False
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=catalogue_providers(), required=False, empty_label=_("All providers")
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=[("", _("Any mode")), *Program.Mode.choices], required=False)
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False, empty_label=_("All kecamatan")
    )
    price = forms.ChoiceField(
        label=_("Fee"),
        choices=[("", _("Free and paid")), ("free", _("Free")), ("paid", _("Paid"))],
        required=False,
    )
    open = forms.BooleanField(label=_("Open for registration now"), required=False)


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    DECISIONS = [
        ("shortlist", _("Shortlist")),
        ("accept", _("Accept")),
        ("waitlist", _("Waitlist")),
        ("reject", _("Reject")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    reason = forms.CharField(
        label=_("Reason (required when rejecting)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    enrolments = forms.TypedMultipleChoiceField(label=_("Applicants"), coerce=int, choices=())

    def __init__(self, *args, enrolment_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].choices = [(pk, pk) for pk in enrolment_ids]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("A reason is required for this decision."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ScoresForm(forms.Form):
    pre_test_score = forms.DecimalField(
        label=_("Pre-test score"), min_value=0, max_value=100, decimal_places=2, required=False
    )
    post_test_score = forms.DecimalField(
        label=_("Post-test score"), min_value=0, max_value=100, decimal_places=2, required=False
    )


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(label=_("Topic"), max_length=150, required=False)


class AttendanceForm(forms.Form):
    """One radio group per trainee of the session's batch."""

    def __init__(self, *args, enrolments, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for enrolment in enrolments:
            self.fields[f"e{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.seeker.full_name,
                choices=Attendance.Status.choices,
                initial=current.get(enrolment.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect,
            )

    def marks(self):
        return {enrolment.pk: self.cleaned_data[f"e{enrolment.pk}"] for enrolment in self.enrolments}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = BusinessOutcome
        fields = ["started", "kind", "business_name", "registration_number", "note"]

    def clean(self):
        data = super().clean()
        if data.get("started") and not data.get("kind"):
            self.add_error("kind", _("Say what kind of business was started."))
        if not data.get("started"):
            # No business: no business details (the database refuses them, with a raw message).
            data["kind"] = data["business_name"] = data["registration_number"] = ""
        return data
