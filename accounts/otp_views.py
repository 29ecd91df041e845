"""Second-factor pages: enrolment on first login, verification at each login (see second_factor.py)."""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.services import audit
from core.throttle import throttle

from .second_factor import RECOVERY_CODES, has_device, needs_second_factor, totp_qr_svg

ENROL_SESSION_KEY = "otp_enrol_device"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request):
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "accounts:after_login"


@never_cache
@login_required
@throttle("one_time_code", per_account=(10, 900), per_ip=(30, 900))
def otp_verify(request):
    if not needs_second_factor(request.user) or request.user.is_verified():
        return redirect(_next(request))
    if not has_device(request.user):
        return redirect("accounts:otp_enrol")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                audit(actor=request.user, obj=request.user, action="otp_recovery_code_used")
            return redirect(_next(request))
        form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})


@never_cache
@login_required
@throttle("one_time_code_enrol", per_account=(10, 900), per_ip=(30, 900))
def otp_enrol(request):
    user = request.user
    if not needs_second_factor(user) or has_device(user):
        return redirect("accounts:otp_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=request.session.get(ENROL_SESSION_KEY)).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
        request.session[ENROL_SESSION_KEY] = device.pk
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                StaticDevice.objects.filter(user=user).delete()
                recovery = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
                codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
                StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
                audit(actor=user, obj=user, action="otp_enrolled")
            request.session.pop(ENROL_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(request, _("Second factor set up."))
            return render(request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("token", _("The code is wrong or has expired."))
    return render(
        request,
        "accounts/otp_enrol.html",
        {"form": form, "qr": totp_qr_svg(device), "secret": device.config_url.split("secret=")[1].split("&")[0]},
    )
