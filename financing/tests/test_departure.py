"""Loans for overseas departure costs: tied to the Japan-internship candidacy in progress."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from financing import services
from financing.models import Application, Product
from financing.tests.factories import ProductFactory
from overseas import services as overseas_services
from overseas.models import Candidacy
from overseas.tests.factories import IntakeFactory
from seekers.tests.factories import JobSeekerFactory

S = Application.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def departure_product(bank):
    return ProductFactory(bank=bank, name="KUR Penempatan PMI", purpose=Product.Purpose.DEPARTURE,
                          max_amount=Decimal(25_000_000))  # fmt: skip


@pytest.fixture
def candidate(seeker):
    profile = JobSeekerFactory(user=seeker, full_name=seeker.full_name)
    Candidacy.objects.create(intake=IntakeFactory(), seeker=profile, height_cm=165, weight_kg=60, status="passed")
    return profile


@pytest.mark.django_db
def test_a_candidate_in_progress_applies_for_departure_costs_without_a_course(client, candidate, departure_product):
    client.force_login(candidate.user)
    response = client.post(
        reverse("financing:apply", args=[departure_product.pk]), {"amount": "Rp 20.000.000", "tenor": "12"}
    )
    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    assert application.candidacy == Candidacy.objects.get() and application.enrolment is None
    assert application.purpose == Product.Purpose.DEPARTURE


@pytest.mark.django_db
def test_without_a_candidacy_in_progress_there_is_no_departure_loan(borrower, departure_product):
    with pytest.raises(ValidationError, match="candidacy in progress"):
        services.application_create(
            seeker=borrower, product=departure_product, amount=Decimal(5_000_000), tenor=12, actor=borrower.user,
            candidacy=services.departure_candidacy(borrower),
        )  # fmt: skip
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_candidacy_that_ends_stops_its_departure_loan_application(candidate, departure_product, disnaker_staff):
    candidacy = Candidacy.objects.get()
    application = services.application_create(
        seeker=candidate, product=departure_product, amount=Decimal(5_000_000), tenor=12, actor=candidate.user,
        candidacy=candidacy,
    )  # fmt: skip
    overseas_services.candidacy_withdraw(candidacy=candidacy, reason="Sakit", actor=disnaker_staff)
    application.refresh_from_db()
    assert application.status == S.STOPPED and "Sakit" in application.status_reason
