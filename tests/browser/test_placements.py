"""Placements in the browser: from a company's vacancy to a verified hire that closes the AK/1
card, and a partner institution's placement that counts in its placement rate."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from placements.models import Application, EmployerStaff, Placement, Vacancy
from placements.reference import load_reference_data
from placements.tests.factories import EmployerFactory
from seekers import services as seeker_services
from seekers.models import AK1Card
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.models import Enrolment, ProviderStaff
from trainings.tests.factories import BatchFactory, ProviderFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _placement_reference_data(transactional_db):
    load_reference_data()
    cache.clear()  # filter choices cached by an earlier test name rows that no longer exist
    yield
    cache.clear()


def _sign_in(page, identifier):
    page.get_by_label(re.compile("Email|nomor HP", re.I)).fill(identifier)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()


def _admin_action(page, changelist, pk, action):
    """Tick one row of an admin list and run an action on it."""
    page.goto(changelist)
    page.locator(f"input.action-select[value='{pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()


def _pdf(tmp_path):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(100, 750, "Surat keterangan kerja")
    pdf.showPage()
    pdf.save()
    path = tmp_path / "surat-kerja.pdf"
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_an_officer_posts_staff_publish_a_seeker_applies_is_hired_and_the_ak1_card_closes(
    browser, live_server, phone_page
):
    employer = EmployerFactory(name="PT Cikarang Plastindo")
    officer = UserFactory(email="hrd@plastindo.example.id", full_name="Andi Pratama", role=Role.EMPLOYER)
    EmployerStaff.objects.create(user=officer, employer=employer, status=EmployerStaff.Status.VERIFIED)
    UserFactory(email="staf@disnaker.example.id", full_name="Siti Rahmawati", is_staff=True, role=Role.DISNAKER)
    seeker = CompleteJobSeekerFactory(user__email="rina@example.id", full_name="Rina Marlina")
    card = seeker_services.card_issue(seeker=seeker, actor=None)
    closing = timezone.localdate() + timedelta(days=21)

    # The HR officer lands on the company's page and posts a vacancy.
    hr_context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    hr = hr_context.new_page()
    hr.goto("/akun/masuk/")
    _sign_in(hr, "hrd@plastindo.example.id")
    expect(hr.get_by_role("heading", level=1)).to_have_text("PT Cikarang Plastindo")
    hr.get_by_test_id("new-vacancy").click()
    hr.locator("#id_title").fill("Operator Mesin Injeksi Plastik")
    hr.get_by_label("Golongan jabatan (KBJI 2014)").select_option(label="81 – Operator Mesin dan Instalasi Tetap")
    hr.get_by_label("Jumlah dibutuhkan").fill("3")
    hr.get_by_label("Keahlian").fill("operator mesin, injeksi")
    hr.get_by_label("Lokasi kerja (kecamatan)").select_option(label="Cikarang Barat")
    hr.get_by_label("Upah dari (Rp/bulan)").fill("6000000")
    hr.get_by_label("Upah sampai (Rp/bulan)").fill("6500000")
    hr.get_by_label("Batas lamaran").fill(closing.isoformat())
    hr.get_by_test_id("submit-vacancy").click()
    expect(hr.get_by_test_id("vacancy-status")).to_have_text("Menunggu verifikasi")
    vacancy = Vacancy.objects.get()

    # Disnaker checks it is a real vacancy and publishes it from the admin.
    staff_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    staff = staff_context.new_page()
    staff.goto("/akun/masuk/?next=/admin/")
    _sign_in(staff, "staf@disnaker.example.id")
    _admin_action(staff, "/admin/placements/vacancy/", vacancy.pk, "publish")
    expect(staff.locator(".messagelist")).to_contain_text("1")

    # The seeker finds it by full-text search on a phone and applies.
    page = phone_page
    page.goto("/lowongan/")
    page.get_by_test_id("vacancy-search").fill("injeksi plastik")
    page.get_by_test_id("vacancy-submit").click()
    expect(page.get_by_test_id("vacancy-card")).to_have_count(1)
    page.get_by_test_id("vacancy-card").click()
    page.get_by_role("link", name="Masuk untuk mendaftar").click()
    _sign_in(page, "rina@example.id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Operator Mesin Injeksi Plastik")
    page.get_by_label("Catatan singkat untuk perusahaan (opsional)").fill("Siap kerja shift")
    page.get_by_test_id("apply").click()
    expect(page.get_by_test_id("application-status")).to_have_text("Mendaftar")

    # The officer sees her at the top of the ranked list, shortlists and hires her.
    hr.goto(f"/penempatan/perusahaan/lowongan/{vacancy.pk}/")
    expect(hr.get_by_test_id("applicant-name").first).to_have_text("Rina Marlina")
    expect(hr.get_by_test_id("fit-reasons").first).to_contain_text("warga lokal")
    hr.get_by_test_id("applicant").first.click()
    hr.get_by_label("Keputusan").select_option("shortlisted")
    hr.get_by_test_id("decide").click()
    expect(hr.get_by_test_id("application-status")).to_have_text("Lolos seleksi awal")
    hr.get_by_label("Keputusan").select_option("hired")
    hr.get_by_label("Tanggal mulai kerja (bila diterima)").fill(timezone.localdate().isoformat())
    hr.get_by_label("Upah per bulan (Rp, bila diterima)").fill("6200000")
    hr.get_by_test_id("decide").click()
    expect(hr.get_by_test_id("application-status")).to_have_text("Diterima bekerja")
    hr_context.close()
    placement = Placement.objects.get(application=Application.objects.get())

    # Disnaker verifies the placement; the seeker's AK/1 card is closed as hired.
    _admin_action(staff, "/admin/placements/placement/", placement.pk, "verify")
    expect(staff.locator(".messagelist")).to_contain_text("1")
    staff_context.close()
    card.refresh_from_db()
    assert card.status == AK1Card.Status.CLOSED
    page.goto("/penempatan/saya/pekerjaan/")
    expect(page.get_by_test_id("placement-status")).to_have_text("Terverifikasi")


def test_a_partner_institution_reports_its_graduates_placement_and_it_counts_in_its_rate(
    browser, live_server, phone_page, tmp_path
):
    provider = ProviderFactory(name="LPK Mitra Karya Cikarang", short_name="LPK Mitra Karya")
    clerk = UserFactory(email="mitra@example.id", full_name="Dewi Lestari", role=Role.PARTNER)
    ProviderStaff.objects.create(user=clerk, provider=provider)
    UserFactory(email="staf@disnaker.example.id", full_name="Siti Rahmawati", is_staff=True, role=Role.DISNAKER)
    EmployerFactory(name="PT Sinar Otomotif")
    today = timezone.localdate()
    batch = BatchFactory(
        program__provider=provider,
        program__title="Pengelasan SMAW 3G",
        status="finished",
        start_date=today - timedelta(days=45),
        end_date=today - timedelta(days=15),
        registration_opens=today - timedelta(days=70),
        registration_closes=today - timedelta(days=46),
    )
    graduate = CompleteJobSeekerFactory(full_name="Budi Santoso")
    Enrolment.objects.create(
        batch=batch,
        seeker=graduate,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now() - timedelta(days=15),
    )

    page = phone_page
    page.goto("/penempatan/mitra/")
    _sign_in(page, "mitra@example.id")
    expect(page.get_by_test_id("graduates")).to_have_text("1")
    expect(page.get_by_test_id("placement-rate")).to_have_text("0%")
    page.get_by_label("Lulusan dan pelatihannya").select_option(label="Budi Santoso – Pengelasan SMAW 3G")
    page.get_by_label("Perusahaan (bila terdaftar)").select_option(label="PT Sinar Otomotif")
    page.locator("#id_position").fill("Juru Las")
    page.get_by_label("Jenis kontrak").select_option("pkwt")
    page.get_by_label("Cara mendapat pekerjaan").select_option("institution")
    page.locator("#id_start_date").fill(today.isoformat())
    page.get_by_label("Upah per bulan (Rp)").fill("6100000")
    page.get_by_label("Surat keterangan kerja atau kontrak (PDF atau foto)").set_input_files(_pdf(tmp_path))
    page.get_by_test_id("report-placement").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("Menunggu verifikasi")
    placement = Placement.objects.get()
    assert placement.provider == provider and placement.evidence_content_type == "application/pdf"

    # Disnaker verifies it; from then on it counts in the institution's placement rate.
    staff_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    staff = staff_context.new_page()
    staff.goto("/akun/masuk/?next=/admin/")
    _sign_in(staff, "staf@disnaker.example.id")
    _admin_action(staff, "/admin/placements/placement/", placement.pk, "verify")
    expect(staff.locator(".messagelist")).to_contain_text("1")
    staff_context.close()

    page.reload()
    expect(page.get_by_test_id("placed")).to_have_text("1")
    expect(page.get_by_test_id("placement-rate")).to_have_text("100%")
    expect(page.get_by_test_id("placement-status")).to_have_text("Terverifikasi")
