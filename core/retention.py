"""How long each kind of record is kept (UU 27/2022: no longer than its purpose needs), and the
daily job that purges what has expired (scheduled in settings.CELERY_BEAT_SCHEDULE).

Each app registers its kinds from its AppConfig.ready(): `register(name, purge=..., days=...)`;
`purge(cutoff)` deletes, or anonymises what must be kept for statistics, the records older than
`cutoff` and returns how many. settings.RETENTION_DAYS overrides the days per kind
(`{"notifications": 180}`). Each run logs how many records of each kind it purged.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    name: str
    purge: callable
    days: int
    description: str


REGISTRY: dict[str, Kind] = {}


def register(name, *, purge, days, description=""):
    REGISTRY[name] = Kind(name, purge, days, description)


def retention_days(name) -> int:
    return int(getattr(settings, "RETENTION_DAYS", {}).get(name, REGISTRY[name].days))


def purge_expired(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    done = {}
    for name, kind in sorted(REGISTRY.items()):
        with transaction.atomic():
            done[name] = kind.purge(now - timedelta(days=retention_days(name)))
        if done[name]:
            logger.info("retention: %s: %d record(s) purged (%s)", name, done[name], kind.description)
    return done


def _anonymise_audit_log(cutoff) -> int:
    """Kept for statistics (how many of which action, status moves), without who or why."""
    from .models import AuditLog

    return (
        AuditLog.objects.filter(created_at__lt=cutoff)
        .exclude(actor=None, reason="")
        .update(actor=None, reason="")
    )


def _clear_sessions(cutoff) -> int:
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]


register("audit_log", purge=_anonymise_audit_log, days=5 * 365, description="actor and reason removed")
register("sessions", purge=_clear_sessions, days=0, description="expired sessions deleted")
