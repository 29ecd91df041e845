from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.services import audit
from core.throttle import client_ip
from core.throttle import throttle as throttle_requests

from . import otp
from .forms import CodeResetForm, LoginForm, RecoveryForm, VerifyPhoneForm
from .landing import landing_url_name
from .models import User
from .passwords import EMAIL_TEMPLATE, HTML_EMAIL_TEMPLATE, SUBJECT_TEMPLATE, QueuedPasswordResetForm
from .phone import display_phone
from .services import user_set_language


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


RESET_PHONE_SESSION_KEY = "accounts_reset_phone"
THROTTLED_MESSAGE = "Too many codes were asked for. Wait an hour, then try again, or ask Disnaker for help."


@throttle_requests("password_reset", per_account=(3, 3600), per_ip=(10, 3600), account_field=("identifier", "email"))
def password_reset(request):
    """/akun/lupa-sandi/: an email address gets a link (as before), a mobile number a code by SMS.

    The answer is the same whether or not the address or number has an account."""
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        data.setdefault("identifier", data.get("email", ""))  # the field's name before phones
    form = RecoveryForm(data)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        if form.kind == "email":
            email_form = QueuedPasswordResetForm({"email": identifier})
            email_form.is_valid()
            email_form.save(
                request=request,
                use_https=request.is_secure(),
                subject_template_name=SUBJECT_TEMPLATE,
                email_template_name=EMAIL_TEMPLATE,
                html_email_template_name=HTML_EMAIL_TEMPLATE,
            )
            return redirect("accounts:password_reset_done")
        try:
            otp.throttle_request(phone=identifier, ip=client_ip(request))
        except otp.Throttled:
            form.add_error("identifier", _(THROTTLED_MESSAGE))
        else:
            user = User.objects.filter(phone=identifier, is_active=True).first()
            if user is not None:
                otp.code_issue(user=user, purpose=otp.Purpose.PASSWORD_RESET)
            request.session[RESET_PHONE_SESSION_KEY] = identifier
            return redirect("accounts:password_reset_code")
    return render(request, "accounts/password_reset_form.html", {"form": form})


@sensitive_post_parameters("code", "new_password1", "new_password2")
def password_reset_code(request):
    """The code from the SMS and a new password. A wrong or old code gets one message."""
    phone = request.session.get(RESET_PHONE_SESSION_KEY)
    if not phone:
        return redirect("accounts:password_reset")
    user = User.objects.filter(phone=phone, is_active=True).first()
    form = CodeResetForm(user or User(phone=phone), request.POST or None)
    if request.method == "POST" and form.is_valid():
        if user is not None and otp.code_check(
            user=user, purpose=otp.Purpose.PASSWORD_RESET, code=form.cleaned_data["code"]
        ):
            with transaction.atomic():
                form.save()
                audit(actor=None, obj=user, action="password_reset_by_phone")
                if not user.phone_verified_at:
                    otp.phone_mark_verified(user=user)  # the code reached the number: it is theirs
            del request.session[RESET_PHONE_SESSION_KEY]
            return redirect("accounts:password_reset_complete")
        form.add_error("code", _("This code is wrong or no longer valid. Check the SMS, or ask for a new code."))
    return render(request, "accounts/password_reset_code.html", {"form": form, "phone_display": display_phone(phone)})


@login_required
@sensitive_post_parameters("code")
def verify_phone(request):
    """/akun/nomor-hp/: send a code to the account's number, then type it to verify the number."""
    user = request.user
    if not user.phone:
        messages.info(request, _("Your account has no mobile number."))
        return redirect("accounts:after_login")
    form = VerifyPhoneForm()
    if request.method == "POST" and "send" in request.POST:
        try:
            otp.throttle_request(phone=user.phone, ip=client_ip(request))
        except otp.Throttled:
            messages.error(request, _(THROTTLED_MESSAGE))
        else:
            otp.code_issue(user=user, purpose=otp.Purpose.VERIFY_PHONE, actor=user)
            messages.success(request, _("We sent a code by SMS to %(phone)s.") % {"phone": display_phone(user.phone)})
        return redirect("accounts:verify_phone")
    if request.method == "POST":
        form = VerifyPhoneForm(request.POST)
        if form.is_valid():
            if otp.code_check(user=user, purpose=otp.Purpose.VERIFY_PHONE, code=form.cleaned_data["code"]):
                otp.phone_mark_verified(user=user, actor=user)
                messages.success(request, _("Your mobile number is verified. You can now get messages by SMS."))
                return redirect("accounts:verify_phone")
            form.add_error("code", _("This code is wrong or no longer valid. Check the SMS, or ask for a new code."))
    return render(
        request,
        "accounts/verify_phone.html",
        {"form": form, "phone_display": display_phone(user.phone), "verified": bool(user.phone_verified_at)},
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def after_login(request):
    """Send each person to the page their role starts from (registered by the apps: landing.py)."""
    return redirect(landing_url_name(request.user))


@require_POST
def set_language(request):
    """Django's language switcher, which also remembers the choice on the account (emails and
    SMS are written in it)."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response
