"""The pages: the public simulator, the seeker's, the bank's, Disnaker's and the partner's; who
sees what, and how many queries each list costs."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from core.formatting import rupiah
from core.models import AuditLog
from financing.models import Application, Instalment
from financing.tests.factories import ApplicationFactory, ProductFactory, days_ago, jpeg_upload
from trainings.tests.factories import ProviderStaffFactory

S = Application.Status


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- The simulator ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_anyone_simulates_a_loan_without_logging_in(client, product):
    response = client.get(
        reverse("financing:simulator"), {"product": product.pk, "amount": "Rp 12.000.000", "tenor": "12"}
    )
    schedule = response.context["schedule"]
    assert schedule.instalment == Decimal(1_060_000) and schedule.total_repaid == Decimal(12_720_000)
    html = _text(response)
    assert "Rp 1.060.000" in html and "Rp 12.720.000" in html and "10,90%" in html
    assert html.count('data-testid="schedule-row"') == 12


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "tenor", "field", "message"),
    [
        ("0", "12", "amount", "lebih dari nol"),
        ("-5000000", "12", "amount", "lebih dari nol"),
        ("lima juta", "12", "amount", "angka"),
        ("Rp 50.000.001", "12", "amount", "terbesar"),
        ("Rp 100.000", "12", "amount", "terkecil"),
        ("5000000,50", "12", "amount", "sen"),
        ("5000000", "37", "tenor", "antara 3 dan 36"),
        ("5000000", "2", "tenor", "antara 3 dan 36"),
        ("5000000", "dua belas", "tenor", "bulan"),
    ],
)
def test_bad_amounts_and_tenors_are_refused_with_a_clear_message(client, product, amount, tenor, field, message):
    response = client.get(reverse("financing:simulator"), {"product": product.pk, "amount": amount, "tenor": tenor})
    assert response.status_code == 200 and response.context["schedule"] is None
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors.lower() or message in errors


@pytest.mark.django_db
def test_indonesian_notation_is_parsed_to_the_exact_rupiah(client, product):
    response = client.get(
        reverse("financing:simulator"), {"product": product.pk, "amount": "Rp 7.000.001", "tenor": "7"}
    )
    assert response.context["schedule"].principal == Decimal(7_000_001)


@pytest.mark.django_db
def test_the_simulator_reads_the_products_once_and_shows_a_change_at_once(client, product, django_assert_num_queries):
    ProductFactory(bank=product.bank)
    url, params = reverse("financing:simulator"), {"product": product.pk, "amount": "5000000", "tenor": "6"}
    # the published products with their banks, then kept in the shared cache
    with django_assert_num_queries(1):
        client.get(url, params)
    with django_assert_num_queries(0):
        assert product.name in client.get(url, params).content.decode()
    product.name, product.annual_rate = "Kredit Kursus Ringan", Decimal("4.5")
    product.save()
    response = client.get(url, params)
    assert "Kredit Kursus Ringan" in response.content.decode()
    assert response.context["schedule"].annual_rate == Decimal("4.5")
    product.is_published = False
    product.save()
    assert "Kredit Kursus Ringan" not in client.get(url).content.decode()


def test_the_schedule_rows_show_paid_overdue_and_the_next_due_instalment():
    from types import SimpleNamespace

    from financing.templatetags.loans import schedule_rows

    def row(number, day, paid):
        return SimpleNamespace(
            pk=number, number=number, due_date=datetime.date(2026, day, 5), principal=Decimal(1_000_000),
            interest=Decimal("50000.5"), amount=Decimal(1_050_001), balance=Decimal(-2_000_000), is_paid=paid,
        )  # fmt: skip

    rows = [row(1, 1, True), row(2, 2, False), row(3, 3, False)]
    html = str(schedule_rows(rows, True, rows[1], datetime.date(2026, 2, 20)))
    assert html.count('data-testid="schedule-row"') == 3 and html.count('class="table-warning"') == 1
    assert '<tr data-testid="schedule-row" class="table-warning"><td>2</td><td class="text-nowrap">05-02-26' in html
    assert '<td class="text-end text-nowrap">50.001</td>' in html and "-2.000.000" in html
    assert [html.count(s) for s in ("text-bg-success", "text-bg-danger", "text-bg-light")] == [1, 1, 1]
    assert "paid-state" not in str(schedule_rows(rows))  # the simulator's table: no state column


# --- The seeker's pages --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_seeker_applies_uploads_and_submits_through_the_pages(client, borrower, product):
    client.force_login(borrower.user)
    response = client.post(
        reverse("financing:apply", args=[product.pk]),
        {"enrolment": borrower.enrolment.pk, "amount": "Rp 6.000.000", "tenor": "12"},
    )
    application = Application.objects.get()
    assert response.url == application.get_absolute_url() and application.amount_requested == Decimal(6_000_000)
    for kind in ("ktp", "kk", "guarantor"):
        client.post(reverse("financing:my_document", args=[application.pk]), {"kind": kind, "file": jpeg_upload()})
    response = client.post(reverse("financing:my_submit", args=[application.pk]), {})
    application.refresh_from_db()
    assert application.status == S.DRAFT  # no consent, nothing submitted
    client.post(reverse("financing:my_submit", args=[application.pk]), {"consent": "on"})
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


@pytest.mark.django_db
def test_another_seekers_application_and_documents_are_404(client, borrower, product, other_seeker):
    application = ApplicationFactory(seeker=borrower, enrolment=borrower.enrolment, product=product, status=S.DRAFT)
    from financing import services

    document = services.document_store(application=application, kind="ktp", upload=jpeg_upload(), actor=borrower.user)
    client.force_login(other_seeker)
    assert client.get(reverse("financing:my_application", args=[application.pk])).status_code == 404
    assert client.post(reverse("financing:my_withdraw", args=[application.pk])).status_code == 404
    assert client.get(reverse("financing:document", args=[application.pk, document.pk])).status_code == 404
    client.force_login(borrower.user)
    assert client.get(reverse("financing:document", args=[application.pk, document.pk])).status_code == 200


def _loan(borrower, product):
    application = ApplicationFactory(
        seeker=borrower, enrolment=borrower.enrolment, product=product, status=S.DISBURSED,
        approved_amount=Decimal(6_000_000), approved_rate=Decimal(6), approved_tenor=6,
        disbursed_on=days_ago(40), disbursed_amount=Decimal(6_000_000), outstanding=Decimal(6_000_000),
        bank_reference="TRX",
    )  # fmt: skip
    for n in range(1, 7):
        Instalment.objects.create(
            application=application, number=n, due_date=days_ago(40 - 30 * n), principal=Decimal(1_000_000),
            interest=Decimal(30_000), amount=Decimal(1_030_000), balance_after=Decimal(6_000_000 - n * 1_000_000),
            paid_amount=Decimal(1_030_000) if n == 1 else Decimal(0),
        )  # fmt: skip
    return application


@pytest.mark.django_db
def test_the_seeker_sees_the_schedule_paid_rows_and_the_next_due_date(client, borrower, product):
    application = _loan(borrower, product)
    client.force_login(borrower.user)
    response = client.get(reverse("financing:my_application", args=[application.pk]))
    assert response.context["next_due"].number == 2
    html = _text(response)
    assert html.count('data-testid="schedule-row"') == 6
    assert "lunas" in html or "paid" in html
    assert "021-8900000" in html  # the bank's contact


@pytest.mark.django_db
def test_the_seeker_pages_take_a_fixed_number_of_queries(client, borrower, product, django_assert_num_queries):
    application = _loan(borrower, product)
    client.force_login(borrower.user)
    # session, user, the seeker's profile, page count, role groups (navbar), unread badge, page rows
    # (with product, bank and course joined)
    with django_assert_num_queries(7):
        client.get(reverse("financing:my_applications"))
    # session, user, the person's profile id (seekers.sections.seeker_id_of), the application with
    # product, bank, seeker and course, its instalments (a disbursed loan's page lists no
    # documents); the role groups and the unread badge are cached since the first page
    # (accounts.models.User.roles, notifications.selectors.unread_count)
    page = reverse("financing:my_application", args=[application.pk])
    with django_assert_num_queries(5):
        client.get(page)
    # Again: the page's content comes from the shared cache (views.my_application): session and
    # user only
    with django_assert_num_queries(2):
        html = client.get(page).content.decode()
    assert application.reference in html


# --- The bank's pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_bank_queue_takes_a_fixed_number_of_queries(
    client, officer, product, other_bank, django_assert_num_queries
):
    mine = ApplicationFactory.create_batch(5, product=product, status=S.SENT)
    ApplicationFactory.create_batch(3, product=ProductFactory(bank=other_bank), status=S.SENT)
    client.force_login(officer)
    # session, user, the user's own and group permissions (2), page count, the page's ids (ids
    # first: an index scan), the page's rows (with seeker, product and course joined), the
    # officer's bank, role groups (navbar), unread badge
    with django_assert_num_queries(10):
        response = client.get(reverse("financing:bank_home"))
    # Only the officer's bank's applications, oldest first.
    assert [a.pk for a in response.context["page"].object_list] == [a.pk for a in mine]
    assert response.context["page"].paginator.count == 5
    ApplicationFactory.create_batch(5, product=product, status=S.SENT)
    # the same, but the roles, the unread badge, the permissions (accounts/permissions_cache.py)
    # and the officer's bank (financing.models.bank_of) cached since the first page
    with django_assert_num_queries(5):
        client.get(reverse("financing:bank_home"))


@pytest.mark.django_db
def test_a_row_of_the_bank_queue_shows_the_file_and_links_to_it(client, officer, product):
    """The rows are written by financing/templatetags/bank_lists.py, not the template."""
    application = ApplicationFactory(product=product, status=S.SENT)
    client.force_login(officer)
    html = client.get(reverse("financing:bank_home")).content.decode()
    url = reverse("financing:bank_application", args=[application.pk])
    assert f'href="{url}" data-testid="bank-application"' in html
    assert f"{application.reference} · {escape(application.seeker.full_name)}" in html
    assert f'data-testid="loan-status">{application.status_label}</span>' in html
    assert f"{escape(product.name)} · {rupiah(application.principal)} · " in html
    assert f"{application.tenor} bulan" in html


@pytest.mark.django_db
def test_a_bank_officer_of_another_bank_gets_404_everywhere(client, product, other_officer, officer, other_bank):
    application = ApplicationFactory(product=product, status=S.SENT)
    mine = ApplicationFactory(product=ProductFactory(bank=other_bank), status=S.SENT)
    client.force_login(other_officer)
    for name in ("bank_application",):
        assert client.get(reverse(f"financing:{name}", args=[application.pk])).status_code == 404
    for name, data in (
        ("bank_decide", {"decision": "reject", "reason": "x"}),
        ("bank_decide", {"decision": "nonsense"}),
        ("bank_confirm", {"confirm": "yes"}),
        ("bank_disburse", {"on": "2026-01-01", "amount": "1", "bank_reference": "x"}),
        ("bank_write_off", {"reason": "x"}),
    ):
        assert client.post(reverse(f"financing:{name}", args=[application.pk]), data).status_code == 404
    # The list, its status filter and the export show only its own bank's applications.
    listed = client.get(reverse("financing:bank_home"), {"status": "sent"}).context["page"].object_list
    assert [row.pk for row in listed] == [mine.pk]
    export = b"".join(client.get(reverse("financing:bank_export")).streaming_content).decode()
    assert mine.reference in export and application.reference not in export
    application.refresh_from_db()
    assert application.status == S.SENT


@pytest.mark.django_db
def test_a_repayment_file_with_another_banks_loan_is_refused_as_unknown(client, product, other_officer, borrower):
    loan = _loan(borrower, product)
    client.force_login(other_officer)
    data = (
        "loan_reference,payment_date,amount_paid,outstanding_balance,days_past_due\n"
        f"{loan.reference},{days_ago(1).isoformat()},1000000,0,0\n"
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("financing:bank_repayments"), {"file": SimpleUploadedFile("a.csv", data)})
    assert [e.column for e in response.context["line_errors"]] == ["loan_reference"]
    loan.refresh_from_db()
    assert loan.status == S.DISBURSED and not loan.repayments.exists()


@pytest.mark.django_db
def test_the_bank_does_not_see_applications_before_disnaker_sends_them(client, officer, product):
    application = ApplicationFactory(product=product, status=S.SUBMITTED)
    client.force_login(officer)
    assert client.get(reverse("financing:bank_application", args=[application.pk])).status_code == 404


@pytest.mark.django_db
def test_seekers_and_partners_cannot_open_bank_pages(client, seeker, partner_staff):
    for user in (seeker, partner_staff):
        client.force_login(user)
        assert client.get(reverse("financing:bank_home")).status_code == 403


# --- Disnaker and partners -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_staff_export_is_formula_safe_and_masks_niks(client, disnaker_staff, product):
    application = ApplicationFactory(product=product, status=S.SUBMITTED)
    seeker = application.seeker
    seeker.full_name = '=HYPERLINK("http://evil")'
    seeker.save()
    client.force_login(disnaker_staff)
    content = b"".join(client.get(reverse("financing:staff_export")).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[1][5].startswith("'=HYPERLINK")
    # Disnaker may see full NIKs: the export says who took them.
    assert rows[1][4] == seeker.nik
    assert AuditLog.objects.filter(actor=disnaker_staff, action="exported_loans_full_nik").count() == 1


@pytest.mark.django_db
def test_the_bank_export_masks_niks(client, officer, product):
    application = ApplicationFactory(product=product, status=S.SENT)
    client.force_login(officer)
    content = b"".join(client.get(reverse("financing:bank_export")).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[1][0] == application.reference and rows[1][4] == application.seeker.masked_nik


@pytest.mark.django_db
def test_the_portfolio_groups_by_each_dimension(client, disnaker_staff, product, borrower):
    _loan(borrower, product)
    ApplicationFactory(product=product, status=S.SUBMITTED)
    client.force_login(disnaker_staff)
    for by in ("bank", "product", "institution", "programme", "status"):
        rows = client.get(reverse("financing:staff_portfolio"), {"by": by}).context["rows"]
        assert sum(r["count"] for r in rows) == 2
        assert sum(r["disbursed"] for r in rows) == Decimal(6_000_000)


@pytest.mark.django_db
def test_a_partner_institution_sees_only_that_the_bank_paid_the_fee_and_when(client, partner_staff, borrower, product):
    loan = _loan(borrower, product)
    ProviderStaffFactory(user=partner_staff, provider=loan.enrolment.batch.program.provider)
    other = ApplicationFactory(product=product, status=S.DISBURSED, disbursed_on=days_ago(3), disbursed_amount=1)
    client.force_login(partner_staff)
    response = client.get(reverse("financing:partner_fees"))
    rows = list(response.context["page"].object_list)
    assert rows == [
        {
            "enrolment__seeker__full_name": borrower.full_name,
            "enrolment__batch__program__title": loan.enrolment.batch.program.title,
            "enrolment__batch__name": loan.enrolment.batch.name,
            "bank__name": product.bank.name,
            "disbursed_on": loan.disbursed_on,
        }
    ]
    html = _text(response)
    assert "6.000.000" not in html and loan.reference not in html and other.seeker.full_name not in html
    # And no other financing page opens for them.
    assert client.get(reverse("financing:staff_queue")).status_code == 403
    assert client.get(reverse("financing:my_application", args=[loan.pk])).status_code == 404


# --- A bank decision made on a page that is out of date -------------------------------------------


def test_a_supervisor_confirming_a_decision_that_was_replaced_meanwhile_is_asked_first(
    client, borrower, product, officer, supervisor, django_assert_num_queries
):
    from django.test import Client

    from accounts.roles import Role
    from accounts.tests.factories import UserFactory
    from financing import services
    from financing.tests.factories import BankStaffFactory

    bank = product.bank
    bank.four_eyes_above = Decimal(1_000_000)
    bank.save()
    application = ApplicationFactory(
        product=product, seeker=borrower, enrolment=borrower.enrolment, status=S.SENT,
        amount_requested=Decimal(5_000_000),
    )  # fmt: skip
    proposed = services.application_decide(
        application=application, decision="approve", amount=Decimal(5_000_000), rate=Decimal(6), tenor=12,
        actor=officer,
    )  # fmt: skip
    second = UserFactory(role=Role.BANK_SUPERVISOR)
    BankStaffFactory(user=second, bank=bank)
    other = Client()
    other.force_login(second)
    client.force_login(supervisor)
    page = reverse("financing:bank_application", args=[application.pk])
    assert f'value="{proposed.page_state}"' in client.get(page).content.decode()  # shows "approve"
    # Meanwhile the other supervisor sends it back, and the officer proposes a rejection instead.
    other.post(reverse("financing:bank_confirm", args=[application.pk]), {"confirm": "no", "reason": "Cek slip"})
    services.application_decide(
        application=Application.objects.get(pk=application.pk), decision="reject", reason="Riwayat kredit",
        actor=officer,
    )  # fmt: skip

    confirm = reverse("financing:bank_confirm", args=[application.pk])
    posted = {"confirm": "yes", f"seen_{application.pk}": proposed.page_state}
    # reads only (roles, unread badge and permissions cached): nothing is written before the answer
    with django_assert_num_queries(3):
        response = client.post(confirm, posted)

    assert response.status_code == 409
    [(name, was, now)] = response.context["stale"]
    assert name == f"{application.reference} · {borrower.full_name}" and was == S.CONFIRMING.label
    assert now.startswith(str(S.CONFIRMING.label)) and now != was  # same status, a new decision
    application.refresh_from_db()
    assert application.status == S.CONFIRMING and application.decision == "reject"  # not confirmed yet
    fields = dict(response.context["fields"])
    assert fields["confirm_stale"] == "1" and fields[f"seen_{application.pk}"] == application.page_state

    assert client.post(confirm, fields).status_code == 302  # "Yes, apply the decision"
    application.refresh_from_db()
    assert application.status == S.REJECTED and application.confirmed_by == supervisor


def test_a_bank_decision_on_a_fresh_page_is_applied_without_a_question(client, borrower, product, officer):
    application = ApplicationFactory(product=product, seeker=borrower, enrolment=borrower.enrolment, status=S.SENT)
    client.force_login(officer)
    response = client.post(
        reverse("financing:bank_decide", args=[application.pk]),
        {"decision": "reject", "reason": "Riwayat kredit", f"seen_{application.pk}": application.page_state},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.REJECTED
