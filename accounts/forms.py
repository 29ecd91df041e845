from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from .phone import normalize_phone

# An email address or a mobile number: plain text (no browser validation tooltip in English),
# no auto-capitals or autocorrect.
IDENTIFIER_ATTRS = {"inputmode": "text", "autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        # Text, not email: many people type a mobile number here (an email keyboard hides the digits).
        widget=forms.TextInput(attrs=IDENTIFIER_ATTRS | {"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        # One message for an unknown account and a wrong password: no account enumeration.
        "invalid_login": _("The email/mobile number or password is incorrect."),
        "inactive": _("This account is inactive."),
    }


class RecoveryForm(forms.Form):
    """/akun/lupa-sandi/: the email address or mobile number of the account."""

    identifier = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        error_messages={"required": _("Enter the email address or mobile number of your account.")},
        widget=forms.TextInput(attrs=IDENTIFIER_ATTRS | {"autofocus": True, "autocomplete": "username"}),
    )

    def clean_identifier(self):
        value = self.cleaned_data["identifier"].strip()
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(
                    _("This email address is not complete; check it, for example rina@contoh.id."), code="invalid"
                ) from None
            self.kind = "email"
            return value.lower()
        try:
            phone = normalize_phone(value)
        except ValidationError:
            raise ValidationError(
                _("Enter an email address or an Indonesian mobile number, for example 0812 3456 7890."), code="invalid"
            ) from None
        self.kind = "phone"
        return phone


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code from the SMS"))
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("error_messages", {"required": _("Enter the 6-digit code from the SMS.")})
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
        )
        super().__init__(**kwargs)


class CodeResetForm(SetPasswordForm):
    """The code sent by SMS and the new password, on one page."""

    code = CodeField()
    field_order = ["code", "new_password1", "new_password2"]


class VerifyPhoneForm(forms.Form):
    code = CodeField()
