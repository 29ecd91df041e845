import datetime

import pytest
import time_machine
from django.conf import settings

from notifications.models import Notification
from overseas import services, tasks
from overseas.models import Prefecture, ReturnRecord

from .conftest import TODAY

JAKARTA = TODAY.tzinfo


def _at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 30), tzinfo=JAKARTA), tick=False)


def _sent(event):
    return set(
        Notification.objects.filter(event=f"overseas.{event}", channel="inbox").values_list(
            "recipient__seeker__full_name", flat=True
        )
    )


@pytest.fixture
def deployed(intake, apply, record_until, disnaker_staff):
    """Two people who passed, departing on 1 and 10 July 2026."""
    people = []
    for name, day in (("Agus Berangkat", 1), ("Bima Nanti", 10)):
        candidacy = record_until(apply(intake, full_name=name))
        people.append(
            services.deployment_create(
                candidacy=candidacy,
                host_company="Denso Hokkaido",
                prefecture=Prefecture.HOKKAIDO,
                job_field="Perakitan",
                departure_date=datetime.date(2026, 7, day),
                emergency_contact_name="Ibu",
                emergency_contact_phone="0812",
                actor=disnaker_staff,
            )
        )
    return people


def test_every_reminder_is_on_the_beat_schedule():
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "overseas.remind_stages_scheduled",
        "overseas.remind_documents_expiring",
        "overseas.remind_departures",
        "overseas.remind_contracts_ending",
        "overseas.follow_up_returns",
    } <= tasks_scheduled


def test_candidates_are_reminded_of_a_scheduled_stage_once(intake, apply, disnaker_staff):
    apply(intake, full_name="Cici Tes")
    services.stage_schedule(
        stage=intake.stages.get(position=1), day=datetime.date(2026, 6, 20), place="BLK", actor=disnaker_staff
    )

    with _at(datetime.date(2026, 6, 12)):
        tasks.remind_stages_scheduled()
    assert _sent("stage_scheduled") == set()  # more than 7 days ahead
    with _at(datetime.date(2026, 6, 13)):
        tasks.remind_stages_scheduled()
        tasks.remind_stages_scheduled()
    assert Notification.objects.filter(event="overseas.stage_scheduled", channel="inbox").count() == 1


def test_people_are_reminded_7_days_before_departure_once(deployed):
    with _at(datetime.date(2026, 6, 24)):
        tasks.remind_departures()
    assert _sent("departure_soon") == {"Agus Berangkat"}
    with _at(datetime.date(2026, 6, 25)):
        tasks.remind_departures()
    assert Notification.objects.filter(event="overseas.departure_soon", channel="inbox").count() == 1


def test_contracts_ending_within_3_months_are_reminded(deployed):
    # Contracts end on 1 and 10 July 2029.
    with _at(datetime.date(2029, 4, 1)):
        tasks.remind_contracts_ending()
        tasks.remind_contracts_ending()
    assert _sent("contract_ending") == {"Agus Berangkat"}


def test_documents_expiring_within_60_days_are_reminded(deployed, disnaker_staff):
    services.document_save(
        candidacy=deployed[0].candidacy,
        kind="passport",
        number="C1",
        issued_on=datetime.date(2021, 1, 1),
        expires_on=datetime.date(2026, 8, 14),
        actor=disnaker_staff,
    )
    services.document_save(
        candidacy=deployed[1].candidacy,
        kind="passport",
        number="C2",
        issued_on=datetime.date(2021, 1, 1),
        expires_on=datetime.date(2026, 8, 15),
        actor=disnaker_staff,
    )

    tasks.remind_documents_expiring()  # today: 15 June 2026
    tasks.remind_documents_expiring()

    assert _sent("document_expiring") == {"Agus Berangkat"}
    assert Notification.objects.filter(event="overseas.document_expiring", channel="inbox").count() == 1


def test_returnees_get_a_message_a_week_after_their_return(deployed, disnaker_staff):
    with _at(datetime.date(2029, 7, 5)):
        services.return_record(
            candidacy=deployed[0].candidacy,
            returned_on=datetime.date(2029, 7, 2),
            intention=ReturnRecord.Intention.JAPANESE_COMPANY,
            actor=disnaker_staff,
        )
        tasks.follow_up_returns()
    assert _sent("after_return") == set()
    with _at(datetime.date(2029, 7, 20)):  # a missed week is caught up
        tasks.follow_up_returns()
        tasks.follow_up_returns()
    assert _sent("after_return") == {"Agus Berangkat"}
    assert Notification.objects.filter(event="overseas.after_return", channel="inbox").count() == 1
