"""Toy models, used only by tests (tables made without migrations): a workflow to test
core.workflow in isolation, and what notifications' tests need from a "domain app"."""

from django.conf import settings
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
    # db_constraint=False: toy tables are made before the migrated apps' tables (no migrations).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, db_constraint=False
    )
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


class Appointment(models.Model):
    """Something a person must attend on a date: the model of a reminder (a training's first day,
    an AK/1 report, an installment)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    due_on = models.DateField()
    cancelled = models.BooleanField(default=False)

    def __str__(self):
        return f"Appointment #{self.pk} on {self.due_on}"
