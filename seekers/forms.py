from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.phone import display_phone, normalize_phone
from core.forms import RupiahField
from core.models import Desa, Kecamatan

from . import nik as nik_rules
from .models import (
    NIK_TAKEN,
    Document,
    Education,
    Experience,
    JobSeeker,
    LanguageSkill,
    NonFormalTraining,
)
from .uploads import MAX_IMAGE_BYTES, MAX_PDF_BYTES

User = get_user_model()


class RegistrationForm(forms.Form):
    """Step 1: the account. Nothing is stored unless the consent box is ticked."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    identifier = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        help_text=_("You will log in with this. A mobile number like 0812 3456 7890 is enough."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A few words you remember are best."),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Disnaker Kabupaten Bekasi processes my personal data to provide job-seeker services "
            "(AK/1 card, training, placement), as described in the privacy notice."
        ),
        help_text=format_lazy(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse_lazy("core:privacy"),
            _("Read the privacy notice (opens in a new tab)"),
        ),
        error_messages={"required": _("We can only register you with your consent.")},
    )

    def clean_identifier(self):
        value = self.cleaned_data["identifier"].strip()
        if "@" in value:
            email = forms.EmailField().clean(value).lower()
            if User.objects.filter(email=email).exists():
                raise ValidationError(_("An account with this email address already exists."), code="taken")
            self.email, self.phone = email, None
        else:
            phone = normalize_phone(value)
            if User.objects.filter(phone=phone).exists():
                raise ValidationError(_("An account with this mobile number already exists."), code="taken")
            self.email, self.phone = None, phone
        return value

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", ValidationError(_("The two passwords differ."), code="mismatch"))
        elif p1 and "identifier" in data:
            user = User(email=self.email, phone=self.phone, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(p1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PersonalForm(forms.ModelForm):
    """Step 2: the data the AK/1 card carries."""

    nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        help_text=_("The 16-digit number on your KTP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    domicile_kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan of domicile"),
        queryset=Kecamatan.objects.all(),
        required=False,
        empty_label=_("— Choose your kecamatan —"),
        help_text=_("Living outside Kabupaten Bekasi? Leave this empty and name your city or regency below."),
    )
    domicile_desa = forms.ModelChoiceField(
        label=_("Desa/kelurahan"),
        queryset=Desa.objects.select_related("kecamatan").order_by("kecamatan__name", "name"),
        required=False,
    )

    class Meta:
        model = JobSeeker
        fields = [
            "nik", "full_name", "birth_place", "birth_date", "gender", "marital_status", "religion",
            "address", "domicile_kecamatan", "domicile_desa", "domicile_outside", "phone",
        ]  # fmt: skip
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Desa grouped by kecamatan: usable without JavaScript, filtered by static/js/seekers.js.
        groups = {}
        for desa in self.fields["domicile_desa"].queryset:
            groups.setdefault(desa.kecamatan.name, []).append((desa.pk, desa.name))
        self.fields["domicile_desa"].choices = [("", "—")] + list(groups.items())
        self.fields["domicile_desa"].widget.attrs["data-dependent-on"] = "id_domicile_kecamatan"
        self.fields["domicile_kecamatan"].widget.attrs["data-controls"] = "id_domicile_desa"
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        # The number as people write it (0812-3456-7890), not the stored +62 form.
        if not self.is_bound and self.instance.phone:
            self.initial["phone"] = display_phone(self.instance.phone)

    def clean_nik(self):
        nik = nik_rules.parse_nik(self.cleaned_data["nik"]).nik
        if JobSeeker.objects.filter(nik=nik).exclude(pk=self.instance.pk).exists():
            raise ValidationError(NIK_TAKEN, code="nik_taken")
        return nik

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if birth_date > today or birth_date.year < today.year - 100:
            raise ValidationError(_("Enter your real date of birth."), code="birth_date")
        return birth_date

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return normalize_phone(phone) if phone else ""

    def clean(self):
        data = super().clean()
        kecamatan, desa = data.get("domicile_kecamatan"), data.get("domicile_desa")
        if kecamatan:
            if desa is None:
                self.add_error("domicile_desa", ValidationError(_("Choose your desa/kelurahan."), code="required"))
            elif desa.kecamatan_id != kecamatan.pk:
                self.add_error(
                    "domicile_desa",
                    ValidationError(_("This desa/kelurahan is not in the chosen kecamatan."), code="desa_mismatch"),
                )
            data["domicile_outside"] = ""
        elif not data.get("domicile_outside", "").strip():
            self.add_error(
                "domicile_outside",
                ValidationError(_("Choose your kecamatan, or name the city/regency where you live."), code="required"),
            )
        return data


class EducationLevelForm(forms.ModelForm):
    class Meta:
        model = JobSeeker
        fields = ["education_level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["education_level"].required = True


class OptionalRowMixin:
    """An empty row offered for a new entry: no required marks on it (the person may leave it
    empty), but once anything is typed in it, the usual fields are needed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._needed = []
        if self.instance.pk is None:
            for name, field in self.fields.items():
                if field.required:
                    field.required = False
                    self._needed.append(name)

    def clean(self):
        data = super().clean()
        if self.has_changed():
            for name in self._needed:
                if data.get(name) in (None, "", [], ()) and name not in self.errors:
                    self.add_error(name, ValidationError(self.fields[name].error_messages["required"], code="required"))
        return data


class EducationForm(OptionalRowMixin, forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "school", "major", "graduation_year"]

    def clean_graduation_year(self):
        year = self.cleaned_data.get("graduation_year")
        if year and not (1950 <= year <= timezone.localdate().year + 1):
            raise ValidationError(_("Enter a year between 1950 and next year."), code="year")
        return year


class NonFormalTrainingForm(OptionalRowMixin, forms.ModelForm):
    class Meta:
        model = NonFormalTraining
        fields = ["name", "organiser", "year", "certified"]


class ExperienceForm(OptionalRowMixin, forms.ModelForm):
    class Meta:
        model = Experience
        fields = ["employer", "position", "start_date", "end_date", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", ValidationError(_("The end date is before the start date."), code="order"))
        return data


class LanguageForm(OptionalRowMixin, forms.ModelForm):
    class Meta:
        model = LanguageSkill
        fields = ["language", "level"]

    def clean(self):
        data = super().clean()
        language, level = data.get("language"), data.get("level")
        if language and level:
            japanese_level = level in LanguageSkill.JAPANESE_LEVELS
            if (language == LanguageSkill.Language.JAPANESE) != japanese_level:
                self.add_error(
                    "level",
                    ValidationError(
                        _(
                            "For Japanese choose a JLPT level (or no JLPT); for other languages basic, "
                            "intermediate or fluent."
                        ),
                        code="level",
                    ),
                )
        return data


def seeker_formset(model, form, extra=1):
    # An empty extra row has nothing to delete: no delete box on it.
    return forms.inlineformset_factory(
        JobSeeker, model, form=form, extra=extra, can_delete=True, can_delete_extra=False, max_num=20, validate_max=True
    )


EducationFormSet = seeker_formset(Education, EducationForm)
NonFormalTrainingFormSet = seeker_formset(NonFormalTraining, NonFormalTrainingForm)
ExperienceFormSet = seeker_formset(Experience, ExperienceForm)
LanguageFormSet = seeker_formset(LanguageSkill, LanguageForm)


class SkillsForm(forms.Form):
    skills = forms.CharField(
        label=_("Skills"),
        max_length=1000,
        help_text=_("Separate with commas, e.g. welding, forklift, Microsoft Excel."),
        widget=forms.TextInput(),
    )

    def clean_skills(self):
        names = [n.strip() for n in self.cleaned_data["skills"].split(",") if n.strip()]
        if not names:
            raise ValidationError(_("Name at least one skill."), code="required")
        if len(names) > 30:
            raise ValidationError(_("At most 30 skills."), code="too_many")
        return names


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = JobSeeker
        fields = [
            "employment_status", "preferred_position", "expected_wage", "willing_abroad", "preferred_sectors",
            "disability", "accommodations",
        ]  # fmt: skip
        # A compact list (the phone's own picker), not a wall of 21 checkboxes; the position,
        # searched among common occupations, comes first.
        widgets = {"preferred_sectors": forms.SelectMultiple(attrs={"size": 5})}
        field_classes = {"expected_wage": RupiahField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["preferred_position"]
        position.widget.attrs["list"] = "common-occupations"
        position.help_text = _("Type to search common occupations, or write your own.")

    def clean_expected_wage(self):
        wage = self.cleaned_data.get("expected_wage")
        if wage is not None and wage < 0:
            raise ValidationError(_("Enter an amount in rupiah."), code="negative")
        return wage


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=Document.Kind.choices, widget=forms.HiddenInput)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, kind=None, **kwargs):
        # Three of these forms share a page: give each its own element ids.
        kwargs.setdefault("auto_id", f"id_{kind or 'doc'}_%s")
        super().__init__(*args, **kwargs)
        if kind:
            self.fields["kind"].required = False  # known from the prefix/slot
            self.initial.setdefault("kind", kind)
        # Only the photo is needed for the AK/1 card; no required mark on the others.
        self.fields["file"].required = kind == Document.Kind.PHOTO
        if kind:
            self.fields["file"].label = Document.Kind(kind).label
        if kind == Document.Kind.PHOTO:
            self.fields["file"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
            self.fields["file"].help_text = _("Needed for the AK/1 card. JPEG, PNG or WebP, at most %(mb)s MB.") % {
                "mb": MAX_IMAGE_BYTES // 2**20
            }
        elif kind:
            self.fields["file"].widget.attrs["accept"] = "application/pdf"
            self.fields["file"].help_text = _("Optional. PDF, at most %(mb)s MB.") % {"mb": MAX_PDF_BYTES // 2**20}


class ReportForm(forms.Form):
    still_looking = forms.TypedChoiceField(
        label=_("Are you still looking for work?"),
        choices=[("1", _("Yes, still looking")), ("0", _("No, I have been hired"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    employer = forms.CharField(label=_("Employer"), max_length=150, required=False)
    position = forms.CharField(label=_("Position"), max_length=100, required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("still_looking") is False:
            for field in ("employer", "position", "start_date"):
                if not data.get(field):
                    self.add_error(field, ValidationError(_("Needed when you report being hired."), code="required"))
        return data


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=255, required=False)
    confirm = forms.BooleanField(label=_("I understand that my account and profile will be deleted."))


class CardSuspendForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)
