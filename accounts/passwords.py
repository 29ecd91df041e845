"""Password-reset links, sent by a worker on the "notifications" queue (README "Queues").

The web request only queues the user's id: a slow mail server never holds it, the answer takes
the same time whether or not the address has an account, and no address or token travels
through the broker. The worker makes the token (valid from then for PASSWORD_RESET_TIMEOUT).
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

logger = logging.getLogger(__name__)

SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"
EMAIL_TEMPLATE = "accounts/email/password_reset.txt"
HTML_EMAIL_TEMPLATE = "accounts/email/password_reset.html"


def password_reset_send(*, user_id, domain, use_https) -> bool:
    """Email one reset link to an active account with a usable password; False if none."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    with translation.override(user.language):
        PasswordResetForm().send_mail(
            SUBJECT_TEMPLATE, EMAIL_TEMPLATE, context, None, user.email, html_email_template_name=HTML_EMAIL_TEMPLATE
        )
    return True


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's form; `save()` queues one task per matching account instead of sending."""

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        from .tasks import send_password_reset

        domain = domain_override or get_current_site(request).domain
        for user in self.get_users(self.cleaned_data["email"]):
            try:
                send_password_reset.apply_async(args=(user.pk, domain, use_https), retry=False)
            except Exception as exc:  # noqa: BLE001 - broker down: send from this request instead
                logger.warning("password reset: queueing failed (%s); sending now", type(exc).__name__)
                password_reset_send(user_id=user.pk, domain=domain, use_https=use_https)
