"""The reminder mechanism, through the model reminder in tests/toyapp/tasks.py that domain apps
copy (training starts tomorrow, AK/1 report due, installment due...)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from notifications.models import Channel, Notification
from tests.toyapp.models import Appointment
from tests.toyapp.tasks import remind_appointments_tomorrow

# 23:30 on 1 December in Bekasi is still 1 December (16:30 UTC): "tomorrow" is 2 December.
LATE_EVENING = datetime(2026, 12, 1, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


def test_a_reminder_selects_exactly_the_people_due_tomorrow(seeker, other_seeker, django_capture_on_commit_callbacks):
    due = Appointment.objects.create(person=seeker, due_on=date(2026, 12, 2))
    Appointment.objects.create(person=other_seeker, due_on=date(2026, 12, 3))  # the day after
    Appointment.objects.create(person=other_seeker, due_on=date(2026, 12, 1))  # today
    Appointment.objects.create(person=other_seeker, due_on=date(2026, 12, 2), cancelled=True)
    Appointment.objects.create(person=UserFactory(is_active=False), due_on=date(2026, 12, 2))
    with time_machine.travel(LATE_EVENING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert remind_appointments_tomorrow.apply().get() == 1
    assert set(Notification.objects.values_list("recipient", flat=True)) == {seeker.pk}
    [email] = mail.outbox
    assert email.body == f"Your appointment #{due.pk} is on 2026-12-02."
    assert f"<b>#{due.pk}</b>" in email.alternatives[0][0]


def test_a_reminder_that_runs_twice_reminds_once(seeker, django_capture_on_commit_callbacks):
    Appointment.objects.create(person=seeker, due_on=date(2026, 12, 2))
    with time_machine.travel(LATE_EVENING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert remind_appointments_tomorrow.apply().get() == 1
        assert remind_appointments_tomorrow.apply().get() == 0
    assert Notification.objects.filter(channel=Channel.INBOX).count() == 1
    assert len(mail.outbox) == 1


def test_preferences_come_with_the_selection_not_one_query_per_person(db):
    for _ in range(5):
        Appointment.objects.create(person=UserFactory(), due_on=date(2026, 12, 2))
    with time_machine.travel(LATE_EVENING, tick=False), CaptureQueriesContext(connection) as queries:
        assert remind_appointments_tomorrow.apply().get() == 5
    reads = [q["sql"] for q in queries.captured_queries if "notifications_notificationpreference" in q["sql"]]
    assert len(reads) == 1 and "toyapp_appointment" in reads[0]
