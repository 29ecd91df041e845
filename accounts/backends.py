from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from . import account_cache, permissions_cache
from .phone import normalize_phone


def normalize_identifier(identifier):
    """The canonical spelling of a login identifier: lower-case email or +62 mobile number."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return identifier.lower()
    try:
        return normalize_phone(identifier)
    except ValidationError:
        return identifier


def login_identifier(request, credentials):
    """django-axes' username: throttling counts per account, not per spelling of it."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalize_identifier(raw)[:255]


class EmailOrPhoneBackend(ModelBackend):
    """Log in with an email address or an Indonesian mobile number (any common spelling)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        try:
            user = User._default_manager.get_by_identifier(username)
        except (User.DoesNotExist, ValidationError):
            # Hash anyway so that an unknown identifier takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """ModelBackend's, with the account row and its roles from the shared cache where there
        is one (accounts/account_cache.py) instead of two queries on each request."""
        if account_cache.enabled():
            return account_cache.load(user_id, super().get_user)
        return super().get_user(user_id)

    def _get_permissions(self, user_obj, obj, from_name):
        """ModelBackend's, with both sets of an active non-superuser read from the shared cache
        (accounts/permissions_cache.py) instead of two queries on each request."""
        if (
            obj is None
            and not hasattr(user_obj, f"_{from_name}_perm_cache")
            and user_obj.is_active
            and not user_obj.is_anonymous
            and not user_obj.is_superuser
            and permissions_cache.enabled()
        ):
            permissions_cache.load(user_obj, super()._get_permissions)
        return super()._get_permissions(user_obj, obj, from_name)
