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
from .passwords import EMAIL_TEMPLATE, HTML_EMAIL_TEMPLATE, SUBJECT_TEMPLATE, QueuedPasswordResetForm
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
    form_class = QueuedPasswordResetForm  # sent by a worker on the "notifications" queue
    email_template_name = EMAIL_TEMPLATE
    html_email_template_name = HTML_EMAIL_TEMPLATE
    subject_template_name = SUBJECT_TEMPLATE
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
