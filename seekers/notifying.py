"""What the job seekers hear about their AK/1 card: one function per event, called inside the
transaction of the change (the notifications outbox commits or rolls back with it)."""

from django.urls import reverse

from notifications.services import notify, notify_each

from .models import AK1Card


def _context(card):
    return {"card": card, "url": reverse("seekers:card")}


def card_changed(card: AK1Card, event: str):
    notify(user=card.seeker.user, event=f"seekers.{event}", context=_context(card))


def remind(cards, event: str, *, date_field: str) -> int:
    """One reminder per card and date: a job that runs twice notifies nobody twice."""
    return notify_each(
        event=f"seekers.{event}",
        recipients=(
            (card.seeker.user, _context(card), f"{card.pk}:{getattr(card, date_field)}") for card in cards.iterator()
        ),
    )
