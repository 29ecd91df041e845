import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.template.loader import get_template
from django.utils import timezone

from accounts.tests.factories import UserFactory
from notifications.events import UnknownEvent, known_events
from notifications.gateways import LocmemGateway
from notifications.models import Channel, Notification, NotificationPreference
from notifications.services import notify
from tests.toyapp.models import Ticket
from tests.toyapp.services import ticket_approve


def _notify(**kwargs):
    with transaction.atomic():
        return notify(**kwargs)


def test_a_status_change_writes_an_inbox_entry_and_an_email_in_the_recipients_language(
    seeker, toy_ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket_approve(ticket=toy_ticket, actor=None)
    rows = Notification.objects.filter(recipient=seeker).order_by("channel")
    assert [(n.channel, n.status, n.language) for n in rows] == [("email", "sent", "id"), ("inbox", "sent", "id")]
    inbox = rows.get(channel=Channel.INBOX)
    assert inbox.subject == f"Tiket #{toy_ticket.pk} disetujui"
    assert inbox.body == f"Halo Rina, tiket #{toy_ticket.pk} Anda disetujui. Syarat & ketentuan berlaku."
    assert inbox.link == "/" and inbox.read_at is None
    [email] = mail.outbox
    assert email.to == [seeker.email]
    assert email.subject == inbox.subject
    assert "Syarat & ketentuan" in email.body  # plain text: not HTML-escaped
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert "Syarat &amp; ketentuan" in html  # no body.html: the text with line breaks, escaped
    assert email.extra_headers["X-Bekasi-Notification"] == str(rows.get(channel=Channel.EMAIL).pk)


def test_an_english_speaker_gets_the_message_in_english(seeker, toy_ticket, django_capture_on_commit_callbacks):
    seeker.language = "en"
    seeker.save()
    with django_capture_on_commit_callbacks(execute=True):
        ticket_approve(ticket=toy_ticket, actor=None)
    assert mail.outbox[0].subject == f"Ticket #{toy_ticket.pk} approved"
    assert Notification.objects.get(channel=Channel.INBOX).language == "en"


def test_a_rolled_back_transaction_writes_and_sends_nothing(seeker, toy_ticket, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ticket_approve(ticket=toy_ticket, actor=None)
        raise RuntimeError("something later in the same request failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []
    toy_ticket.refresh_from_db()
    assert toy_ticket.status == Ticket.Status.OPEN


def test_sending_waits_for_the_commit(seeker, toy_ticket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket_approve(ticket=toy_ticket, actor=None)
    assert callbacks  # the publish (and the audit metric, core.metrics) wait for the commit
    assert mail.outbox == []
    assert Notification.objects.get(channel=Channel.EMAIL).status == Notification.Status.PENDING
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_sms_and_whatsapp_need_a_verified_number_and_an_opt_in(seeker, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=seeker, email=False, sms=True, whatsapp=True)
    context = {"ticket": Ticket(pk=7)}
    _notify(user=seeker, event="toyapp.ticket_approved", context=context)
    assert set(Notification.objects.values_list("channel", flat=True)) == {"inbox"}  # number not verified

    seeker.phone_verified_at = timezone.now()
    seeker.save()
    with django_capture_on_commit_callbacks(execute=True):
        rows = _notify(user=seeker, event="toyapp.ticket_approved", context=context)
    assert sorted(n.channel for n in rows) == ["inbox", "sms", "whatsapp"]
    assert sorted((m["channel"], m["to"]) for m in LocmemGateway.outbox) == [
        ("sms", "+6281234567890"),
        ("whatsapp", "+6281234567890"),
    ]
    assert mail.outbox == []  # opted out of email


def test_without_a_preference_a_person_gets_email_but_not_sms(seeker, django_capture_on_commit_callbacks):
    seeker.phone_verified_at = timezone.now()
    seeker.save()
    rows = _notify(user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)})
    assert sorted(n.channel for n in rows) == ["email", "inbox"]


def test_a_person_without_an_email_address_gets_the_inbox_entry_only(db):
    user = UserFactory(email=None, phone="+6281311112222")
    rows = _notify(user=user, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)})
    assert [n.channel for n in rows] == ["inbox"]


def test_the_same_key_twice_notifies_once(seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(
            user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)}, key="1:2026-12-01"
        )
        second = _notify(
            user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)}, key="1:2026-12-01"
        )
        other_key = _notify(
            user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)}, key="1:2027-06-01"
        )
    assert len(first) == 2 and second == [] and len(other_key) == 2
    assert len(mail.outbox) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_calls_with_the_same_key_notify_once(seeker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race to test")
    barrier = threading.Barrier(6)
    results, errors = [], []

    def call():
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                rows = notify(user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)}, key="k")
                results.append(len(rows))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [0, 0, 0, 0, 0, 2]
    assert Notification.objects.filter(recipient=seeker).count() == 2


def test_an_event_without_templates_is_a_clear_error(seeker):
    with pytest.raises(UnknownEvent, match="templates/notifications/events|notifications/events/seekers.nothing"):
        _notify(user=seeker, event="seekers.nothing")
    with pytest.raises(UnknownEvent, match="<app>.<what>"):
        _notify(user=seeker, event="../../base")


@pytest.mark.django_db(transaction=True)
def test_notify_outside_a_transaction_is_refused(seeker):
    with pytest.raises(TransactionManagementError, match="transaction.atomic"):
        notify(user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)})
    assert not Notification.objects.exists()


def test_a_link_must_be_a_path_on_this_site(seeker):
    with pytest.raises(ValueError, match="path on this site"):
        _notify(user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1), "url": "//evil.example"})


def test_a_deactivated_account_gets_no_email(seeker):
    seeker.is_active = False
    seeker.save()
    rows = _notify(user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=1)})
    assert [n.channel for n in rows] == ["inbox"]


def test_a_broker_outage_at_commit_keeps_the_change_and_leaves_the_message_pending(
    seeker, toy_ticket, broker, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:9/0")  # the discard port: nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        ticket_approve(ticket=toy_ticket, actor=None)
    toy_ticket.refresh_from_db()
    assert toy_ticket.status == Ticket.Status.APPROVED
    email = Notification.objects.get(channel=Channel.EMAIL)
    assert (email.status, email.attempts) == (Notification.Status.PENDING, 0)
    assert mail.outbox == []


def test_every_event_with_templates_has_a_subject_and_a_body():
    events = known_events()
    assert {"notifications.weekly_digest", "toyapp.ticket_approved"} <= set(events)
    for event in events:
        for name in ("subject.txt", "body.txt"):
            get_template(f"notifications/events/{event}/{name}")  # raises if missing
