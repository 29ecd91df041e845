from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import ContractType, Employer, Placement
from seekers.models import JobSeeker

from .models import (
    Candidacy,
    CandidateDocument,
    DataTransfer,
    Deployment,
    JapaneseLevel,
    Prefecture,
    ReturnRecord,
    StageResult,
)

# ISO dates: an <input type="date"> shows nothing for "15/06/2026" (the Indonesian format).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplyForm(forms.Form):
    height_cm = forms.IntegerField(label=_("Height (cm)"), min_value=100, max_value=230)
    weight_kg = forms.IntegerField(label=_("Weight (kg)"), min_value=30, max_value=200)
    confirm = forms.BooleanField(
        label=_("I meet the other requirements of this intake and my data are true."), required=True
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)


class StageResultForm(forms.Form):
    # The stage the page showed: a result is never recorded for a later stage than the clerk saw
    # (a colleague may have recorded this one meanwhile).
    stage = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    result = forms.ChoiceField(label=_("Result"), choices=StageResult.Result.choices)
    score = forms.DecimalField(label=_("Score"), min_value=0, max_value=100, decimal_places=2, required=False)
    note = forms.CharField(label=_("Examiner's note"), max_length=500, required=False)


class BulkDayForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the test day"), widget=DATE)


class BulkRowForm(forms.Form):
    candidacy = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", _("— not recorded —")), *StageResult.Result.choices], required=False
    )
    score = forms.DecimalField(label=_("Score"), min_value=0, max_value=100, decimal_places=2, required=False)
    note = forms.CharField(label=_("Examiner's note"), max_length=500, required=False)


BulkRowFormSet = forms.formset_factory(BulkRowForm, extra=0, max_num=2000, validate_max=True)


class UploadForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the test day"), widget=DATE)
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class ScheduleForm(forms.Form):
    scheduled_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=CandidateDocument.Kind.choices)
    number = forms.CharField(label=_("Number"), max_length=60)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE, required=False)


class DeploymentForm(forms.ModelForm):
    class Meta:
        model = Deployment
        fields = [
            "host_company",
            "supervising_organisation",
            "prefecture",
            "job_field",
            "departure_date",
            "emergency_contact_name",
            "emergency_contact_phone",
            "emergency_contact_relation",
        ]
        widgets = {"departure_date": DATE}


class ExtendForm(forms.Form):
    months = forms.IntegerField(label=_("Extension (months)"), min_value=1, max_value=120)
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class DataTransferForm(forms.ModelForm):
    class Meta:
        model = DataTransfer
        fields = ["recipient", "recipient_country", "legal_basis", "data_categories", "purpose", "transferred_on"]
        widgets = {"transferred_on": DATE}


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=DATE)
    early = forms.BooleanField(label=_("Returned early"), required=False)
    reason = forms.CharField(label=_("Reason for an early return"), max_length=255, required=False)
    skill_level = forms.CharField(label=_("Certificate or skill level reached"), max_length=150, required=False)
    japanese_level = forms.ChoiceField(
        label=_("Japanese level"), choices=[("", "—"), *JapaneseLevel.choices], required=False
    )
    intention = forms.ChoiceField(label=_("Intention"), choices=ReturnRecord.Intention.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class CandidateFilterForm(forms.Form):
    """The staff candidate list's filter. The intake and kecamatan options come from
    `selectors.candidate_filter_choices` (cached): they are checked against those lists and
    cleaned to primary keys, without a query."""

    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    intake = forms.TypedChoiceField(label=_("Intake"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Candidacy.Status.choices], required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", _("All")), *JobSeeker.Gender.choices], required=False)
    kecamatan = forms.TypedChoiceField(label=_("Kecamatan"), coerce=int, empty_value=None, required=False)
    prefecture = forms.ChoiceField(label=_("Prefecture"), choices=[("", _("All")), *Prefecture.choices], required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intake"].choices = [("", _("All")), *choices["intake"]]
        self.fields["kecamatan"].choices = [("", _("All")), *choices["kecamatan"]]


class PlacementForm(forms.Form):
    """A returnee's new job, recorded through the placements app."""

    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none(), required=False)
    employer_name = forms.CharField(label=_("Or the employer's name"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=150)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    wage = forms.DecimalField(
        label=_("Monthly wage (Rp)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.filter(pk__in=[e.pk for e in employers])

    def clean(self):
        data = super().clean()
        if not data.get("employer") and not (data.get("employer_name") or "").strip():
            raise forms.ValidationError(_("Choose the employer or type its name."), code="no_employer")
        return data


class LinkPlacementForm(forms.Form):
    placement = forms.ModelChoiceField(label=_("Placement"), queryset=Placement.objects.none())

    def __init__(self, *args, placements=None, **kwargs):
        super().__init__(*args, **kwargs)
        if placements is not None:
            self.fields["placement"].queryset = placements


class ProposeForm(forms.Form):
    vacancy = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
