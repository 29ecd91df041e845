"""Settings for the Kabupaten Bekasi workforce portal.

Everything that differs between a laptop, CI and production comes from environment variables,
read here through django-environ and nowhere else. Safe defaults: DEBUG is off unless set, there
is no default secret key outside debug, SQLite and eager Celery when no services are configured.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A `.env` file is optional and only ever read locally; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production). "
            "For local development set DJANGO_DEBUG=1."
        )
    SECRET_KEY = "dev-only-insecure-key-never-used-when-debug-is-off"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core.admin_apps.PortalAdminConfig",  # django.contrib.admin, lazy app list (core/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Project apps, in dependency order (see README "Architecture").
    "core",
    "accounts",
    "seekers",
    "trainings",
    "placements",
    "overseas",
    "financing",
    "notifications",
    "dashboard",
]

MIDDLEWARE = [
    # First: probes and scrapes answered before host checks, https redirects and sessions.
    "core.middleware.HealthEndpointsMiddleware",
    "core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: an unreadable body (charset, multipart) is a 400, never a 500.
    "core.middleware.MalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor for staff (accounts/second_factor.py): OTP state, then the one gate keyed on roles.
    "django_otp.middleware.OTPMiddleware",
    "accounts.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout signalled by the auth backend into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bekasi_jobs.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "notifications.context_processors.unread_notifications",
                "core.context_processors.office",
            ],
        },
    },
]

WSGI_APPLICATION = "bekasi_jobs.wsgi.application"

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Behind PgBouncer in transaction mode (README "PgBouncer"): consecutive transactions of one
# Django connection may run on different server connections, so no server-side cursors (a
# named cursor lives across transactions) and no persistent client connections: PgBouncer
# is the pool.
DATABASE_POOLED = env.bool("DATABASE_POOLED", default=False)
DATABASES["default"]["CONN_MAX_AGE"] = 0 if DATABASE_POOLED else env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASE_POOLED
# A streaming replica for read-only pages (dashboards, open statistics): views marked with
# `core.replica.reads_from_replica` read from it, everything else uses "default"
# (README "Beyond one machine"). Unset: everything reads from "default".
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
READ_REPLICA_ALIAS = None
if DATABASE_REPLICA_URL:
    READ_REPLICA_ALIAS = "replica"
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "DISABLE_SERVER_SIDE_CURSORS": DATABASE_POOLED,
        # The test runner never builds a database for it: in tests it is the default one.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and shared cache ----------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            # A dead Redis must not hang a web request (RELIABILITY.md): fail fast.
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions: written to the database and read from the shared cache (no session query on a page
# view). Only with Redis: a per-process cache would keep a logged-out session alive in the other
# workers. Revocation is unchanged: every request still checks the user row (is_active, the
# password hash; from the cache only under a version set anew on every change of it, see
# ACCOUNT_CACHE) and logout deletes the session from both.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)

# A person's permissions (their own and their groups') kept across requests in the shared cache,
# set anew on every change (accounts/permissions_cache.py). Only with Redis, for the same reason:
# a per-process cache would keep a revoked permission alive in the other workers.
PERMISSIONS_CACHE = env.bool("PERMISSIONS_CACHE", default=bool(REDIS_URL))
# The logged-in person's account row and roles from the shared cache, under the same rule
# (accounts/account_cache.py): one query fewer on every page of a logged-in person.
ACCOUNT_CACHE = env.bool("ACCOUNT_CACHE", default=bool(REDIS_URL))

# Celery reads every CELERY_* setting (see bekasi_jobs/celery.py).
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Without a broker the portal still works on one machine: tasks run in-process, at once.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Measured (RELIABILITY.md): a Redis that accepts but never answers blocked .delay() for 25 s+.
# Short socket timeouts and a bounded publish retry make it fail in a few seconds instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 3,
    "socket_connect_timeout": 3,
    "max_retries": 1,
    "visibility_timeout": 3600,
}
# One queue per kind of work, each consumed by its own workers (README "Queues"), so a slow
# report never delays a password-reset message. Routing is by task name: `<app>.report_*` and
# `<app>.export_*` go to "reports", `<app>.import_*` to "imports"; messages to people to
# "notifications"; reminders, sweeps and the rest to "celery" (the default queue).
CELERY_TASK_DEFAULT_QUEUE = "celery"
# A worker started without -Q consumes all of them (one machine: `make worker`).
CELERY_TASK_QUEUES = [Queue(name) for name in ("celery", "notifications", "reports", "imports")]
CELERY_TASK_ROUTES = {
    "notifications.send": {"queue": "notifications"},
    "accounts.send_password_reset": {"queue": "notifications"},
    "*.report_*": {"queue": "reports"},
    "*.export_*": {"queue": "reports"},
    "*.import_*": {"queue": "imports"},
}
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# --- Health checks and metrics (core/health.py, core/metrics.py; README "Health checks and metrics")
# Each readiness check (database, Redis PING) gives up after this many seconds.
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=1.0)
# Beat publishes the heartbeat task this often; beat or the worker is "late" after the second.
HEALTH_HEARTBEAT_SECONDS = env.float("HEALTH_HEARTBEAT_SECONDS", default=60)
HEALTH_HEARTBEAT_LATE_SECONDS = env.float("HEALTH_HEARTBEAT_LATE_SECONDS", default=180)
# /readyz?full=1 says "degraded" when the oldest pending notification is older than this.
HEALTH_OUTBOX_LATE_SECONDS = env.float("HEALTH_OUTBOX_LATE_SECONDS", default=600)
# /metrics: readable from these networks (direct connections, not through a proxy) or with
# `Authorization: Bearer $METRICS_TOKEN` (no token: network only).
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.1/32", "::1/128"])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# Scheduled jobs. Each reminder is a task in its app's tasks.py (see README "Notifications").
# `expires`: while no worker runs, beat keeps publishing; stale runs are dropped, not piled up.
# Every 15 s: with NOTIFICATIONS_SENDING_TIMEOUT_SECONDS below, a message whose worker died while
# sending is sent again within a minute (at most 30 + 15 s, then the send itself).
NOTIFICATIONS_SWEEP_SECONDS = env.float("NOTIFICATIONS_SWEEP_SECONDS", default=15)
CELERY_BEAT_SCHEDULE: dict = {
    "notifications-requeue-stuck": {
        "task": "notifications.requeue_stuck",
        "schedule": timedelta(seconds=NOTIFICATIONS_SWEEP_SECONDS),
        "options": {"expires": NOTIFICATIONS_SWEEP_SECONDS},
    },
    # AK/1 cards, every morning (Asia/Jakarta): expire, then remind.
    "seekers-ak1-expire-cards": {
        "task": "seekers.ak1_expire_cards",
        "schedule": crontab(minute=5, hour=0),
        "options": {"expires": 6 * 60 * 60},
    },
    "seekers-ak1-report-due-in-7-days": {
        "task": "seekers.ak1_report_due_reminders",
        "schedule": crontab(minute=0, hour=8),
        "options": {"expires": 6 * 60 * 60},
    },
    "seekers-ak1-expiring-in-30-days": {
        "task": "seekers.ak1_expiring_reminders",
        "schedule": crontab(minute=10, hour=8),
        "options": {"expires": 6 * 60 * 60},
    },
    "trainings-batch-starts-tomorrow": {
        "task": "trainings.remind_batches_starting_tomorrow",
        "schedule": crontab(minute=0, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    # Retention (UU 27/2022): purge or anonymise what has expired (core/retention.py).
    "core-retention-purge": {
        "task": "core.retention_purge",
        "schedule": crontab(minute=30, hour=2),
        "options": {"expires": 6 * 60 * 60},
    },
    # Worker and beat liveness for /readyz?full=1 and the metrics (core/health.py).
    "core-heartbeat": {
        "task": "core.heartbeat",
        "schedule": timedelta(seconds=HEALTH_HEARTBEAT_SECONDS),
        "options": {"expires": HEALTH_HEARTBEAT_SECONDS},
    },
    # The summary every dashboard and /statistik/ figure is read from (dashboard/summaries.py),
    # then the default view computed before anyone asks.
    "dashboard-refresh-summary": {
        "task": "dashboard.refresh_summary",
        "schedule": timedelta(minutes=10),
        "options": {"expires": 10 * 60},
    },
    "financing-instalment-reminders": {
        "task": "financing.remind_instalments",
        "schedule": crontab(minute=20, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    # Vacancies past their closing date (Asia/Jakarta) close at the start of the next day.
    "placements-expire-vacancies": {
        "task": "placements.expire_vacancies",
        "schedule": crontab(minute=1, hour=0),
        "options": {"expires": 6 * 60 * 60},
    },
    "placements-follow-ups": {
        "task": "placements.send_follow_ups",
        "schedule": crontab(minute=30, hour=9),
        "options": {"expires": 6 * 60 * 60},
    },
    # Japan internships, every morning: stage days, documents, departures, contracts, returnees.
    "overseas-stages-scheduled": {
        "task": "overseas.remind_stages_scheduled",
        "schedule": crontab(minute=20, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    "overseas-documents-expiring": {
        "task": "overseas.remind_documents_expiring",
        "schedule": crontab(minute=25, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    "overseas-departure-in-7-days": {
        "task": "overseas.remind_departures",
        "schedule": crontab(minute=30, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    "overseas-contract-ending-in-3-months": {
        "task": "overseas.remind_contracts_ending",
        "schedule": crontab(minute=35, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    "overseas-after-return": {
        "task": "overseas.follow_up_returns",
        "schedule": crontab(minute=40, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    "notifications-weekly-tkp3d-digest": {
        "task": "notifications.weekly_digest",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),  # Monday 07:00 Asia/Jakarta
        "options": {"expires": 6 * 60 * 60},
    },
}

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: it refuses locked-out (username, IP) pairs.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailOrPhoneBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Length, similarity and common-password checks; no composition rules (OWASP ASVS 5.0 L2).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "phone", "full_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after_login"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Login throttling keyed on the (username, IP) pair with a cool-off: an attacker elsewhere
# cannot lock a real user out, and a locked pair unlocks by itself.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# One counter per account, however its identifier is spelt ("0812…", "+62 812…", upper case).
AXES_USERNAME_CALLABLE = "accounts.backends.login_identifier"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list("AXES_IP_HEADERS", default=["REMOTE_ADDR"])
AXES_VERBOSE = False

# Second factor (TOTP + recovery codes, django-otp) for every role that sees other people's data
# and for the admin; staff sessions end after 30 minutes without a request (accounts/second_factor.py).
OTP_REQUIRED_FOR_STAFF = env.bool("OTP_REQUIRED_FOR_STAFF", default=True)
OTP_TOTP_ISSUER = "Disnaker Kabupaten Bekasi"
STAFF_IDLE_TIMEOUT_SECONDS = env.int("STAFF_IDLE_TIMEOUT_SECONDS", default=30 * 60)

# Throttles of registration, password reset, one-time codes, uploads and applications
# (core/throttle.py; limits per scope there, overridable here: {"scope": {"per_ip": [n, seconds]}}).
THROTTLES_ENABLED = env.bool("THROTTLES_ENABLED", default=True)
THROTTLE_RATES: dict = {}

# Days each kind of record is kept, overriding the defaults registered in core/retention.py:
# audit_log 1825 (then anonymised), notifications 365, login_attempts 90, sessions on expiry.
RETENTION_DAYS: dict = {}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are personal data: kept outside STATIC and never served by URL, only through
# permission-checked views (see seekers.views).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media on S3-compatible storage (MinIO, or a cloud bucket) when a bucket is named: several web
# nodes then share the files. Still private: see seekers/storage.py (README "Media on S3").
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
MEDIA_S3_ENDPOINT_URL = env.str("MEDIA_S3_ENDPOINT_URL", default="")
# Where browsers reach the bucket, if not at MEDIA_S3_ENDPOINT_URL (presigned URLs name it).
MEDIA_S3_PUBLIC_ENDPOINT_URL = env.str("MEDIA_S3_PUBLIC_ENDPOINT_URL", default="")
MEDIA_S3_ACCESS_KEY = env.str("MEDIA_S3_ACCESS_KEY", default="")
MEDIA_S3_SECRET_KEY = env.str("MEDIA_S3_SECRET_KEY", default="")
MEDIA_S3_REGION = env.str("MEDIA_S3_REGION", default="us-east-1")
MEDIA_URL_EXPIRY_SECONDS = env.int("MEDIA_URL_EXPIRY_SECONDS", default=60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
DATA_UPLOAD_MAX_NUMBER_FILES = 5

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Disnaker Kabupaten Bekasi <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# smtplib waits forever by default; a hung mail server must not hold a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- The office: footer, AK/1 card signature block (README "Phone first") --------------------
OFFICE_NAME = env.str("OFFICE_NAME", default="Dinas Tenaga Kerja Kabupaten Bekasi")
OFFICE_ADDRESS = env.str(
    "OFFICE_ADDRESS",
    default="Kompleks Perkantoran Pemerintah Kabupaten Bekasi, Desa Sukamahi, Kecamatan Cikarang Pusat, "
    "Kabupaten Bekasi, Jawa Barat 17530",
)
# Shown only when set: the real numbers and hours come from Disnaker, not from us.
OFFICE_HOTLINE = env.str("OFFICE_HOTLINE", default="")
OFFICE_WHATSAPP = env.str("OFFICE_WHATSAPP", default="")
OFFICE_HOURS = env.str("OFFICE_HOURS", default="Senin–Jumat, 08.00–16.00 WIB")
OFFICE_EMAIL = env.str("OFFICE_EMAIL", default="")
# The head of office on the AK/1 card's signature block, and the regency emblem (a static file
# path supplied by Disnaker, e.g. "img/emblem.png"; empty: the slot stays empty).
OFFICE_HEAD_NAME = env.str("OFFICE_HEAD_NAME", default="")
OFFICE_HEAD_NIP = env.str("OFFICE_HEAD_NIP", default="")
OFFICE_HEAD_TITLE = env.str("OFFICE_HEAD_TITLE", default="Kepala Dinas Tenaga Kerja Kabupaten Bekasi")
OFFICE_EMBLEM = env.str("OFFICE_EMBLEM", default="")
# The national public complaints channel (SP4N-LAPOR!).
COMPLAINTS_URL = env.str("COMPLAINTS_URL", default="https://www.lapor.go.id/")

# --- Notifications (see notifications/ and README "Notifications") ---------------------------
# Absolute links in emails and SMS: the portal's public address.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=5)
NOTIFICATIONS_GATEWAY = env.str(
    "NOTIFICATIONS_GATEWAY",
    default="notifications.gateways.HttpJsonGateway" if SMS_GATEWAY_URL else "notifications.gateways.ConsoleGateway",
)
# Retries: about 30 s, 1, 2, 4, 8 min (with jitter), then failed and shown to staff.
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.float("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30)
NOTIFICATIONS_RETRY_MAX_SECONDS = 60 * 60
# The sweeper re-queues a pending row this long after its message should have been handled.
NOTIFICATIONS_STUCK_AFTER_SECONDS = env.float("NOTIFICATIONS_STUCK_AFTER_SECONDS", default=60)
# A row still "sending" this long after its claim belongs to a worker that died: the send task's
# hard time limit (NOTIFICATIONS_SEND_TIME_LIMIT) is shorter, so no live worker is still on it.
NOTIFICATIONS_SEND_TIME_LIMIT = 25
NOTIFICATIONS_SENDING_TIMEOUT_SECONDS = env.float("NOTIFICATIONS_SENDING_TIMEOUT_SECONDS", default=30)
# The weekly TKP3D digest's figures: each app may add its provider (see notifications/digest.py).
NOTIFICATIONS_DIGEST_FIGURES = ["seekers.digest.figures"]

# --- Security ---------------------------------------------------------------------------------
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
SESSION_COOKIE_HTTPONLY = True
# Every cookie Secure and SameSite in production, the language switcher's included.
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Domain settings --------------------------------------------------------------------------
# Regency rule: companies fill at least this share of hiring with local workers.
LOCAL_WORKER_MIN_SHARE = env.float("LOCAL_WORKER_MIN_SHARE", default=0.30)
REGENCY_CODE = "3216"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
