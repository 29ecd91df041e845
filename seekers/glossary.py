"""What each AK/1 card status means, for the one status glossary (core/glossary.py)."""

from django.utils.translation import gettext_lazy as _

from core.glossary import Group, Term

from .models import AK1Card

S = AK1Card.Status

MEANINGS = {
    S.ACTIVE: _("Your card is valid: employers and Disnaker can check it with its QR code."),
    S.SUSPENDED: _("Disnaker has paused your card; the reason is on your card page. Contact Disnaker to fix it."),
    S.CLOSED: _("You reported being hired, so the card is closed. Register again if you look for work later."),
    S.EXPIRED: _("The card's validity has ended. Renew it from your card page."),
}


def group() -> Group:
    return Group(
        key="card",
        title=_("AK/1 card"),
        terms=tuple(Term(value=s.value, label=s.label, meaning=MEANINGS[s]) for s in S),
        order=10,
    )
