"""A toy workflow, used only to test core.workflow in isolation (tables made without migrations)."""

from django.db import models

from core.workflow import Workflow


class Ticket(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        APPROVED = "approved"
        REJECTED = "rejected"
        CLOSED = "closed"

    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    decided_by_note = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    workflow = Workflow(
        {
            Status.OPEN: {Status.APPROVED, Status.REJECTED},
            Status.APPROVED: {Status.CLOSED},
        },
        reason_required={Status.REJECTED},
    )

    def __str__(self):
        return f"Ticket #{self.pk} ({self.status})"
