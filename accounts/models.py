from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.caching import versioned_get, versioned_set

from .phone import normalize_phone, validate_phone
from .roles import Role

# `User.roles` from the shared cache: one entry per user, kept under the user's version (bumped when
# their groups or their account change) and the version of all role groups (a group renamed or
# deleted, or a reverse `group.user_set` change without ids): accounts/signals.py.
ROLES_TIMEOUT = 24 * 60 * 60
ROLES_ALL_VERSION_KEY = "accounts:roles:v:all"


def roles_version_key(user_id) -> str:
    return f"accounts:roles:v:{user_id}"


class UserQuerySet(models.QuerySet):
    def job_seekers(self):
        """The one definition of a job seeker: a person with a job-seeker profile
        (`seekers.JobSeeker`, reached by its reverse name so that accounts imports nothing above
        it). An account without a role that has not filled in its profile yet is not one."""
        return self.filter(seeker__isnull=False)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, phone, password, **extra_fields):
        email = self.normalize_email(email).lower() or None if email else None
        phone = normalize_phone(phone) if phone else None
        if not email and not phone:
            raise ValueError("A user needs an email address or a mobile number.")
        user = self.model(email=email, phone=phone, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, *, phone=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, phone, password, **extra_fields)

    def create_superuser(self, email=None, password=None, *, phone=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, phone, password, **extra_fields)

    def get_by_identifier(self, identifier: str):
        """The user whose email or mobile number is `identifier`; DoesNotExist otherwise."""
        identifier = (identifier or "").strip()
        if "@" in identifier:
            return self.get(email=identifier.lower())
        return self.get(phone=normalize_phone(identifier))  # ValidationError if not a number


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a job seeker, or staff of Disnaker, TKP3D, a partner or a bank.

    Job seekers sign up with an email address or an Indonesian mobile number (many have no
    email), so either identifies the account and both are unique when present.
    """

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("mobile number"), max_length=16, unique=True, null=True, blank=True, validators=[validate_phone]
    )
    phone_verified_at = models.DateTimeField(_("mobile number verified at"), null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Can log into the administration site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="accounts_user_has_email_or_phone",
            ),
        ]
        permissions = [
            ("view_tkp3d_dashboard", _("Can view the TKP3D dashboards")),
            ("access_partner_portal", _("Can use the partner-institution pages")),
            ("access_bank_portal", _("Can use the partner-bank pages")),
        ]

    def __str__(self):
        return self.full_name or self.identifier

    @property
    def identifier(self):
        return self.email or self.phone

    def get_username(self):
        return self.identifier

    def clean(self):
        super().clean()
        self.email = self.email.lower() if self.email else None
        self.phone = normalize_phone(self.phone) if self.phone else None

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.identifier

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def roles(self) -> frozenset:
        """The user's role groups, cached on the instance and in the shared cache (no query while
        neither their groups nor the groups themselves changed; a cache outage costs the query)."""
        if not hasattr(self, "_roles_cache"):
            self._prime_roles(self._group_names())
        return self._roles_cache

    def _prime_roles(self, group_names) -> None:
        """`roles` from the names of the user's groups (read with the account: accounts/account_cache.py)."""
        self._roles_cache = frozenset(Role(n) for n in group_names if n in Role.values)

    def _group_names(self) -> tuple:
        if not self.pk:
            return ()
        entry_key = f"accounts:roles:{self.pk}"
        names, stamp = versioned_get(entry_key, [roles_version_key(self.pk), ROLES_ALL_VERSION_KEY])
        if names is None:
            names = tuple(self.groups.values_list("name", flat=True))
            versioned_set(entry_key, stamp, names, ROLES_TIMEOUT)
        return names

    @property
    def uses_seeker_pages(self) -> bool:
        """No staff status and no role: the person uses the job-seeker side of the portal (their
        dashboard, trainings), profile or not yet. Who *is* a job seeker: `User.objects.job_seekers()`."""
        return not self.is_staff and not self.roles


class OneTimeCode(models.Model):
    """A code sent by SMS to prove that a person holds a mobile number (accounts/otp.py).

    Only an HMAC of the code is kept; a code is short-lived, used at most once, and refused
    after a few wrong guesses. Asking for a new code retires the person's earlier ones.
    """

    class Purpose(models.TextChoices):
        PASSWORD_RESET = "password_reset", _("password reset")
        VERIFY_PHONE = "verify_phone", _("mobile number verification")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="one_time_codes", verbose_name=_("user")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose)
    phone = models.CharField(_("mobile number"), max_length=16)
    code_hash = models.CharField(_("code (HMAC)"), max_length=100)
    attempts = models.PositiveSmallIntegerField(_("wrong guesses"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["user", "purpose", "-created_at"], name="accounts_otp_user_purpose")]

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.created_at:%Y-%m-%d %H:%M}"
