"""A small hand-built data set: every indicator's inclusions and exclusions, with known counts."""

import datetime

from django.utils import timezone

from seekers.models import AK1Card
from seekers.tests.factories import JobSeekerFactory
from trainings.models import BusinessOutcome, Enrolment, Program
from trainings.tests.factories import BatchFactory, ProgramFactory, ProviderFactory

YEAR = 2026


def at(month, day=15, year=YEAR):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def seeker(month=3, year=YEAR, **kwargs):
    person = JobSeekerFactory(**kwargs)
    type(person).objects.filter(pk=person.pk).update(created_at=at(month, year=year))
    return person


def card(person, month=3, number=[0]):  # noqa: B006 - a counter for unique numbers
    number[0] += 1
    day = datetime.date(YEAR, month, 10)
    return AK1Card.objects.create(
        seeker=person, number=f"3216-{YEAR}-{number[0]:06d}", issued_at=day,
        valid_until=day + datetime.timedelta(days=730), status=AK1Card.Status.ACTIVE,
    )  # fmt: skip


def enrolment(person, batch, status, *, decided=None, completed=None):
    return Enrolment.objects.create(
        seeker=person, batch=batch, status=status, decided_at=decided, completed_at=completed,
        waitlisted_at=decided if status == Enrolment.Status.WAITLISTED else None,
    )  # fmt: skip


def outcome(enrolment_, *, started, month=9):
    made = BusinessOutcome.objects.create(enrolment=enrolment_, started=started, kind="food" if started else "")
    BusinessOutcome.objects.filter(pk=made.pk).update(recorded_at=at(month))
    return made


def training_world():
    partner = ProviderFactory(name="LPK Satu", short_name="LPK Satu")
    vocational = ProgramFactory(provider=partner, category=Program.Category.VOCATIONAL)
    business = ProgramFactory(provider=partner, category=Program.Category.ENTREPRENEURSHIP)
    return {
        "partner": partner,
        "vocational": BatchFactory(program=vocational, capacity=50),
        "business": BatchFactory(program=business, capacity=50),
    }
