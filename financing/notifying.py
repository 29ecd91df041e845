"""Every message the financing workflow sends, in one place.

Services call these inside the transaction of the change (the notification row is the outbox: a
rolled-back change sends nothing). Templates: templates/notifications/events/financing.*/.
"""

from django.urls import reverse

from notifications.services import notify


def _context(application, **extra):
    return {
        "reference": application.reference,
        "status": application.status,
        "status_label": application.get_status_display(),
        "reason": application.status_reason,
        "bank": str(application.bank),
        "product": application.product.name,
        "url": reverse("financing:my_application", args=[application.pk]),
        **extra,
    }


def status_changed(application, **extra):
    """Tell the seeker what happened to their application and what comes next."""
    notify(
        user=application.seeker.user,
        event="financing.status_changed",
        context=_context(
            application,
            approved_amount=application.approved_amount,
            approved_tenor=application.approved_tenor,
            approved_rate=application.approved_rate,
            disbursed_amount=application.disbursed_amount,
            disbursed_on=application.disbursed_on,
            **extra,
        ),
    )


def instalment_due(instalment):
    application = instalment.application
    notify(
        user=application.seeker.user,
        event="financing.instalment_due",
        context=_context(application, number=instalment.number, due_date=instalment.due_date, amount=instalment.amount),
        key=f"financing.instalment_due.{instalment.pk}",
    )


def in_arrears(application, *, week: str):
    """A weekly reminder while the loan is in arrears (the key makes it once a week at most)."""
    notify(
        user=application.seeker.user,
        event="financing.in_arrears",
        context=_context(application, days_past_due=application.days_past_due, outstanding=application.outstanding),
        key=f"financing.in_arrears.{application.pk}.{week}",
    )
