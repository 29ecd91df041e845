"""A job seeker on a phone: from the home page to a printable AK/1 card, verified publicly."""

import re

import pytest
from playwright.sync_api import expect

from seekers.models import AK1Card
from seekers.tests.factories import jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page):
    page.get_by_test_id("save").click()


def test_a_seeker_registers_on_a_phone_and_gets_a_verifiable_ak1_card(phone_page, tmp_path):
    page = phone_page
    page.goto("/")
    page.get_by_test_id("cta-register").click()

    page.get_by_label("Nama lengkap").fill("Siti Nurhaliza")
    page.get_by_label("Email atau nomor HP").fill("0857 1234 5678")
    page.locator("#id_password1").fill("nasi uduk di cikarang")
    page.locator("#id_password2").fill("nasi uduk di cikarang")
    page.get_by_label(re.compile("Saya setuju")).check()
    page.get_by_test_id("register-submit").click()

    expect(page).to_have_url(re.compile(r"/profil/data-diri/$"))
    page.get_by_label("NIK").fill("3216 0957 0899 0003")
    page.get_by_label("Tempat lahir").fill("Bekasi")
    page.get_by_label("Tanggal lahir").fill("1999-08-17")
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("Status perkawinan").select_option("single")
    page.get_by_label("Agama").select_option("islam")
    page.get_by_label("Alamat (jalan, RT/RW)").fill("Jl. Kenanga No. 5 RT 02/RW 03")
    page.get_by_label("Kecamatan domisili").select_option(label="Cikarang Utara")
    page.get_by_label("Desa/kelurahan").select_option(label="Karangasih")
    _save(page)

    expect(page).to_have_url(re.compile(r"/profil/pendidikan/$"))
    page.locator("#id_edu-0-level").select_option(label="SMK")
    page.locator("#id_edu-0-school").fill("SMK Negeri 1 Cikarang Utara")
    _save(page)
    expect(page).to_have_url(re.compile(r"/profil/pengalaman/$"))
    _save(page)
    expect(page).to_have_url(re.compile(r"/profil/keahlian/$"))
    page.get_by_label("Keahlian").fill("pengelasan, Microsoft Excel")
    page.locator("#id_lang-0-language").select_option("ja")
    page.locator("#id_lang-0-level").select_option("N4")
    _save(page)
    expect(page).to_have_url(re.compile(r"/profil/preferensi/$"))
    _save(page)

    expect(page).to_have_url(re.compile(r"/profil/dokumen/$"))
    photo = tmp_path / "selfie.jpg"
    photo.write_bytes(jpeg_bytes((300, 400)))
    page.get_by_label("Foto").set_input_files(str(photo))
    page.get_by_test_id("doc-photo").get_by_role("button", name="Unggah").click()
    expect(page.get_by_test_id("doc-photo").get_by_role("img")).to_be_visible()
    page.get_by_test_id("done").click()

    expect(page.get_by_test_id("profile-status")).to_contain_text("100%")
    page.get_by_test_id("get-card").click()
    page.get_by_test_id("issue-card").click()
    expect(page.get_by_test_id("card-number")).to_have_text(re.compile(r"^3216-\d{4}-\d{6}$"))
    number = page.get_by_test_id("card-number").inner_text()

    pdf_url = page.get_by_test_id("card-pdf").get_attribute("href")
    pdf = page.request.get(pdf_url)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")

    verify_url = page.get_by_test_id("card-verify-link").get_attribute("href")
    page.context.clear_cookies()  # a checker is not logged in
    page.goto(verify_url)
    expect(page.get_by_test_id("verify-result")).to_contain_text("sah")
    expect(page.get_by_test_id("verify-number")).to_have_text(number)
    expect(page.get_by_test_id("verify-name")).to_have_text("S*** N********")
    assert AK1Card.objects.get(number=number).seeker.nik == "3216095708990003"
