"""The seed_scale part: deterministic loans whose schedules and repayments agree, and bench pages
that answer for the bench accounts."""

import io
from decimal import Decimal

import pytest
from django.db.models import Sum

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from financing import scale
from financing.models import Application, Instalment
from financing.tests.factories import accepted_enrolment
from seekers.tests.factories import JobSeekerFactory


@pytest.mark.django_db
def test_seed_scale_makes_consistent_loans_and_the_bench_pages_answer(client):
    UserFactory(email="bench-bank@scale.test", role=Role.BANK)
    bench = JobSeekerFactory(user__email="bench-seeker@scale.test")
    accepted_enrolment(seeker=bench)
    for _ in range(40):
        accepted_enrolment()
    out = io.StringIO()
    scale.seed(seekers=200_000, stdout=out)
    assert "applications" in out.getvalue()
    assert Application.objects.count() == 41
    for loan in Application.objects.loans():
        total = Instalment.objects.filter(application=loan).aggregate(p=Sum("principal"))["p"]
        assert total == loan.disbursed_amount
        assert loan.outstanding is not None and Decimal(0) <= loan.outstanding <= loan.disbursed_amount
    assert Application.objects.get(seeker=bench).status == Application.Status.REPAYING
    for scenario in scale.bench_scenarios():
        if scenario["user"]:
            client.force_login(scenario["user"]())
        else:
            client.logout()
        response = client.get(scenario["path"])
        assert response.status_code == 200, scenario["name"]
