import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from core.models import AuditLog
from seekers import services
from seekers.models import AK1Card, JobSeeker
from seekers.tests.factories import CompleteJobSeekerFactory, JobSeekerFactory


@pytest.fixture
def today(time_machine):
    time_machine.move_to("2026-11-28 10:00:00+07:00", tick=False)
    return datetime.date(2026, 11, 28)


def _issue(client, profile):
    client.force_login(profile.user)
    return client.post(reverse("seekers:card_issue"), follow=True)


def test_a_complete_local_profile_gets_a_two_year_card_with_a_meaningful_number(client, profile, today):
    _issue(client, profile)
    card = AK1Card.objects.get(seeker=profile)
    assert card.number == "3216-2026-000001"
    assert card.status == AK1Card.Status.ACTIVE
    assert (card.issued_at, card.valid_until, card.next_report_due) == (
        today,
        datetime.date(2028, 11, 28),
        datetime.date(2027, 5, 28),
    )
    assert AuditLog.objects.filter(action="card_issued", object_id=card.pk).exists()


def test_card_serials_count_up_per_year(db, today):
    first = services.card_issue(seeker=CompleteJobSeekerFactory(), actor=None)
    second = services.card_issue(seeker=CompleteJobSeekerFactory(), actor=None)
    assert (first.number, second.number) == ("3216-2026-000001", "3216-2026-000002")


def test_an_incomplete_profile_is_told_what_is_missing(client, seeker):
    JobSeekerFactory(user=seeker)
    response = _issue(client, JobSeeker.objects.get(user=seeker))
    assert not AK1Card.objects.exists()
    assert "Foto" in response.content.decode() or "Photo" in response.content.decode()


def test_someone_living_outside_the_regency_gets_no_card(db):
    outsider = CompleteJobSeekerFactory(outside=True)
    with pytest.raises(ValidationError) as excinfo:
        services.card_issue(seeker=outsider, actor=None)
    assert excinfo.value.code == "not_local"


def test_a_second_card_is_refused_while_one_is_in_force(client, profile):
    _issue(client, profile)
    _issue(client, profile)
    assert AK1Card.objects.filter(seeker=profile).count() == 1


def test_reporting_still_looking_moves_the_next_report_six_months_on(client, profile, today, time_machine):
    _issue(client, profile)
    time_machine.move_to("2027-05-25 10:00:00+07:00", tick=False)
    client.force_login(profile.user)  # the session of six months ago has expired
    response = client.post(reverse("seekers:card_report"), {"still_looking": "1"})
    assert response.status_code == 302 and response.url == reverse("seekers:dashboard")
    card = AK1Card.objects.get(seeker=profile)
    assert card.next_report_due == datetime.date(2027, 11, 25)
    assert card.reports.get().still_looking


def test_reporting_a_job_closes_the_card_and_marks_the_seeker_hired(client, profile, today):
    _issue(client, profile)
    response = client.post(
        reverse("seekers:card_report"),
        {"still_looking": "0", "employer": "PT Astra Honda Motor", "position": "Operator produksi",
         "start_date": "2026-12-01"},
    )  # fmt: skip
    assert response.status_code == 302
    card = AK1Card.objects.get(seeker=profile)
    assert card.status == AK1Card.Status.CLOSED and card.next_report_due is None
    profile.refresh_from_db()
    assert profile.employment_status == JobSeeker.EmploymentStatus.HIRED


def test_reporting_a_job_without_the_employer_is_refused(client, profile):
    _issue(client, profile)
    response = client.post(reverse("seekers:card_report"), {"still_looking": "0"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"employer", "position", "start_date"}
    assert AK1Card.objects.get(seeker=profile).status == AK1Card.Status.ACTIVE


def test_staff_suspend_with_a_reason_reinstate_and_renew(profile, disnaker_staff, today, time_machine):
    card = services.card_issue(seeker=profile, actor=None)
    with pytest.raises(ValidationError):
        services.card_suspend(card=card, actor=disnaker_staff, reason="")
    card = services.card_suspend(card=card, actor=disnaker_staff, reason="Data tidak sesuai KTP")
    assert card.status == AK1Card.Status.SUSPENDED
    card = services.card_reinstate(card=card, actor=disnaker_staff)
    time_machine.move_to("2028-01-10 10:00:00+07:00", tick=False)
    card = services.card_renew(card=card, actor=disnaker_staff)
    assert card.valid_until == datetime.date(2030, 1, 10)
    assert list(AuditLog.objects.filter(object_id=card.pk).order_by("id").values_list("action", flat=True)) == [
        "card_issued",
        "status_change",
        "card_reinstated",
        "card_renewed",
    ]


def test_cards_past_their_validity_expire(db, today):
    fresh = services.card_issue(seeker=CompleteJobSeekerFactory(), actor=None)
    old = services.card_issue(seeker=CompleteJobSeekerFactory(), actor=None)
    AK1Card.objects.filter(pk=old.pk).update(valid_until=datetime.date(2026, 11, 27))
    assert services.cards_expire(today=today) == 1
    assert AK1Card.objects.get(pk=old.pk).status == AK1Card.Status.EXPIRED
    assert AK1Card.objects.get(pk=fresh.pk).status == AK1Card.Status.ACTIVE


def test_the_card_pdf_carries_the_number_and_name(client, profile):
    _issue(client, profile)
    card = AK1Card.objects.get(seeker=profile)
    response = client.get(reverse("seekers:card_pdf", args=[card.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert card.number in text and profile.full_name in text


def test_the_card_pdf_is_in_bahasa_indonesia_whatever_the_holder_browses_in(client, profile):
    card = services.card_issue(seeker=profile, actor=None)
    client.force_login(profile.user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("seekers:card_pdf", args=[card.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for label in ["KARTU TANDA PENCARI KERJA (AK/1)", "Dinas Tenaga Kerja Kabupaten Bekasi", "Jenis Kelamin",
                  "Laki-laki", "Tempat/Tgl. Lahir", "Pindai kode QR"]:  # fmt: skip
        assert label in text, label
    assert "Sex" not in text and "Male" not in text


def test_the_public_verification_page_shows_only_what_a_checker_needs(client, profile):
    card = services.card_issue(seeker=profile, actor=None)
    client.logout()
    html = client.get(card.get_verify_url()).content.decode()
    assert card.number in html
    assert profile.masked_name in html
    assert profile.full_name not in html
    assert profile.nik not in html and profile.address not in html


def test_a_guessed_verification_token_finds_nothing(client, db):
    assert client.get(reverse("seekers:card_verify", args=["6f1c1f2e-1111-4222-8333-944455556666"])).status_code == 404


def test_a_suspended_card_prints_stamped_not_valid(client, profile, disnaker_staff):
    card = services.card_issue(seeker=profile, actor=None)
    services.card_suspend(card=card, actor=disnaker_staff, reason="Duplikat")
    client.force_login(profile.user)
    response = client.get(reverse("seekers:card_pdf", args=[card.pk]))
    assert "TIDAK BERLAKU" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_a_suspended_card_is_reinstated_not_renewed(profile, disnaker_staff):
    card = services.card_suspend(card=services.card_issue(seeker=profile, actor=None), actor=disnaker_staff,
                                 reason="Periksa data")  # fmt: skip
    with pytest.raises(ValidationError):
        services.card_renew(card=card, actor=disnaker_staff)
    assert AK1Card.objects.get(pk=card.pk).status == AK1Card.Status.SUSPENDED


def test_an_expired_card_is_not_renewed_when_a_newer_card_is_in_force(profile, disnaker_staff, today):
    old = services.card_issue(seeker=profile, actor=None)
    AK1Card.objects.filter(pk=old.pk).update(status=AK1Card.Status.EXPIRED)
    services.card_issue(seeker=JobSeeker.objects.get(pk=profile.pk), actor=None)
    with pytest.raises(ValidationError):
        services.card_renew(card=AK1Card.objects.get(pk=old.pk), actor=disnaker_staff)
    assert AK1Card.objects.current().filter(seeker=profile).count() == 1


def test_the_card_matches_the_paper_form_front_and_back_on_one_page(client, profile, settings):
    from seekers.models import AK1Report

    settings.OFFICE_HEAD_NAME = "Drs. Contoh Kepala, M.Si."
    settings.OFFICE_HEAD_NIP = "19700101 199503 1 001"
    card = services.card_issue(seeker=profile, actor=None)
    AK1Report.objects.create(card=card, still_looking=True)
    client.force_login(profile.user)
    response = client.get(reverse("seekers:card_pdf", args=[card.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in [
        profile.domicile_desa.name, f"Kec. {profile.domicile_kecamatan.name}",  # the full address
        "Drs. Contoh Kepala, M.Si.", "NIP 19700101 199503 1 001",  # the signature block
        "LAPORAN ENAM BULANAN", "Masih mencari kerja",  # the back, with the report filled in
        "PEMERINTAH KABUPATEN BEKASI",
    ]:  # fmt: skip
        assert expected in text, expected
