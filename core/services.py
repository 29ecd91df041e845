from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from . import metrics
from .models import AuditLog, Counter


def audit(*, actor, obj, action, from_status="", to_status="", reason=""):
    """Append one row to the audit trail. `actor` may be None for system jobs.

    Also counted, once committed, in the `bekasi_audited_actions` metric (see core/metrics.py)."""
    entry = AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        action=action,
        from_status=from_status or "",
        to_status=to_status or "",
        reason=reason or "",
    )
    metrics.audited(model=obj._meta.concrete_model._meta.label_lower, action=action)
    return entry


def next_serial(*, name: str, year: int) -> int:
    """The next number of a yearly series, distinct and gap-free under concurrency.

    Call it inside the transaction that uses the number: the UPDATE keeps the counter row locked
    until that transaction ends, so a concurrent caller waits, and a rollback gives the number back.
    """
    Counter.objects.get_or_create(name=name, year=year)
    Counter.objects.filter(name=name, year=year).update(last=F("last") + 1)
    return Counter.objects.values_list("last", flat=True).get(name=name, year=year)
