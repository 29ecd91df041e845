"""The "training starts tomorrow" reminder and the six-month business-outcome follow-up."""

import datetime

from dateutil.relativedelta import relativedelta

from trainings import selectors, services
from trainings.models import Batch, Enrolment, Program

from .factories import BatchFactory, ProgramFactory, today


def test_the_people_to_remind_are_the_accepted_of_batches_starting_that_day(apply, django_assert_num_queries):
    tomorrow = today() + datetime.timedelta(days=1)
    starting = BatchFactory(start_date=tomorrow, registration_closes=tomorrow, capacity=5)
    later = BatchFactory()
    cancelled = BatchFactory(start_date=tomorrow, registration_closes=tomorrow)
    accepted = [apply(starting) for _ in range(2)]
    for enrolment in accepted:
        services.enrolment_accept(enrolment=enrolment, actor=None)
    apply(starting)  # still waiting for a decision: not reminded
    services.enrolment_accept(enrolment=apply(later), actor=None)
    services.enrolment_accept(enrolment=apply(cancelled), actor=None)
    services.batch_cancel(batch=cancelled, actor=None, reason="Banjir")

    assert list(selectors.batches_starting_on(tomorrow)) == [starting]
    with django_assert_num_queries(1):
        people = [
            (e.seeker.user.language, e.seeker.full_name, e.batch.program.provider.name)
            for e in selectors.enrolments_to_remind(tomorrow)
        ]
    assert len(people) == 2
    assert {e.pk for e in selectors.enrolments_to_remind(tomorrow)} == {e.pk for e in accepted}


def test_the_reminder_task_runs_for_tomorrow(apply):
    from trainings.tasks import remind_batches_starting_tomorrow

    tomorrow = today() + datetime.timedelta(days=1)
    batch = BatchFactory(start_date=tomorrow, registration_closes=tomorrow)
    services.enrolment_accept(enrolment=apply(batch), actor=None)
    assert remind_batches_starting_tomorrow() == 1


def test_business_outcomes_are_due_six_months_after_completion(apply, time_machine):
    batch = BatchFactory(program=ProgramFactory(category=Program.Category.ENTREPRENEURSHIP))
    vocational = BatchFactory(start_date=batch.start_date, registration_closes=batch.registration_closes)
    graduates = []
    for b in (batch, vocational):
        enrolment = apply(b)
        services.enrolment_accept(enrolment=enrolment, actor=None)
        graduates.append(enrolment)
    time_machine.move_to(batch.start_date)
    for b, enrolment in zip((batch, vocational), graduates, strict=True):
        services.batch_start(batch=b, actor=None)
        services.enrolment_complete(enrolment=enrolment, actor=None)
    assert not selectors.outcomes_due(batch.start_date + relativedelta(months=5))
    assert list(selectors.outcomes_due(batch.start_date + relativedelta(months=6))) == [graduates[0]]
    services.outcome_record(enrolment=graduates[0], started=False, actor=None)
    assert not selectors.outcomes_due(batch.start_date + relativedelta(months=6))
    assert Enrolment.objects.filter(status="completed").count() == 2
    assert Batch.objects.filter(status="running").count() == 2
