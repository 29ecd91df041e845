from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.throttle import throttle

from .forms import LoginForm
from .landing import landing_url_name
from .services import user_set_language


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@method_decorator(
    throttle("password_reset", per_account=(3, 3600), per_ip=(10, 3600), account_field="email"), name="dispatch"
)
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


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
