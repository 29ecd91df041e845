"""A person who signed up with only a mobile number resets a forgotten password by SMS code."""

import re

import pytest
from playwright.sync_api import expect

from accounts import otp
from accounts.tests.factories import UserFactory
from notifications.gateways import LocmemGateway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "kopi-tubruk-pagi-hari"


def test_a_phone_only_person_resets_the_password_through_the_sms_outbox(phone_page, celery_eager):
    UserFactory(email=None, phone="+6285712345678", full_name="Asep Saepudin", language="id")
    otp.throttle_reset(phone="+6285712345678", ip="127.0.0.1")
    LocmemGateway.outbox.clear()
    page = phone_page
    page.goto("/akun/masuk/")
    page.get_by_role("link", name=re.compile("Lupa kata sandi")).click()

    field = page.locator("#id_identifier")
    expect(field).to_have_attribute("type", "text")
    field.fill("0857-1234-5678")
    page.get_by_test_id("reset-submit").click()
    expect(page).to_have_url(re.compile(r"/akun/lupa-sandi/kode/$"))
    expect(page.locator("main")).to_contain_text("0857-1234-5678")

    [sms] = LocmemGateway.outbox
    assert sms["to"] == "+6285712345678"
    code = re.search(r"\b(\d{6})\b", sms["text"]).group(1)
    page.locator("#id_code").fill(code)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_test_id("code-submit").click()
    expect(page).to_have_url(re.compile(r"/akun/atur-sandi/selesai/$"))

    page.goto("/akun/masuk/")
    page.locator("#id_username").fill("085712345678")
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page).not_to_have_url(re.compile(r"/akun/masuk/"))
