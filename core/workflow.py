"""The one helper every status workflow uses.

A model declares its allowed moves once, as a table::

    class Enrolment(models.Model):
        class Status(models.TextChoices): ...
        workflow = Workflow({
            Status.APPLIED: {Status.ACCEPTED, Status.REJECTED},
            ...
        }, reason_required={Status.REJECTED})

and only services move it, through `transition()`. That function locks the row (unless the caller
already holds its lock), checks the move against the table, saves and writes the audit row, all
in one transaction: two clerks clicking at once cannot both win, and nothing happens half.

Work that must wait for the commit has one way to get there: `transaction.on_commit()` in the
service, which for messages means `notifications.services.notify()` (it writes the outbox row in
the transaction and publishes it on commit). `transition()` deliberately takes no callbacks.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .services import audit


class TransitionNotAllowed(ValidationError):
    """A move not in the workflow's table (or missing its required reason)."""


class Workflow:
    """The allowed moves of one status field: {from_status: {to_status, ...}}."""

    def __init__(self, moves, *, field="status", reason_required=()):
        self.moves = {str(k): frozenset(str(v) for v in vs) for k, vs in moves.items()}
        self.field = field
        self.reason_required = frozenset(str(s) for s in reason_required)

    def allowed(self, from_status) -> frozenset[str]:
        return self.moves.get(str(from_status), frozenset())

    def can(self, from_status, to_status) -> bool:
        return str(to_status) in self.allowed(from_status)

    def check(self, from_status, to_status, reason="", *, labels=None):
        if not self.can(from_status, to_status):
            labels = labels or {}
            raise TransitionNotAllowed(
                _("Cannot change status from “%(from)s” to “%(to)s”."),
                code="transition_not_allowed",
                params={"from": labels.get(str(from_status), from_status), "to": labels.get(str(to_status), to_status)},
            )
        if str(to_status) in self.reason_required and not (reason or "").strip():
            raise TransitionNotAllowed(_("A reason is required for this decision."), code="reason_required")


def transition(
    obj,
    to_status,
    *,
    actor,
    reason: str = "",
    updates: dict | None = None,
    action: str = "status_change",
    locked: bool = False,
):
    """Move `obj` to `to_status` through its model's `workflow` and return the saved, locked copy.

    `updates` are other fields saved with the move (a decision date, a score). `locked=True` says
    the caller read `obj` with `select_for_update()` in the transaction it is still in (trainings
    locks the batch, then the enrolment, in one order everywhere): the row is used as it is, with
    no second SELECT ... FOR UPDATE; the move is still checked, against the status read under
    that lock.
    """
    model = type(obj)
    workflow: Workflow = model.workflow
    if locked and not transaction.get_connection().in_atomic_block:
        # A lock taken outside any transaction was released at once: it protects nothing.
        raise RuntimeError("transition(locked=True) needs the caller's transaction, which holds the lock")
    with transaction.atomic():
        # Lock first (unless the caller did): the status we check must be the status we overwrite
        # (no lost update when two staff members decide the same row at once).
        locked_obj = obj if locked else model._default_manager.select_for_update().get(pk=obj.pk)
        from_status = getattr(locked_obj, workflow.field)
        # People read this message: name the statuses as the interface does, not by their codes.
        labels = {str(k): str(v) for k, v in model._meta.get_field(workflow.field).flatchoices}
        workflow.check(from_status, to_status, reason, labels=labels)
        setattr(locked_obj, workflow.field, str(to_status))
        for name, value in (updates or {}).items():
            setattr(locked_obj, name, value)
        update_fields = [workflow.field, *(updates or {})]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            update_fields.append("updated_at")
        locked_obj.save(update_fields=update_fields)
        audit(actor=actor, obj=locked_obj, action=action, from_status=from_status, to_status=to_status, reason=reason)
    return locked_obj
