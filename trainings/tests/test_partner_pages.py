"""Partner pages: an institution's staff see and decide their own applicants only."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditLog
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings import services
from trainings.models import Attendance, Batch, Enrolment, Program

from .factories import BatchFactory, ProgramFactory

S = Enrolment.Status


@pytest.fixture
def batch_a(institution_a):
    return BatchFactory(program=ProgramFactory(provider=institution_a), capacity=2)


@pytest.fixture
def batch_b(institution_b):
    return BatchFactory(program=ProgramFactory(provider=institution_b))


@pytest.fixture
def partner(client, partner_staff, institution_a):
    client.force_login(partner_staff)
    return client


def test_partner_staff_see_only_their_institutions_batches(partner, batch_a, batch_b):
    response = partner.get(reverse("trainings:partner_home"))
    assert list(response.context["page"]) == [batch_a]
    assert partner.get(reverse("trainings:partner_batch", args=[batch_a.pk])).status_code == 200
    assert partner.get(reverse("trainings:partner_batch", args=[batch_b.pk])).status_code == 404


def test_partner_staff_of_institution_a_cannot_see_or_change_institution_bs_applicants(partner, apply, batch_b):
    theirs = apply(batch_b)
    for name in ("partner_enrolment", "partner_complete", "partner_scores", "partner_drop"):
        method = partner.get if name == "partner_enrolment" else partner.post
        assert method(reverse(f"trainings:{name}", args=[theirs.pk]), {"reason": "x"}).status_code == 404, name
    for name in ("partner_export_csv", "partner_sessions", "partner_batch_start"):
        method = partner.post if name == "partner_batch_start" else partner.get
        assert method(reverse(f"trainings:{name}", args=[batch_b.pk])).status_code == 404, name
    assert (
        partner.post(
            reverse("trainings:partner_decide", args=[batch_b.pk]), {"decision": "accept", "enrolments": [theirs.pk]}
        ).status_code
        == 404
    )


def test_ids_of_another_institutions_applicants_slipped_into_a_decision_are_ignored(partner, apply, batch_a, batch_b):
    ours, theirs = apply(batch_a), apply(batch_b)
    partner.post(
        reverse("trainings:partner_decide", args=[batch_a.pk]),
        {"decision": "accept", "enrolments": [ours.pk, theirs.pk]},
    )
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.status, theirs.status) == (S.ACCEPTED, S.APPLIED)


def test_only_partner_staff_accounts_can_be_linked_to_a_provider(seeker, institution_b):
    from django.core.exceptions import ValidationError

    from trainings.models import ProviderStaff

    with pytest.raises(ValidationError):
        ProviderStaff(user=seeker, provider=institution_b).full_clean()


def test_an_unlinked_partner_account_sees_nothing(client, db, batch_b):
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.PARTNER))
    response = client.get(reverse("trainings:partner_home"))
    assert response.status_code == 200 and list(response.context["page"]) == []
    assert "belum terhubung" in response.content.decode()
    assert client.get(reverse("trainings:partner_batch", args=[batch_b.pk])).status_code == 404


def test_seekers_and_bank_officers_cannot_open_partner_pages(client, seeker, bank_officer, batch_b):
    for user in (seeker, bank_officer):
        client.force_login(user)
        assert client.get(reverse("trainings:partner_batch", args=[batch_b.pk])).status_code == 403


def test_bulk_decisions_in_the_partner_pages(partner, apply, batch_a):
    a, b, c = apply(batch_a), apply(batch_a), apply(batch_a)
    url = reverse("trainings:partner_decide", args=[batch_a.pk])
    response = partner.post(url, {"decision": "accept", "enrolments": [a.pk, b.pk, c.pk]}, follow=True)
    html = response.content.decode()
    assert "2 pendaftar diperbarui." in html and "penuh" in html  # two seats, the third refused
    response = partner.post(url, {"decision": "reject", "enrolments": [c.pk]}, follow=True)
    assert "Keputusan ini wajib disertai alasan." in response.content.decode()
    c.refresh_from_db()
    assert c.status == S.APPLIED
    partner.post(url, {"decision": "reject", "enrolments": [c.pk], "reason": "Tidak lulus tes tertulis"})
    assert list(Enrolment.objects.order_by("pk").values_list("status", flat=True)) == [
        S.ACCEPTED,
        S.ACCEPTED,
        S.REJECTED,
    ]
    batch_a.refresh_from_db()
    assert batch_a.seats_taken == 2


def _applicant_list_queries(client, batch):
    cache.clear()  # the navbar's unread count, cached per person, counted every time
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("trainings:partner_batch", args=[batch.pk])).status_code == 200
    return len(queries)


def test_the_applicant_list_query_count_does_not_grow_with_applicants(partner, apply, batch_a):
    batch_a.capacity = 30
    batch_a.save()
    for _ in range(2):
        apply(batch_a)
    few = _applicant_list_queries(partner, batch_a)
    for _ in range(10):
        services.enrolment_accept(enrolment=apply(batch_a), actor=None)
    # Session, user, the user's groups and permissions (for the role check), the institution the
    # person works for (trainings.models.provider_of), the batch, the status counts, the page's
    # COUNT and rows (with person, education, domicile and sessions attended in the same query),
    # unread notifications (navigation); with the cache emptied before each page.
    assert few == _applicant_list_queries(partner, batch_a) == 11


def test_starting_a_batch_and_recording_attendance_completion_and_drop_out(
    partner, partner_staff, institution_a, apply, time_machine
):
    batch = BatchFactory(program=ProgramFactory(provider=institution_a), capacity=3)
    stays, leaves = apply(batch), apply(batch)
    for enrolment in (stays, leaves):
        services.enrolment_accept(enrolment=enrolment, actor=None)
    time_machine.move_to(batch.start_date)
    partner.force_login(partner_staff)  # sessions last 12 hours
    partner.post(reverse("trainings:partner_batch_start", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING

    assert partner.get(reverse("trainings:partner_sessions", args=[batch.pk])).status_code == 200
    response = partner.post(reverse("trainings:partner_sessions", args=[batch.pk]), {"date": batch.start_date})
    session = batch.sessions.get()
    assert response.url == reverse("trainings:partner_attendance", args=[session.pk])
    register = partner.get(response.url).content.decode()
    assert register.count('type="radio"') == 2 * 3  # two trainees, three choices each
    partner.post(
        reverse("trainings:partner_attendance", args=[session.pk]),
        {f"e{stays.pk}": "present", f"e{leaves.pk}": "absent"},
    )
    assert dict(Attendance.objects.values_list("enrolment_id", "status")) == {
        stays.pk: "present",
        leaves.pk: "absent",
    }

    partner.post(
        reverse("trainings:partner_scores", args=[stays.pk]), {"pre_test_score": "40", "post_test_score": "85.5"}
    )
    partner.post(reverse("trainings:partner_drop", args=[leaves.pk]), {"reason": "Diterima kerja"})
    partner.post(reverse("trainings:partner_complete", args=[stays.pk]))
    stays.refresh_from_db()
    leaves.refresh_from_db()
    page = partner.get(reverse("trainings:partner_enrolment", args=[stays.pk])).content.decode()
    assert stays.certificate.number in page and "Hadir" in page
    assert partner.get(reverse("trainings:partner_sessions", args=[batch.pk])).context["sessions"][0].present == 1
    assert stays.status == S.COMPLETED and stays.certificate.number.startswith("3216-PLT-")
    assert str(stays.post_test_score) == "85.50"
    assert leaves.status == S.DROPPED and leaves.status_reason == "Diterima kerja"


def test_exports_are_formula_injection_safe_and_audited(partner, partner_staff, batch_a):
    seeker = CompleteJobSeekerFactory(full_name='=HYPERLINK("http://evil.example","klik")', phone="+6281234567890")
    services.enrolment_apply(batch=batch_a, seeker=seeker, actor=seeker.user)

    response = partner.get(reverse("trainings:partner_export_csv", args=[batch_a.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","klik")'
    assert rows[1][8] == "'+6281234567890"
    assert "*" in rows[1][2]  # partner staff get masked NIKs

    response = partner.get(reverse("trainings:partner_export_xlsx", args=[batch_a.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=2)
    assert cell.value.startswith("'=") and cell.data_type == "s"
    assert AuditLog.objects.filter(action="applicants_exported", actor=partner_staff).count() == 2


def test_entrepreneurship_outcome_is_recorded_for_graduates(partner, partner_staff, apply, institution_a, time_machine):
    batch = BatchFactory(program=ProgramFactory(provider=institution_a, category=Program.Category.ENTREPRENEURSHIP))
    enrolment = apply(batch)
    services.enrolment_accept(enrolment=enrolment, actor=None)
    time_machine.move_to(batch.start_date)
    partner.force_login(partner_staff)
    services.batch_start(batch=batch, actor=None)
    services.enrolment_complete(enrolment=enrolment, actor=None)
    url = reverse("trainings:partner_outcome", args=[enrolment.pk])
    partner.post(
        url, {"started": "on", "kind": "food", "business_name": "Keripik Bu Rina", "registration_number": "912"}
    )
    outcome = enrolment.business_outcome
    outcome.refresh_from_db()
    assert (outcome.started, outcome.kind, outcome.registration_number) == (True, "food", "912")
    partner.post(url, {})  # not started: the details are cleared
    outcome.refresh_from_db()
    assert (outcome.started, outcome.kind, outcome.business_name) == (False, "", "")


def test_a_decision_made_on_a_stale_page_asks_for_confirmation_before_it_is_applied(partner, apply, batch_a):
    shown = apply(batch_a)
    url = reverse("trainings:partner_decide", args=[batch_a.pk])
    # The page showed "applied"; meanwhile a colleague accepted the applicant.
    services.enrolment_bulk_decide(
        enrolments=Enrolment.objects.filter(pk=shown.pk), decision="accept", actor=shown.seeker.user
    )
    posted = {"decision": "reject", "enrolments": [shown.pk], "reason": "Tidak lulus", f"seen_{shown.pk}": "applied"}
    response = partner.post(url, posted)
    assert response.status_code == 409
    assert shown.seeker.full_name in response.content.decode()
    shown.refresh_from_db()
    assert shown.status == S.ACCEPTED  # nothing happened yet
    confirm = dict(response.context["fields"])
    assert confirm["confirm_stale"] == "1" and confirm[f"seen_{shown.pk}"] == S.ACCEPTED
    partner.post(url, {**posted, "confirm_stale": "1"})
    shown.refresh_from_db()
    assert shown.status == S.REJECTED


def test_a_decision_on_a_fresh_page_is_applied_without_a_question(partner, apply, batch_a):
    shown = apply(batch_a)
    url = reverse("trainings:partner_decide", args=[batch_a.pk])
    response = partner.post(url, {"decision": "accept", "enrolments": [shown.pk], f"seen_{shown.pk}": "applied"})
    assert response.status_code == 302
    shown.refresh_from_db()
    assert shown.status == S.ACCEPTED


def test_an_applicant_row_shows_the_person_the_status_and_the_attendance(partner, institution_a, apply):
    from django.utils import translation

    from core.formatting import long_date

    batch = BatchFactory(program=ProgramFactory(provider=institution_a), capacity=5)
    enrolment = apply(batch, full_name="Dewi <Lestari>")
    Enrolment.objects.filter(pk=enrolment.pk).update(local_resident=True, status_reason="Berkas & foto kurang")
    enrolment.refresh_from_db()
    seeker = enrolment.seeker
    with translation.override("id"):
        html = partner.get(reverse("trainings:partner_batch", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE="id").content
        html = html.decode()
        row = html[html.index('data-testid="applicant"') :][:1500]
        assert "Dewi &lt;Lestari&gt;" in row and "<Lestari>" not in row  # escaped
        assert f'name="seen_{enrolment.pk}" value="applied"' in row
        assert seeker.masked_nik in row and seeker.domicile_kecamatan.name in row
        assert (seeker.education_level.name if seeker.education_level else "–") in row
        assert f"mendaftar {long_date(enrolment.applied_at)}" in row
        assert "Warga lokal" in row and "Berkas &amp; foto kurang" in row
        assert reverse("trainings:partner_enrolment", args=[enrolment.pk]) in row
        assert "hadir" not in row  # no session attended yet
        for day in (0, 1):
            session = batch.sessions.create(date=batch.start_date + datetime.timedelta(days=day))
            Attendance.objects.create(session=session, enrolment=enrolment, status=Attendance.Status.PRESENT)
        html = partner.get(reverse("trainings:partner_batch", args=[batch.pk])).content.decode()
        assert "hadir 2 sesi" in html[html.index('data-testid="applicant"') :][:1500]
