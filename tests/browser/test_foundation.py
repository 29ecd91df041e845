import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_menu(page):
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        # "show" comes once Bootstrap's collapse animation has ended: clicking a link while the
        # menu still grows can hit what lies under the clipped menu.
        expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))


def test_a_visitor_switches_language_logs_in_and_sees_their_roles_menu(phone_page):
    UserFactory(email="mitra@example.id", full_name="Dewi Lestari", role=Role.PARTNER)
    page = phone_page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kerja dan pelatihan")

    page.get_by_test_id("lang-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Work and training")

    _open_menu(page)
    page.get_by_test_id("nav-login").click()
    page.get_by_label("Email or mobile number").fill("MITRA@example.id")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()

    expect(page).to_have_url(re.compile(r"/pelatihan/mitra/$"))
    _open_menu(page)
    expect(page.get_by_test_id("nav-partner")).to_be_visible()
    expect(page.get_by_test_id("nav-user")).to_have_text("Dewi")
    expect(page.get_by_test_id("nav-bank")).to_have_count(0)
    expect(page.get_by_test_id("nav-seeker")).to_have_count(0)
