from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import EducationLevel, Kecamatan, Sector
from trainings.models import Enrolment, Program

from .models import BrokerReport, ContractType, Employer, OccupationGroup, Placement, Vacancy, validate_nib

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def filter_choices():
    """The options of the vacancy filters, cached (they are reference data): the public list
    renders them by hand instead of through ~100 widget templates (PERFORMANCE.md)."""
    key = f"placements:filter-choices:{get_language()}"
    choices = cache.get(key)
    if choices is None:
        choices = {
            "kecamatan": [(k.pk, k.name) for k in Kecamatan.objects.all()],
            "sector": [(s.pk, str(s)) for s in Sector.objects.all()],
            "education": [(e.pk, e.name) for e in EducationLevel.objects.all()],
            "education_rank": [(e.pk, e.rank) for e in EducationLevel.objects.all()],
            "occupation": [(o.pk, str(o)) for o in OccupationGroup.objects.all()],
        }
        cache.set(key, choices, 3600)
    return choices


class VacancyFilterForm(forms.Form):
    """Validates the list's query string; ids are checked against the cached choices, so a
    filter costs no query of its own."""

    SORTS = [("closing", _("Closing soonest")), ("newest", _("Newest"))]

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    kecamatan = forms.TypedChoiceField(label=_("Kecamatan"), coerce=int, required=False, empty_value=None)
    sector = forms.TypedChoiceField(label=_("Sector"), coerce=int, required=False, empty_value=None)
    education = forms.TypedChoiceField(label=_("My education"), coerce=int, required=False, empty_value=None)
    occupation = forms.TypedChoiceField(label=_("Occupation group"), coerce=int, required=False, empty_value=None)
    wage = forms.IntegerField(label=_("Wage at least (Rp)"), min_value=0, max_value=10**11, required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = filter_choices()
        for name in ("kecamatan", "sector", "education", "occupation"):
            self.fields[name].choices = [("", ""), *[(str(pk), label) for pk, label in self.choices[name]]]


class ApplyForm(forms.Form):
    cover_note = forms.CharField(
        label=_("A short note to the employer (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EmployerAccountRequestForm(forms.Form):
    company_name = forms.CharField(label=_("Company name"), max_length=200)
    nib = forms.CharField(
        label=_("NIB (business identification number)"), max_length=13, min_length=13, validators=[validate_nib]
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    position = forms.CharField(label=_("Your position"), max_length=100, required=False)
    email = forms.EmailField(label=_("Work email"))
    phone = forms.CharField(label=_("Mobile number (optional)"), max_length=20, required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=12, max_length=128)
    letter = forms.FileField(
        label=_("Letter of assignment (PDF or photo)"),
        help_text=_("Signed by the company's management, naming you as the officer for the portal."),
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class VacancyForm(forms.ModelForm):
    class Meta:
        model = Vacancy
        fields = [
            "title", "occupation", "description", "openings", "contract_type", "min_education", "skills",
            "relevant_programs", "kecamatan", "wage_min", "wage_max", "closing_date", "requires_ak1",
        ]  # fmt: skip
        widgets = {"closing_date": DATE, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract_type"].choices = [(c.value, c.label) for c in Vacancy.CONTRACT_TYPES]
        self.fields["relevant_programs"].queryset = Program.objects.published().select_related("provider")
        self.fields["relevant_programs"].required = False
        self.fields["contract_type"].help_text = _(
            "Apprenticeships may pay less than the UMK; they are labelled as such."
        )


class HireForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    wage = forms.DecimalField(
        label=_("Monthly wage (Rp)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )


class DecisionForm(forms.Form):
    DECISIONS = [
        ("shortlisted", _("Shortlist")),
        ("interview", _("Invite to interview")),
        ("hired", _("Hire")),
        ("not_hired", _("Not hired")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    reason = forms.CharField(label=_("Note to the applicant (optional)"), max_length=255, required=False)
    start_date = forms.DateField(label=_("Start date (when hiring)"), widget=DATE, required=False)
    wage = forms.DecimalField(
        label=_("Monthly wage (Rp, when hiring)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "hired" and not data.get("start_date"):
            self.add_error("start_date", _("Give the start date of the job."))
        return data


class PlacementReportForm(forms.Form):
    """A placement reported by a partner institution (its graduate) or by the seeker."""

    enrolment = forms.ModelChoiceField(label=_("Graduate and training"), queryset=Enrolment.objects.none())
    employer = forms.ModelChoiceField(
        label=_("Employer (if registered)"), queryset=Employer.objects.verified(), required=False
    )
    employer_name = forms.CharField(label=_("Employer name (if not in the list)"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=150)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    channel = forms.ChoiceField(label=_("How the job was found"), choices=Placement.Channel.choices)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    wage = forms.DecimalField(
        label=_("Monthly wage (Rp)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )
    evidence = forms.FileField(label=_("Employment letter or contract (PDF or photo)"))

    def __init__(self, *args, enrolments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enrolments is None:
            del self.fields["enrolment"]
        else:
            self.fields["enrolment"].queryset = enrolments
            self.fields["enrolment"].label_from_instance = lambda e: f"{e.seeker.full_name} – {e.batch.program.title}"

    def clean(self):
        data = super().clean()
        if not data.get("employer") and not (data.get("employer_name") or "").strip():
            self.add_error("employer_name", _("Choose the employer or write its name."))
        return data


class EvidenceForm(forms.Form):
    evidence = forms.FileField(label=_("Employment letter or contract (PDF or photo)"))


class BrokerReportForm(forms.ModelForm):
    class Meta:
        model = BrokerReport
        fields = [
            "subject",
            "subject_name",
            "what_happened",
            "amount",
            "kecamatan",
            "reporter_name",
            "reporter_contact",
        ]
        widgets = {"what_happened": forms.Textarea(attrs={"rows": 4})}


class ProposeForm(forms.Form):
    seekers = forms.TypedMultipleChoiceField(label=_("Job seekers"), coerce=int, choices=())

    def __init__(self, *args, seeker_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seekers"].choices = [(pk, pk) for pk in seeker_ids]
