"""Writing to the outbox, and everything else that changes notifications.

Other apps call `notify()` (one person, one event) inside the transaction of the change it
reports, or `notify_each()` from a scheduled job (reminders, digests). Nothing here sends: the
`notifications.send` task does, after commit (see `sending.py`).
"""

import logging
import time
from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.services import audit

from . import events, selectors
from .models import Channel, Notification, NotificationPreference
from .selectors import unread_changed

logger = logging.getLogger(__name__)

# Published by name: the task module imports this one (tasks call services), not the reverse.
SEND_TASK = "notifications.send"
# The sweeper re-queues at most this many rows per transaction (and loops until none are left).
REQUEUE_BATCH = 500


class _BrokerPause:
    """After a failed publish, this process stops publishing for a while.

    The rows are saved and the sweeper will queue them; meanwhile every further attempt against a
    hung broker would cost the web request that makes it the full socket timeout (3 s here, 9 s
    with Celery's publish retries; RELIABILITY.md). Per process, so no shared state to go wrong.
    """

    seconds = 30.0

    def __init__(self):
        self.until = 0.0

    def active(self) -> bool:
        return time.monotonic() < self.until

    def start(self):
        self.until = time.monotonic() + self.seconds

    def reset(self):
        self.until = 0.0


broker_pause = _BrokerPause()


def _publish(notification_ids: list[int]) -> None:
    """Queue one send task per row, after commit. A broker failure is logged, never raised: the
    change is committed, the rows are pending, and the sweeper will queue them."""
    if broker_pause.active():
        logger.info(
            "notifications: broker paused after an error; %d message(s) left for the sweeper", len(notification_ids)
        )
        return
    for done, pk in enumerate(notification_ids):
        try:
            # No publish retry: one attempt bounded by the broker socket timeout keeps a web
            # request that meets a hung Redis well under 5 s.
            current_app.signature(SEND_TASK, args=(pk,)).apply_async(retry=False)
        except Exception as exc:  # noqa: BLE001 - kombu, redis and socket errors alike: the sweeper takes over
            if current_app.conf.task_always_eager:
                raise  # the task ran in this process: an error is a bug, not a broker outage
            broker_pause.start()
            logger.warning(
                "notifications: broker unavailable (%s); %d message(s) left for the sweeper",
                type(exc).__name__,
                len(notification_ids) - done,
            )
            return


def channels_for(user) -> list[str]:
    """The channels this person gets: the in-app inbox always; email when they have an address
    and did not opt out; SMS and WhatsApp only with a verified mobile number and an opt-in."""
    channels = [Channel.INBOX]
    if not user.is_active:
        return channels
    preference = selectors.preference_for(user=user)
    if user.email and preference.email:
        channels.append(Channel.EMAIL)
    if user.phone and user.phone_verified_at:
        if preference.sms:
            channels.append(Channel.SMS)
        if preference.whatsapp:
            channels.append(Channel.WHATSAPP)
    return channels


def _already_notified(*, user, event, key) -> bool:
    return Notification.objects.filter(recipient=user, event=event, key=key).exists()


def notify(*, user, event: str, context: dict | None = None, key: str | None = None) -> list[Notification]:
    """Write the outbox rows telling `user` about `event`, and queue their sending after commit.

    Call it inside the transaction of the change it reports: the rows commit or roll back with
    that change, so a rolled-back change sends nothing, and a broker that is down at commit only
    delays the message (the sweeper queues it again). One row per channel the person gets (see
    `channels_for`), each rendered now, in the person's language, from the event's templates
    (`templates/notifications/events/<event>/`; see `events.py`).

    `context` is passed to the templates (with `recipient` and `site_url`); a `url` in it (a path
    on this site) becomes the inbox entry's link. With a `key`, the same (user, event, key) is
    notified at most once, even when two calls race; the second call returns [].
    """
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "notify() writes to the outbox inside the transaction of the change it reports: "
            "call it inside transaction.atomic()."
        )
    key = key or ""
    if len(key) > Notification._meta.get_field("key").max_length:
        raise ValueError(f"Notification keys are at most 100 characters, not {len(key)}.")
    if key and _already_notified(user=user, event=event, key=key):
        return []
    context = dict(context or {})
    link = str(context.get("url") or "")
    if link and (not link.startswith("/") or link.startswith("//") or len(link) > 300):
        raise ValueError("A notification's url must be a path on this site (one leading '/', 300 characters at most).")
    language = user.language if user.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    channels = channels_for(user)
    rendered = events.render(
        event,
        {**context, "recipient": user, "site_url": settings.SITE_URL},
        language=language,
        html=Channel.EMAIL in channels,
        short=Channel.SMS in channels or Channel.WHATSAPP in channels,
    )
    now = timezone.now()
    rows = []
    for channel in channels:
        inbox = channel == Channel.INBOX
        rows.append(
            Notification(
                recipient=user,
                event=event,
                channel=channel,
                language=language,
                subject=rendered.subject,
                body=rendered.short if channel in (Channel.SMS, Channel.WHATSAPP) else rendered.text,
                body_html=rendered.html if channel == Channel.EMAIL else "",
                link=link if inbox else "",
                key=key,
                # The inbox entry is delivered by being committed: nothing to send.
                status=Notification.Status.SENT if inbox else Notification.Status.PENDING,
                sent_at=now if inbox else None,
                next_attempt_at=now,
            )
        )
    if key:
        try:
            # A savepoint: a lost race must not break the caller's transaction.
            with transaction.atomic():
                created = Notification.objects.bulk_create(rows)
        except IntegrityError:
            if _already_notified(user=user, event=event, key=key):
                return []  # a concurrent call with the same key committed first
            raise
    else:
        created = Notification.objects.bulk_create(rows)
    to_send = [row.pk for row in created if row.status == Notification.Status.PENDING]
    if to_send:
        transaction.on_commit(partial(_publish, to_send))
    if any(row.channel == Channel.INBOX for row in created):
        unread_changed(user.pk)  # the navbar badge counts it at once
    return created


# Sent to the account's mobile number even before it is verified (the code is how it gets
# verified); its text is removed from the outbox once sent (sending.UNVERIFIED_NUMBER_EVENTS).
ONE_TIME_CODE_EVENT = "accounts.one_time_code"


def one_time_code_send(*, user, phone, code, purpose, minutes) -> Notification:
    """Write one SMS with a one-time code to the outbox (registered as accounts' code sender).

    Only SMS, whatever the person's preferences: the code proves they hold this number. No inbox
    row: a code has no business in a list anyone at the person's screen can read later."""
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("one_time_code_send() runs inside the transaction that made the code.")
    language = user.language if user.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    rendered = events.render(
        ONE_TIME_CODE_EVENT,
        {"code": code, "purpose": purpose, "minutes": minutes, "recipient": user, "site_url": settings.SITE_URL},
        language=language,
        html=False,
        short=True,
    )
    now = timezone.now()
    row = Notification.objects.create(
        recipient=user,
        event=ONE_TIME_CODE_EVENT,
        channel=Channel.SMS,
        language=language,
        subject=rendered.subject,
        body=rendered.short,
        status=Notification.Status.PENDING,
        next_attempt_at=now,
    )
    transaction.on_commit(partial(_publish, [row.pk]))
    return row


def notify_each(*, event: str, recipients: Iterable[tuple]) -> int:
    """Notify many people of one event, each in a transaction of their own (reminders, digests).

    `recipients` yields `(user, context, key)`; give every one a key, so that a job that runs
    twice, or catches up after a missed day, notifies nobody twice. Returns how many people were
    newly notified.
    """
    notified = 0
    for user, context, key in recipients:
        with transaction.atomic():
            if notify(user=user, event=event, context=context, key=key):
                notified += 1
    return notified


def notifications_requeue_stuck(*, now=None) -> int:
    """Queue again what is still waiting after the grace period; return how many rows.

    That is: pending rows whose message was lost (the broker was down at commit, or when a retry
    was scheduled), and rows left in "sending" by a worker that died mid-send (those are sent
    again: delivery is at least once).
    """
    now = now or timezone.now()
    stuck_after = timedelta(seconds=settings.NOTIFICATIONS_STUCK_AFTER_SECONDS)
    # The send timeouts (EMAIL_TIMEOUT, SMS_GATEWAY_TIMEOUT, the task's time limit) are far
    # shorter than this: a row still "sending" after it was claimed by a worker that is gone.
    lost = Notification.objects.filter(
        status=Notification.Status.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT_SECONDS),
    )
    lost.filter(attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS).update(
        status=Notification.Status.FAILED, last_error="worker lost while sending"
    )
    lost.update(
        status=Notification.Status.PENDING, next_attempt_at=now - stuck_after, last_error="worker lost while sending"
    )

    queued = 0
    while True:
        with transaction.atomic():
            # SKIP LOCKED: two sweepers (a second beat by mistake) split the rows instead of
            # queueing each twice.
            ids = list(
                Notification.objects.filter(status=Notification.Status.PENDING, next_attempt_at__lte=now - stuck_after)
                .order_by("next_attempt_at")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:REQUEUE_BATCH]
            )
            # Re-arm the grace period: queued again now, looked at again only if this is lost too.
            Notification.objects.filter(pk__in=ids).update(next_attempt_at=now)
        for pk in ids:
            current_app.signature(SEND_TASK, args=(pk,)).apply_async()
        queued += len(ids)
        if len(ids) < REQUEUE_BATCH:
            break
    if queued:
        logger.info("notifications: re-queued %d stuck message(s)", queued)
    return queued


def notifications_resend(*, notifications, actor) -> int:
    """Staff's "resend": queue again the given rows that were sent or failed. In-app entries and
    rows already on their way are left alone. Audited. Returns how many were queued."""
    rows = list(
        notifications.filter(status__in=[Notification.Status.SENT, Notification.Status.FAILED])
        .exclude(channel=Channel.INBOX)
        .select_related(None)
        .order_by()
        .only("pk", "status")
    )
    if not rows:
        return 0
    ids = [row.pk for row in rows]
    with transaction.atomic():
        Notification.objects.filter(
            pk__in=ids, status__in=[Notification.Status.SENT, Notification.Status.FAILED]
        ).update(status=Notification.Status.PENDING, attempts=0, last_error="", next_attempt_at=timezone.now())
        for row in rows:
            audit(actor=actor, obj=row, action="notification_resend", from_status=row.status, to_status="pending")
        transaction.on_commit(partial(_publish, ids))
    return len(ids)


def notification_mark_read(*, notification) -> None:
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now()):
        unread_changed(notification.recipient_id)


def notifications_mark_all_read(*, user) -> int:
    count = Notification.objects.unread().filter(recipient=user).update(read_at=timezone.now())
    if count:
        unread_changed(user.pk)
    return count


def preference_update(*, user, email: bool, sms: bool, whatsapp: bool) -> NotificationPreference:
    if (sms or whatsapp) and not (user.phone and user.phone_verified_at):
        raise ValidationError(_("SMS and WhatsApp need a verified mobile number."), code="phone_not_verified")
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email, "sms": sms, "whatsapp": whatsapp}
    )
    return preference
