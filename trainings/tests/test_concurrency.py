"""Seats under concurrent clicks, on PostgreSQL with real threads and connections.

Each thread is one person's request through the Django test client: a 500 would show as a
status code, a lost update as a seat count that disagrees with the enrolments.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings import services
from trainings.models import Batch, Enrolment

from .factories import BatchFactory, ProgramFactory, ProviderFactory, ProviderStaffFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

S = Enrolment.Status
PEOPLE = 40


def _all_at_once(work, n=PEOPLE):
    """Run work(i) for i in range(n) in n threads released together; return results (or exceptions)."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def _assert_seats_consistent(batch):
    batch.refresh_from_db()
    held = Enrolment.objects.filter(batch=batch, status__in=Enrolment.SEAT_STATUSES).count()
    assert batch.seats_taken == held <= batch.capacity


def test_40_people_applying_at_once_for_a_5_seat_first_come_batch_get_exactly_5_seats():
    batch = BatchFactory(capacity=5, admission=Batch.Admission.FIRST_COME)
    clients = [_logged_in(CompleteJobSeekerFactory().user) for _ in range(PEOPLE)]
    url = reverse("trainings:apply", args=[batch.pk])

    codes = _all_at_once(lambda i: clients[i].post(url).status_code)

    assert codes == [302] * PEOPLE  # no server error, nobody refused
    statuses = list(Enrolment.objects.filter(batch=batch).values_list("status", flat=True))
    assert statuses.count(S.ACCEPTED) == 5 and statuses.count(S.WAITLISTED) == 35
    _assert_seats_consistent(batch)


def test_40_acceptances_at_once_for_a_5_seat_batch_accept_exactly_5():
    provider = ProviderFactory()
    batch = BatchFactory(program=ProgramFactory(provider=provider), capacity=5)
    enrolments = [
        services.enrolment_apply(batch=batch, seeker=seeker, actor=seeker.user)
        for seeker in (CompleteJobSeekerFactory() for _ in range(PEOPLE))
    ]
    clerks = []
    for _ in range(PEOPLE):  # forty clerks of the institution, each accepting one applicant
        clerk = UserFactory(role=Role.PARTNER)
        ProviderStaffFactory(user=clerk, provider=provider)
        clerks.append(_logged_in(clerk))
    url = reverse("trainings:partner_decide", args=[batch.pk])

    codes = _all_at_once(
        lambda i: clerks[i].post(url, {"decision": "accept", "enrolments": [enrolments[i].pk]}).status_code
    )

    assert codes == [302] * PEOPLE
    assert Enrolment.objects.filter(batch=batch, status=S.ACCEPTED).count() == 5
    assert Enrolment.objects.filter(batch=batch, status=S.APPLIED).count() == 35
    _assert_seats_consistent(batch)


def test_the_same_person_clicking_apply_ten_times_at_once_gets_one_application():
    batch = BatchFactory()
    seeker = CompleteJobSeekerFactory()
    clients = [_logged_in(seeker.user) for _ in range(10)]
    url = reverse("trainings:apply", args=[batch.pk])

    codes = _all_at_once(lambda i: clients[i].post(url).status_code, n=10)

    assert codes == [302] * 10
    assert Enrolment.objects.filter(batch=batch, seeker=seeker).count() == 1


def test_withdrawals_and_acceptances_racing_keep_the_seat_count_true():
    batch = BatchFactory(capacity=5)
    holders = [
        services.enrolment_apply(batch=batch, seeker=s, actor=s.user)
        for s in (CompleteJobSeekerFactory() for _ in range(5))
    ]
    for enrolment in holders:
        services.enrolment_accept(enrolment=enrolment, actor=None)
    waiting = [
        services.enrolment_apply(batch=batch, seeker=s, actor=s.user)
        for s in (CompleteJobSeekerFactory() for _ in range(15))
    ]
    for enrolment in waiting[:10]:
        services.enrolment_waitlist(enrolment=enrolment, actor=None)
    staff = UserFactory(is_staff=True, role=Role.DISNAKER)

    def work(i):
        if i < 5:
            return services.enrolment_withdraw(enrolment=holders[i], actor=holders[i].seeker.user).status
        try:
            return services.enrolment_accept(enrolment=waiting[i - 5], actor=staff).status
        except services.TrainingError as exc:
            return exc.code

    results = _all_at_once(work, n=20)

    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, services.TrainingError)]
    _assert_seats_consistent(batch)
    assert batch.seats_taken == 5  # every freed seat went to someone
