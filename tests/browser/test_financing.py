"""A training loan from the public simulator to the seeker's schedule, across four people."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from financing.models import Application, BankStaff, PartnerBank, Product
from seekers.tests.factories import CompleteJobSeekerFactory, jpeg_bytes
from trainings.models import Enrolment
from trainings.tests.factories import BatchFactory, ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, identifier):
    page.get_by_label(re.compile("Email|nomor HP", re.I)).fill(identifier)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _as(browser, live_server, email, path):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(path)
    _sign_in(page, email)
    return context, page


@pytest.fixture
def loan_setup(db):
    bank = PartnerBank.objects.create(
        name="Bank BJB Cabang Cikarang", short_name="BJB", contact_phone="021-89901234",
        four_eyes_above=Decimal(5_000_000),
    )  # fmt: skip
    Product.objects.create(
        bank=bank, name="KUR Pelatihan Kerja", method=Product.Method.FLAT, annual_rate=Decimal("6.00"),
        min_amount=Decimal(1_000_000), max_amount=Decimal(25_000_000), min_tenor=3, max_tenor=24,
        required_documents=["ktp", "kk", "income_or_guarantor"], riplay_costs="Bunga 6% per tahun, flat.",
        riplay_risks="Telat bayar: denda dan catatan SLIK.", riplay_obligations="Bayar tiap bulan.",
        is_published=True,
    )  # fmt: skip
    officer = UserFactory(email="petugas@bjb.example.id", full_name="Agus Setiawan", role=Role.BANK)
    supervisor = UserFactory(email="penyelia@bjb.example.id", full_name="Yuni Kartika", role=Role.BANK_SUPERVISOR)
    for user in (officer, supervisor):
        BankStaff.objects.create(user=user, bank=bank)
    UserFactory(email="staf@disnaker.example.id", full_name="Siti Rahmawati", is_staff=True, role=Role.DISNAKER)
    seeker = CompleteJobSeekerFactory(user__email="rina@example.id", full_name="Rina Marlina")
    batch = BatchFactory(program=ProgramFactory(title="Operator Forklift", fee=Decimal(7_500_000)), seats_taken=1)
    Enrolment.objects.create(batch=batch, seeker=seeker, status=Enrolment.Status.ACCEPTED, local_resident=True)
    return bank


def test_a_seeker_simulates_applies_and_after_verification_approval_and_disbursement_sees_the_schedule(
    browser, live_server, phone_page, loan_setup, tmp_path
):
    page = phone_page
    # Anyone simulates on a phone, without logging in.
    page.goto("/pembiayaan/simulasi/")
    page.get_by_label("Jumlah (Rp)").fill("Rp 7.000.000")
    page.get_by_label("Tenor (bulan)").fill("12")
    page.get_by_test_id("simulate").click()
    expect(page.get_by_test_id("instalment")).to_have_text("Rp 618.333")
    expect(page.get_by_test_id("total-repaid")).to_have_text("Rp 7.420.000")
    expect(page.get_by_test_id("schedule-row")).to_have_count(12)
    _no_sideways_scroll(page)

    # She applies with those terms.
    page.get_by_test_id("apply-from-simulation").click()
    _sign_in(page, "rina@example.id")
    expect(page.get_by_label("Jumlah (Rp)")).to_have_value("7000000")
    page.get_by_test_id("create-draft").click()
    expect(page.get_by_test_id("loan-status")).to_have_text("Draf")
    photo = tmp_path / "dokumen.jpg"
    photo.write_bytes(jpeg_bytes())
    for kind in ("ktp", "kk", "income"):
        page.get_by_test_id(f"file-{kind}").set_input_files(str(photo))
        page.get_by_test_id(f"upload-{kind}").click()
        expect(page.get_by_test_id(f"uploaded-{kind}")).to_be_visible()
    page.get_by_test_id("consent").check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("loan-status")).to_have_text("Diajukan, menunggu Disnaker")
    reference = Application.objects.get().reference

    # Disnaker verifies and sends the file to the bank.
    context, staff = _as(browser, live_server, "staf@disnaker.example.id", "/pembiayaan/staf/")
    staff.get_by_test_id("staff-application").click()
    staff.get_by_test_id("verify-note").fill("KTP dan KK sesuai; diterima di Operator Forklift.")
    staff.get_by_test_id("verify").click()
    staff.get_by_test_id("send").click()
    expect(staff.get_by_test_id("loan-status")).to_have_text("Di bank")
    context.close()

    # A bank officer approves; above Rp 5.000.000 it waits for a supervisor.
    context, bank = _as(browser, live_server, "petugas@bjb.example.id", "/pembiayaan/bank/")
    bank.get_by_test_id("bank-application").click()
    expect(bank.get_by_test_id("verified")).to_contain_text("KTP dan KK sesuai")
    bank.get_by_test_id("decision-approve").check()
    bank.get_by_test_id("decide").click()
    expect(bank.get_by_test_id("loan-status")).to_have_text("Keputusan menunggu penyelia")
    context.close()

    context, boss = _as(browser, live_server, "penyelia@bjb.example.id", "/pembiayaan/bank/")
    boss.get_by_test_id("bank-application").click()
    boss.get_by_test_id("confirm-yes").check()
    boss.get_by_test_id("confirm").click()
    expect(boss.get_by_test_id("loan-status")).to_have_text("Penawaran dibuat")
    context.close()

    # The seeker reads the offer and accepts it.
    page.reload()
    expect(page.get_by_test_id("offer-amount")).to_have_text("Rp 7.000.000")
    expect(page.get_by_test_id("riplay")).to_contain_text("catatan SLIK")
    page.get_by_test_id("offer-accept").click()
    expect(page.get_by_test_id("loan-status")).to_have_text("Penawaran diterima, menunggu pencairan")

    # The officer records the disbursement to the institution.
    context, bank = _as(browser, live_server, "petugas@bjb.example.id", "/pembiayaan/bank/")
    bank.get_by_test_id("bank-application").click()
    bank.get_by_test_id("bank-reference").fill("BJB-2026-0042")
    bank.get_by_test_id("disburse").click()
    expect(bank.get_by_test_id("loan-status")).to_have_text("Dicairkan")
    context.close()

    # The seeker sees her schedule and the next due date.
    page.reload()
    expect(page.get_by_test_id("loan-status")).to_have_text("Dicairkan")
    expect(page.get_by_test_id("schedule-row")).to_have_count(12)
    expect(page.get_by_test_id("next-due-amount")).to_have_text("Rp 618.333")
    loan = Application.objects.get(reference=reference)
    first = loan.instalments.order_by("number").first()
    expect(page.get_by_test_id("next-due-date")).to_have_text(
        re.compile(rf"^{first.due_date.day} \w+ {first.due_date.year}$")
    )
    _no_sideways_scroll(page)


def test_the_simulator_works_without_javascript_on_a_small_phone(browser, live_server, loan_setup):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/pembiayaan/simulasi/")
    page.get_by_label("Jumlah (Rp)").fill("7.000.001")
    page.get_by_label("Tenor (bulan)").fill("7")
    page.get_by_test_id("simulate").click()
    expect(page.get_by_test_id("total-repaid")).to_be_visible()
    expect(page.get_by_test_id("schedule-row")).to_have_count(7)
    _no_sideways_scroll(page)
    # The largest amount and longest tenor: the schedule still fits the phone's width.
    page.get_by_label("Jumlah (Rp)").fill("Rp 25.000.000")
    page.get_by_label("Tenor (bulan)").fill("24")
    page.get_by_test_id("simulate").click()
    expect(page.get_by_test_id("schedule-row")).to_have_count(24)
    table = page.locator(".table-responsive").first
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    page.get_by_label("Jumlah (Rp)").fill("Rp 0")
    page.get_by_test_id("simulate").click()
    expect(page.get_by_test_id("error-amount")).to_be_visible()
    context.close()
