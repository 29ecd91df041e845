import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from core.models import Kecamatan
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.models import Batch, Program, Provider, ProviderStaff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def blk_welding(db):
    today = timezone.localdate()
    blk = Provider.objects.create(
        name="UPTD Balai Latihan Kerja Kabupaten Bekasi",
        short_name="BLK Kabupaten Bekasi",
        kind=Provider.Kind.BLK,
        address="Cikarang Pusat",
        kecamatan=Kecamatan.objects.get(code="32.16.20"),
    )
    welding = Program.objects.create(
        provider=blk,
        title="Pengelasan SMAW 3G",
        category=Program.Category.VOCATIONAL,
        hours=240,
        local_only=True,
        min_age=18,
        max_age=35,
        is_published=True,
    )
    Program.objects.create(provider=blk, title="Teknisi AC Split", category="vocational", hours=160, is_published=True)
    Batch.objects.create(
        program=welding,
        name="Angkatan I",
        status=Batch.Status.PUBLISHED,
        start_date=today,  # registration closes and the class starts today
        end_date=today + timedelta(days=30),
        capacity=16,
        registration_opens=today - timedelta(days=7),
        registration_closes=today,
        location="Bengkel Las BLK",
    )
    return blk


def _sign_in(page, identifier):
    page.get_by_label(re.compile("Email|nomor HP", re.I)).fill(identifier)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()


def test_a_seeker_finds_a_blk_welding_batch_is_accepted_completes_and_the_certificate_verifies(
    browser, live_server, phone_page, blk_welding
):
    seeker = CompleteJobSeekerFactory(user__email="rina@example.id", full_name="Rina Marlina")
    clerk = UserFactory(email="instruktur@example.id", full_name="Hendra Gunawan", role=Role.PARTNER)
    ProviderStaff.objects.create(user=clerk, provider=blk_welding)

    # The seeker finds the batch in the catalogue and applies.
    page = phone_page
    page.goto("/pelatihan/")
    page.get_by_test_id("catalogue-search").fill("las")
    page.get_by_test_id("catalogue-submit").click()
    expect(page.get_by_test_id("program-card")).to_have_count(1)
    page.get_by_role("link", name="Pengelasan SMAW 3G").click()
    page.get_by_role("link", name="Masuk untuk mendaftar").click()
    _sign_in(page, "rina@example.id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengelasan SMAW 3G")
    page.get_by_label("Mengapa Anda ingin ikut? (opsional)").fill("Ingin bekerja sebagai juru las")
    page.get_by_test_id("apply").click()
    expect(page).to_have_url(re.compile(r"/pelatihan/saya/$"))
    expect(page.get_by_test_id("enrolment-status")).to_have_text("Mendaftar")

    # A clerk of the BLK accepts her, starts the batch and records her completion.
    staff_context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    staff = staff_context.new_page()
    staff.goto("/pelatihan/mitra/")
    _sign_in(staff, "instruktur@example.id")
    staff.get_by_test_id("partner-batch").click()
    staff.get_by_label("Rina Marlina").check()
    staff.get_by_test_id("decision").select_option("accept")
    staff.get_by_test_id("decide").click()
    expect(staff.get_by_role("alert").first).to_contain_text("1 pendaftar diperbarui.")
    expect(staff.get_by_test_id("seats")).to_contain_text("1 dari 16 terisi")
    staff.get_by_test_id("batch-start").click()
    staff.get_by_role("link", name="Rincian").click()
    expect(staff.get_by_test_id("enrolment-status")).to_have_text("Sedang mengikuti")
    staff.get_by_test_id("complete").click()
    expect(staff.get_by_test_id("enrolment-status")).to_have_text("Lulus")
    staff_context.close()

    # The seeker downloads her certificate from "my trainings".
    page.reload()
    expect(page.get_by_test_id("enrolment-status")).to_have_text("Lulus")
    with page.expect_download() as download_info:
        page.get_by_test_id("certificate-download").click()
    download = download_info.value
    assert re.fullmatch(r"sertifikat-3216-PLT-\d{4}-000001\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as pdf:
        text = PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text()
    assert "Rina Marlina" in text and "Pengelasan SMAW 3G" in text
    verify_url = re.search(r"http://\S+/pelatihan/sertifikat/cek/[0-9a-f-]{36}/", text.replace("\n", "")).group(0)

    # Anyone can check it, and sees only what a checker needs.
    checker_context = browser.new_context(viewport={"width": 360, "height": 740})
    checker = checker_context.new_page()
    checker.goto(verify_url)
    expect(checker.get_by_test_id("certificate-valid")).to_be_visible()
    expect(checker.get_by_test_id("certificate-holder")).to_have_text("R*** M******")
    expect(checker.get_by_test_id("certificate-number")).to_have_text(re.compile(r"3216-PLT-\d{4}-000001"))
    expect(checker.locator("main")).to_contain_text("Pengelasan SMAW 3G")
    expect(checker.locator("main")).not_to_contain_text("Rina Marlina")
    assert seeker.nik not in checker.content()
    checker_context.close()
