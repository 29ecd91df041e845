from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Application, LoanDocument
from .money import parse_rupiah


class RupiahField(forms.Field):
    """A whole rupiah amount as people write it: 7000000, 7.000.000 or Rp 7.000.000."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off", "maxlength": "30"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if len(str(value)) > 30:
            raise forms.ValidationError(_("Write the amount in rupiah with digits only, e.g. 7000000 or Rp 7.000.000."))
        return parse_rupiah(str(value))


class TenorField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 360)
        kwargs.setdefault("error_messages", {"invalid": _("Write the tenor in whole months, e.g. 12.")})
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric"})


def _check_range(form, product, amount, tenor):
    if product is None:
        return
    if amount is not None and amount < product.min_amount:
        form.add_error("amount", _("The smallest amount of this product is Rp %(amount)s.") % _fmt(product.min_amount))
    if amount is not None and amount > product.max_amount:
        form.add_error("amount", _("The largest amount of this product is Rp %(amount)s.") % _fmt(product.max_amount))
    if tenor is not None and not product.min_tenor <= tenor <= product.max_tenor:
        form.add_error(
            "tenor",
            _("The tenor must be between %(min)s and %(max)s months.")
            % {"min": product.min_tenor, "max": product.max_tenor},
        )


def _fmt(amount):
    return {"amount": f"{int(amount):,}".replace(",", ".")}


class SimulatorForm(forms.Form):
    product = forms.TypedChoiceField(label=_("Loan product"), coerce=int)
    amount = RupiahField(label=_("Amount (Rp)"))
    tenor = TenorField(label=_("Tenor (months)"))

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices come from the list the view already loaded: no second query.
        self.products = {p.pk: p for p in products}
        self.fields["product"].choices = [(p.pk, f"{p.bank} – {p.name}") for p in products]

    def clean(self):
        data = super().clean()
        data["product"] = self.products.get(data.get("product"))
        _check_range(self, data.get("product"), data.get("amount"), data.get("tenor"))
        return data


class ApplicationForm(forms.Form):
    enrolment = forms.TypedChoiceField(label=_("Training it pays for"), coerce=int)
    amount = RupiahField(label=_("Amount (Rp)"))
    tenor = TenorField(label=_("Tenor (months)"))

    def __init__(self, *args, product, enrolments, departure=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.enrolments = {e.pk: e for e in enrolments}
        if departure:  # a departure-cost loan pays for the candidacy in progress, not a course
            del self.fields["enrolment"]
        else:
            self.fields["enrolment"].choices = [
                (e.pk, f"{e.batch.program.title} – {e.batch.name} ({e.batch.program.provider})") for e in enrolments
            ]

    def clean(self):
        data = super().clean()
        data["enrolment"] = self.enrolments.get(data.get("enrolment"))
        _check_range(self, self.product, data.get("amount"), data.get("tenor"))
        return data


class TermsForm(forms.Form):
    amount = RupiahField(label=_("Amount (Rp)"))
    tenor = TenorField(label=_("Tenor (months)"))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=LoanDocument.Kind.choices, widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("Photo (JPEG, PNG, WebP) or PDF, at most 5 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )


class SubmitForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I agree that Disnaker shares my application file with the bank I chose, as described above."),
        error_messages={"required": _("Agree to share your file with the bank to submit.")},
    )


class OfferForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accept the offer")), ("decline", _("Decline the offer"))])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class VerifyForm(forms.Form):
    note = forms.CharField(
        label=_("What Disnaker verified"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. identity matches the KTP, accepted in the batch, documents legible."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Application.Decision.choices)
    amount = RupiahField(label=_("Approved amount (Rp)"), required=False)
    rate = forms.DecimalField(
        label=_("Annual rate (%)"), max_digits=5, decimal_places=2, min_value=Decimal(0), max_value=Decimal("99.99"),
        required=False, localize=True,
    )  # fmt: skip
    tenor = TenorField(label=_("Approved tenor (months)"), required=False)
    reason = forms.CharField(
        label=_("Reason (required when rejecting)"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("decision") == Application.Decision.APPROVE:
            for name in ("amount", "rate", "tenor"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Required for an approval."))
        elif data.get("decision") == Application.Decision.REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("A reason is required for this decision."))
        return data


class ConfirmForm(forms.Form):
    confirm = forms.ChoiceField(
        choices=[("yes", _("Confirm the decision")), ("no", _("Send it back to the officer"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when sending back)"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class DisburseForm(forms.Form):
    on = forms.DateField(label=_("Disbursed on"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = RupiahField(label=_("Amount disbursed (Rp)"))
    bank_reference = forms.CharField(label=_("Bank reference"), max_length=50)

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The disbursement date cannot be in the future."))
        return on


class RepaymentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Repayment file (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or Excel (.xlsx) file."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        return upload


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel")], required=False)
