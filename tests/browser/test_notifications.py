import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory
from notifications.tests.factories import NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_menu(page):
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        # Wait for Bootstrap's collapse to finish ("collapsing" -> "show"): a click during the
        # animation lands wherever the link was a moment ago (the menu is long on a phone).
        expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))


def test_a_seeker_sees_the_unread_badge_reads_a_message_and_the_badge_goes_down(phone_page):
    seeker = UserFactory(email="rina@example.id", full_name="Rina Marlina")
    NotificationFactory(recipient=seeker, subject="Pendaftaran pelatihan diterima", link="/pelatihan/")
    NotificationFactory(recipient=seeker, subject="Kartu AK/1 Anda terbit")
    page = phone_page
    page.goto("/akun/masuk/")
    page.locator("#id_username").fill("rina@example.id")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()

    _open_menu(page)
    expect(page.get_by_test_id("nav-unread")).to_contain_text("2")
    page.get_by_test_id("nav-notifications").click()
    expect(page).to_have_url(re.compile(r"/notifikasi/$"))
    items = page.get_by_test_id("inbox-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Kartu AK/1 Anda terbit")

    items.first.get_by_test_id("mark-read").click()
    _open_menu(page)
    expect(page.get_by_test_id("nav-unread")).to_contain_text("1")

    page.get_by_role("button", name="Buka").click()  # the other one: opens its link, marks it read
    expect(page).to_have_url(re.compile(r"/pelatihan/$"))
    _open_menu(page)
    expect(page.get_by_test_id("nav-unread")).to_have_count(0)
