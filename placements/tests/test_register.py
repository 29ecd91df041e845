import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core.models import Kecamatan
from placements import services
from placements.models import BrokerReport
from placements.services import PlacementError
from trainings.tests.factories import ProviderFactory

from .factories import EmployerFactory, VacancyFactory

REPORT = {
    "subject": "broker",
    "subject_name": "Pak Joko (calo di depan pabrik)",
    "what_happened": "Minta Rp 3 juta supaya diterima kerja.",
    "amount": "3000000",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_register_lists_verified_employers_with_open_vacancies_and_institutions(client, db):
    employer = EmployerFactory(name="PT Terverifikasi")
    EmployerFactory(name="PT Belum Diverifikasi", verified_at=None)
    VacancyFactory(employer=employer)
    ProviderFactory(name="LPK Mitra Karya")
    html = client.get(reverse("vacancies:register")).content.decode()
    assert "PT Terverifikasi" in html and "PT Belum Diverifikasi" not in html
    assert "LPK Mitra Karya" in html
    assert 'data-testid="free-of-charge"' in html and 'data-testid="broker-form"' in html


def test_anyone_may_report_a_broker_anonymously(client, db):
    response = client.post(reverse("placements:broker_report"), {**REPORT, "kecamatan": Kecamatan.objects.first().pk})
    assert response.status_code == 302
    report = BrokerReport.objects.get()
    assert report.reporter is None and report.status == BrokerReport.Status.NEW and report.reporter_name == ""


def test_broker_reports_are_throttled_per_connection_and_recover_after_the_hour(client, db, settings):
    settings.THROTTLES_ENABLED = True
    url = reverse("placements:broker_report")
    for _ in range(5):
        assert client.post(url, REPORT, REMOTE_ADDR="10.9.0.1").status_code == 302

    response = client.post(url, REPORT, REMOTE_ADDR="10.9.0.1")

    assert response.status_code == 429  # core.throttle: the portal's page, in Indonesian
    assert 0 < int(response["Retry-After"]) <= 3600 and "Terlalu banyak permintaan" in response.content.decode()
    assert BrokerReport.objects.count() == 5
    assert client.post(url, REPORT, REMOTE_ADDR="10.9.0.2").status_code == 302  # another connection
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, seconds=5)):
        assert client.post(url, REPORT, REMOTE_ADDR="10.9.0.1").status_code == 302
    assert BrokerReport.objects.count() == 7


def test_an_empty_broker_report_gets_messages_not_a_row(client, db):
    response = client.post(reverse("placements:broker_report"), {"subject": "nonsense"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not BrokerReport.objects.exists()


def test_staff_triage_broker_reports_through_the_workflow(db, disnaker_staff):
    report = services.broker_report_submit(report=BrokerReport(**{**REPORT, "amount": 3_000_000}))
    report = services.broker_report_move(report=report, to_status="investigating", actor=disnaker_staff)
    with pytest.raises(PlacementError):
        services.broker_report_move(report=report, to_status="substantiated", actor=disnaker_staff)
    report = services.broker_report_move(
        report=report, to_status="substantiated", actor=disnaker_staff, reason="Diteruskan ke polisi"
    )
    assert report.status == "substantiated" and report.status_reason == "Diteruskan ke polisi"
