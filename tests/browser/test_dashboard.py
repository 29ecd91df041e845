import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from core.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TKP3D_LOGIN = "tkp3d@demo.bekasikab.go.id"


def test_the_demo_tkp3d_member_reads_the_dashboard_filters_by_year_and_map_and_downloads_excel(phone_page):
    call_command("seed_demo")
    cache.clear()
    year = timezone.localdate().year
    page = phone_page
    page.goto("/akun/masuk/")
    page.get_by_label(re.compile("Email|nomor HP", re.I)).fill(TKP3D_LOGIN)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()

    # Lands on the dashboard: indicators, the map, the charts, each with its numbers.
    expect(page).to_have_url(re.compile(r"/dasbor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor TKP3D")
    registered = page.get_by_test_id("kpi-seekers_registered")
    expect(registered).to_contain_text("Pencari kerja terdaftar")
    expect(registered.get_by_test_id("kpi-value")).to_have_text(re.compile(r"^(\d[\d.]*|<5|×)$"))
    expect(page.get_by_test_id("dash-map").locator("svg path")).to_have_count(23)
    expect(page.get_by_role("img", name=re.compile("Peta: Pencari kerja terdaftar"))).to_be_visible()
    expect(page.get_by_test_id("funnel-table").locator("tbody tr")).to_have_count(5)  # to placement
    expect(page.get_by_test_id("breakdown-gender").locator("svg")).to_be_visible()

    # Another year: the URL says so, and can be shared.
    page.get_by_label("Tahun", exact=True).select_option(str(year - 1))
    page.get_by_test_id("dash-apply").click()
    expect(page).to_have_url(re.compile(rf"year={year - 1}"))
    expect(page.get_by_test_id("dash-scope")).to_contain_text(f"Sepanjang tahun {year - 1}")

    # A kecamatan on the map filters the dashboard.
    page.locator("a[data-testid=map-kecamatan][href*='kecamatan=32.16.09']").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"kecamatan=32\.16\.09"))
    expect(page.get_by_test_id("dash-scope")).to_contain_text("Cikarang Utara")
    expect(page.locator("path[data-kecamatan='32.16.09']")).to_have_attribute("stroke", "#d63384")
    page.locator("a[data-testid=map-kecamatan][href*='kecamatan=32.16.20']").click()
    expect(page).to_have_url(re.compile(r"kecamatan=32\.16\.20"))
    expect(page.get_by_test_id("dash-scope")).to_contain_text("Cikarang Pusat")

    # The Excel export of what is on screen.
    with page.expect_download() as download_info:
        page.get_by_test_id("dash-export-xlsx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()), read_only=True)  # noqa: SIM115
    assert "Kecamatan" in book.sheetnames
    cover = {row[0]: row[-1] for row in book["Filter"].iter_rows(values_only=True)}
    assert cover["Kecamatan"] == "Cikarang Pusat" and cover["Periode"] == f"Sepanjang tahun {year - 1}"

    # No admin page and no personal data for a TKP3D member.
    for url in ("/admin/", "/admin/seekers/jobseeker/", "/admin/trainings/enrolment/", "/pelatihan/mitra/"):
        assert page.goto(url).status == 403, url
