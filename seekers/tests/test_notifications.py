"""What card holders are told, and when: through the real notifications outbox."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from notifications.models import Channel, Notification
from seekers import services
from seekers.models import AK1Card
from seekers.tasks import ak1_expire_cards, ak1_expiring_reminders, ak1_report_due_reminders
from seekers.tests.factories import CompleteJobSeekerFactory


def _events(user):
    return list(
        Notification.objects.filter(recipient=user, channel=Channel.INBOX)
        .order_by("id")
        .values_list("event", flat=True)
    )


@pytest.fixture
def today(time_machine):
    time_machine.move_to("2026-11-28 09:00:00+07:00", tick=False)
    return datetime.date(2026, 11, 28)


def test_issuing_a_card_tells_the_holder_in_indonesian_by_email_and_inbox(
    profile, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        card = services.card_issue(seeker=profile, actor=None)
    assert _events(profile.user) == ["seekers.card_issued"]
    [email] = mail.outbox
    assert card.number in email.subject and "Kartu AK/1" in email.subject
    assert email.to == [profile.user.email]


def test_a_card_issue_that_rolls_back_tells_nobody(profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.card_issue(seeker=profile, actor=None)
        raise RuntimeError("the request failed after the card was issued")
    assert not AK1Card.objects.exists()
    assert not Notification.objects.exists()


def test_suspension_reinstatement_and_closing_are_each_announced(profile, disnaker_staff):
    card = services.card_issue(seeker=profile, actor=None)
    card = services.card_suspend(card=card, actor=disnaker_staff, reason="Data KTP tidak sesuai")
    card = services.card_reinstate(card=card, actor=disnaker_staff)
    services.card_report(card=card, actor=profile.user, still_looking=False, employer="PT Jaya",
                         position="Operator", start_date=datetime.date(2026, 12, 1))  # fmt: skip
    assert _events(profile.user) == [
        "seekers.card_issued", "seekers.card_suspended", "seekers.card_reinstated", "seekers.card_closed",
    ]  # fmt: skip
    suspended = Notification.objects.get(recipient=profile.user, event="seekers.card_suspended", channel="inbox")
    assert "Data KTP tidak sesuai" in suspended.body


def test_the_report_reminder_goes_to_exactly_the_holders_due_in_seven_days(db, today, time_machine):
    due, late, overdue, suspended = (CompleteJobSeekerFactory() for _ in range(4))
    cards = {s: services.card_issue(seeker=s, actor=None) for s in (due, late, overdue, suspended)}
    for seeker, days in ((due, 7), (late, 8), (overdue, -1), (suspended, 7)):
        AK1Card.objects.filter(pk=cards[seeker].pk).update(next_report_due=today + datetime.timedelta(days=days))
    AK1Card.objects.filter(pk=cards[suspended].pk).update(status=AK1Card.Status.SUSPENDED)
    Notification.objects.all().delete()
    assert ak1_report_due_reminders.apply().get() == 1
    assert ak1_report_due_reminders.apply().get() == 0  # runs twice, reminds once
    assert set(Notification.objects.values_list("recipient", flat=True)) == {due.user_id}
    assert Notification.objects.get(channel="inbox").link == "/pencari-kerja/kartu/"
    # The next morning: the 7-day holder is not reminded again, the 8-day one's turn has come.
    time_machine.move_to("2026-11-29 09:00:00+07:00", tick=False)
    assert ak1_report_due_reminders.apply().get() == 1
    assert set(Notification.objects.values_list("recipient", flat=True)) == {due.user_id, late.user_id}


def test_a_day_the_scheduler_missed_is_caught_up_the_next_day(db, today):
    seeker = CompleteJobSeekerFactory()
    card = services.card_issue(seeker=seeker, actor=None)
    # Due in 6 days: yesterday's run (at 7 days) never happened.
    AK1Card.objects.filter(pk=card.pk).update(next_report_due=today + datetime.timedelta(days=6))
    Notification.objects.all().delete()
    assert ak1_report_due_reminders.apply().get() == 1


def test_the_expiry_reminder_goes_to_exactly_the_cards_ending_in_thirty_days(db, today):
    ending, later = CompleteJobSeekerFactory(), CompleteJobSeekerFactory()
    for seeker, days in ((ending, 30), (later, 31)):
        card = services.card_issue(seeker=seeker, actor=None)
        AK1Card.objects.filter(pk=card.pk).update(valid_until=today + datetime.timedelta(days=days))
    Notification.objects.all().delete()
    assert ak1_expiring_reminders.apply().get() == 1
    assert set(Notification.objects.values_list("recipient", flat=True)) == {ending.user_id}


def test_the_daily_job_expires_cards_and_tells_their_holders(db, today):
    seeker = CompleteJobSeekerFactory()
    card = services.card_issue(seeker=seeker, actor=None)
    AK1Card.objects.filter(pk=card.pk).update(valid_until=today - datetime.timedelta(days=1))
    assert ak1_expire_cards.apply().get() == 1
    assert AK1Card.objects.get(pk=card.pk).status == AK1Card.Status.EXPIRED
    assert "seekers.card_expired" in _events(seeker.user)


def test_the_beat_schedule_runs_the_ak1_jobs_daily():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"seekers.ak1_expire_cards", "seekers.ak1_report_due_reminders", "seekers.ak1_expiring_reminders"} <= tasks
