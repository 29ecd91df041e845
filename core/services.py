from django.contrib.contenttypes.models import ContentType

from .models import AuditLog


def audit(*, actor, obj, action, from_status="", to_status="", reason=""):
    """Append one row to the audit trail. `actor` may be None for system jobs."""
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        action=action,
        from_status=from_status or "",
        to_status=to_status or "",
        reason=reason or "",
    )
