import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from notifications.models import Channel, Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """A row as notify() writes it, for tests about reading and resending (not about writing)."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    event = "toyapp.ticket_approved"
    channel = Channel.INBOX
    language = "id"
    subject = factory.Sequence(lambda n: f"Pemberitahuan {n}")
    body = "Isi pemberitahuan."
    status = Notification.Status.SENT
    next_attempt_at = factory.LazyFunction(timezone.now)
