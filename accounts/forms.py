from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}),
    )
    error_messages = {
        # One message for an unknown account and a wrong password: no account enumeration.
        "invalid_login": _("The email/mobile number or password is incorrect."),
        "inactive": _("This account is inactive."),
    }
