"""The printable meeting report: drawn at once for a short period, by a Celery task for a long one
and then delivered through the requester's notifications inbox."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from dashboard.models import MeetingReport
from dashboard.summaries import refresh
from notifications.models import Notification

from .factories import YEAR, seeker

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_report_for_a_month_is_drawn_at_once_with_cover_targets_map_and_breakdowns(client, tkp3d_member):
    for _ in range(3):
        seeker(3)
    refresh()
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:report_pdf"), {"year": YEAR, "period": "03", "kecamatan": "32.16.09"})
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "Laporan rapat TKP3D" in text
    assert "Maret 2026" in text and "Cikarang Utara" in text  # the cover's period and filter
    assert "Pencari kerja terdaftar" in text and "<5" in text  # 3 people: suppressed
    assert "Muaragembong" in text  # the map's labels
    assert "Jenis kelamin" in text  # a breakdown


def test_a_report_for_a_year_is_built_by_the_task_and_announced_in_the_inbox(
    client, tkp3d_member, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:report_pdf"), {"year": YEAR})
    assert response.status_code == 200 and "dashboard/report_confirm.html" in [t.name for t in response.templates]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboard:report_request"), {"year": YEAR, "kecamatan": "32.16.09"})
    assert response.status_code == 302
    report = MeetingReport.objects.get()
    assert report.status == MeetingReport.Status.READY and report.requested_by == tkp3d_member
    assert report.filters["kecamatan"] == "32.16.09"
    message = Notification.objects.get(recipient=tkp3d_member, channel="inbox", event="dashboard.report_ready")
    assert message.link == reverse("dashboard:report_download", args=[report.pk])
    download = client.get(message.link)
    assert download.status_code == 200
    assert "Cikarang Utara" in _text(b"".join(download.streaming_content))


def test_nobody_else_downloads_someone_elses_report(
    client, tkp3d_member, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(tkp3d_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dashboard:report_request"), {"year": YEAR})
    report = MeetingReport.objects.get()
    client.force_login(UserFactory(role=Role.TKP3D))
    assert client.get(reverse("dashboard:report_download", args=[report.pk])).status_code == 404
