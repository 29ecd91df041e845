"""The Japan programme from registration to re-placement at home, clicked through as people do."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from overseas.models import Candidacy, ReturnRecord
from overseas.tests.factories import IntakeFactory, open_vacancy
from placements.models import Placement
from seekers.tests.factories import CompleteJobSeekerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, identifier):
    page.locator("input[name=username]").fill(identifier)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()


def test_a_seeker_is_selected_departs_returns_and_is_re_placed_at_home(browser, live_server, phone_page):
    today = timezone.localdate()
    IntakeFactory(
        name="IM Japan 2026 gelombang II",
        registration_opens=today - datetime.timedelta(days=3),
        registration_closes=today + datetime.timedelta(days=30),
        reference_date=today + datetime.timedelta(days=40),
        min_age_men=18,
        max_age_men=40,
    )
    CompleteJobSeekerFactory(
        user__email="rudi@example.id", full_name="Rudi Hartono", birth_date=datetime.date(2001, 3, 3)
    )
    UserFactory(email="staf@example.id", full_name="Siti Rahmawati", is_staff=True, role=Role.DISNAKER)
    departure = today + datetime.timedelta(days=30)

    # The seeker finds the intake and registers.
    page = phone_page
    page.goto("/magang-jepang/")
    page.get_by_role("link", name="IM Japan 2026 gelombang II").click()
    page.locator("a[href*='/akun/masuk/']").last.click()
    _sign_in(page, "rudi@example.id")
    page.locator("input[name=height_cm]").fill("168")
    page.locator("input[name=weight_kg]").fill("60")
    page.locator("input[name=confirm]").check()
    page.get_by_test_id("apply").click()
    expect(page).to_have_url(re.compile(r"/magang-jepang/saya/$"))
    expect(page.get_by_test_id("stage")).to_have_count(8)
    candidacy = Candidacy.objects.get(seeker__full_name="Rudi Hartono")

    # Disnaker records every stage in order, then the departure.
    staff_context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    staff = staff_context.new_page()
    staff.goto(f"/magang-jepang/staf/kandidat/{candidacy.pk}/")
    _sign_in(staff, "staf@example.id")
    for done in range(1, 9):
        staff.locator("select[name=stage-result]").select_option("passed")
        staff.locator("input[name=stage-score]").fill(str(70 + done))
        staff.get_by_test_id("stage-submit").click()
        expect(staff.get_by_role("alert").first).to_be_visible()
    expect(staff.get_by_test_id("stage-form")).to_have_count(0)
    staff.locator("input[name=deployment-host_company]").fill("Toyota Boshoku Tohoku")
    staff.locator("select[name=deployment-prefecture]").select_option("iwate")
    staff.locator("input[name=deployment-job_field]").fill("Pengelasan")
    staff.locator("input[name=deployment-departure_date]").fill(departure.isoformat())
    staff.locator("input[name=deployment-emergency_contact_name]").fill("Sri Hartono")
    staff.locator("input[name=deployment-emergency_contact_phone]").fill("081298765432")
    staff.get_by_test_id("deployment-submit").click()
    expect(staff.get_by_test_id("contract-end")).to_be_visible()

    # The seeker sees every stage passed and the departure date, on the page and the dashboard.
    page.reload()
    expect(page.locator("[data-testid=stage] .text-bg-success")).to_have_count(8)
    expect(page.get_by_test_id("departure-date")).to_be_visible()
    page.goto("/pencari-kerja/")
    expect(page.get_by_test_id("overseas-departure")).to_contain_text(str(departure.year))
    expect(page.get_by_test_id("overseas-departure")).to_contain_text("Toyota Boshoku Tohoku")

    # Three years later he is back; Disnaker records the return, and a job at a
    # Japanese-affiliated company in Bekasi.
    back = departure + datetime.timedelta(days=3 * 365 + 5)
    with time_machine.travel(datetime.datetime.combine(back, datetime.time(9, 0)).astimezone(), tick=True):
        vacancy = open_vacancy(
            employer_name="PT Yamaha Motor Manufacturing", japanese=True, closing=back + datetime.timedelta(days=60)
        )
        staff.goto(f"/magang-jepang/staf/kandidat/{candidacy.pk}/")
        _sign_in(staff, "staf@example.id")
        staff.locator("input[name=return-returned_on]").fill((back - datetime.timedelta(days=3)).isoformat())
        staff.locator("select[name=return-intention]").select_option(ReturnRecord.Intention.JAPANESE_COMPANY)
        staff.locator("select[name=return-japanese_level]").select_option("N3")
        staff.get_by_test_id("return-submit").click()
        expect(staff.get_by_test_id("return-record")).to_be_visible()

        staff.goto("/magang-jepang/staf/purna/")
        returnee = staff.get_by_test_id("returnee")
        expect(returnee).to_have_count(1)
        expect(returnee).to_contain_text("Rudi Hartono")
        expect(returnee.get_by_test_id("vacancy")).to_contain_text("PT Yamaha Motor Manufacturing")
        returnee.get_by_role("link", name=re.compile("Rudi Hartono")).click()
        staff.locator("select[name=place-employer]").select_option(str(vacancy.employer_id))
        staff.locator("input[name=place-position]").fill("Leader produksi")
        staff.locator("select[name=place-contract_type]").select_option("pkwt")
        staff.locator("input[name=place-start_date]").fill((back + datetime.timedelta(days=14)).isoformat())
        staff.get_by_test_id("place-submit").click()
        expect(staff.get_by_test_id("linked-placement")).to_contain_text("Leader produksi")
        staff.goto("/magang-jepang/staf/purna/")
        expect(staff.get_by_test_id("replaced")).to_have_count(1)
    staff_context.close()

    placement = Placement.objects.get(seeker=candidacy.seeker)
    assert ReturnRecord.objects.get(candidacy=candidacy).placement == placement
    assert placement.channel == Placement.Channel.RETURN_JAPAN
