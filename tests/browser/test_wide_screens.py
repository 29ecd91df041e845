"""At 1280 px the logged-in navbar stays on one line, and the admin's seeker list shows every
column beside the filter panel (issue 15)."""

import pytest

from accounts.tests.factories import PASSWORD, UserFactory
from seekers.tests.factories import CompleteJobSeekerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _login(page, email):
    page.goto("/akun/masuk/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state()


def test_the_logged_in_navbar_is_one_line_at_1280_px(desktop):
    CompleteJobSeekerFactory(user=UserFactory(email="rina@example.id", full_name="Rina Marlina"))
    _login(desktop, "rina@example.id")
    desktop.goto("/pelatihan/")
    tops = desktop.eval_on_selector_all(
        ".navbar .nav-link, .navbar-brand", "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    height = desktop.eval_on_selector(".navbar", "e => e.getBoundingClientRect().height")
    assert height < 90, height
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1280
    assert max(tops) - min(tops) < 20, tops


def test_the_admin_seeker_list_shows_every_column_beside_the_filters(desktop, disnaker_staff):
    CompleteJobSeekerFactory()
    disnaker_staff.email = "siti@example.id"
    disnaker_staff.save(update_fields=["email"])
    _login(desktop, "siti@example.id")
    desktop.goto("/admin/seekers/jobseeker/")
    filters = desktop.locator("#changelist-filter").bounding_box()
    headers = desktop.locator("#result_list thead th").all()
    assert len(headers) >= 7
    for header in headers:
        box = header.bounding_box()
        assert box["x"] + box["width"] <= filters["x"] + 1, header.inner_text()
