from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=_("Email"), required=False)
    sms = forms.BooleanField(label=_("SMS"), required=False)
    whatsapp = forms.BooleanField(label=_("WhatsApp"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A channel the person cannot receive on is shown, switched off and explained; a
        # disabled field ignores whatever is posted for it.
        if not user.email:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("Your account has no email address.")
        if not (user.phone and user.phone_verified_at):
            for name in ("sms", "whatsapp"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Available once your mobile number is verified (the button above).")
