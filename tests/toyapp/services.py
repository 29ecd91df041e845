from django.db import transaction

from core.workflow import transition
from notifications.services import notify

from .models import Ticket


def ticket_approve(*, ticket, actor):
    """A status change that tells a person about it, the way every domain service does: the move
    and the outbox rows in one transaction, sending after commit."""
    with transaction.atomic():
        ticket = transition(ticket, Ticket.Status.APPROVED, actor=actor)
        notify(user=ticket.owner, event="toyapp.ticket_approved", context={"ticket": ticket, "url": "/"})
    return ticket
