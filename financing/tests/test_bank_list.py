"""The bank's list: rows read as plain values (financing.selectors.BankRow) show what the application
objects would, and the officer's bank comes from the shared cache (financing.models.bank_of) but
follows every change of the staff links on the next request."""

from decimal import Decimal

import pytest
from django.urls import reverse

from financing import selectors
from financing.models import Application, BankStaff, bank_of
from financing.tests.factories import ApplicationFactory, BankStaffFactory, ProductFactory
from seekers.tests.factories import JobSeekerFactory

S = Application.Status
pytestmark = pytest.mark.django_db


def test_a_row_shows_what_the_application_shows(product):
    applications = [
        ApplicationFactory(product=product, status=S.SENT),  # requested amount and tenor
        ApplicationFactory(product=product, status=S.APPROVED, approved_amount=Decimal(4_000_000), approved_tenor=6),
        ApplicationFactory(product=product, status=S.REPAYING, approved_amount=Decimal(4_000_000), approved_tenor=9,
                           disbursed_amount=Decimal(3_500_000)),
        # not for a course of the portal
        ApplicationFactory(product=product, status=S.SENT, enrolment=None, seeker=JobSeekerFactory()),
    ]  # fmt: skip
    rows = {row.pk: row for row in selectors.bank_queue_rows([a.pk for a in applications])}
    for application in Application.objects.filter(pk__in=rows).select_related("seeker", "product"):
        row = rows[application.pk]
        enrolment = application.enrolment
        assert (row.reference, row.seeker_name, row.product_name) == (
            application.reference, application.seeker.full_name, application.product.name,
        )  # fmt: skip
        assert (row.principal, row.tenor) == (application.principal, application.tenor)
        assert (row.status_label, row.badge_class) == (application.status_label, application.badge_class)
        if enrolment is None:
            assert (row.programme, row.provider) == ("", "")
        else:
            assert (row.programme, row.provider) == (
                enrolment.batch.program.title,
                str(enrolment.batch.program.provider),
            )
    assert [rows[a.pk].principal for a in applications] == [
        Decimal(5_000_000), Decimal(4_000_000), Decimal(3_500_000), Decimal(5_000_000),
    ]  # fmt: skip


def _queue(client):
    response = client.get(reverse("financing:bank_home"))
    assert response.status_code == 200
    return [a.pk for a in response.context["page"].object_list], response.content.decode()


def test_an_officer_moved_to_another_bank_sees_that_banks_queue_on_the_next_request(
    client, officer, product, other_bank
):
    mine = ApplicationFactory(product=product, status=S.SENT)
    theirs = ApplicationFactory(product=ProductFactory(bank=other_bank), status=S.SENT)
    client.force_login(officer)
    assert _queue(client)[0] == [mine.pk]
    assert _queue(client)[0] == [mine.pk]  # the bank from the cache now
    staff = BankStaff.objects.get(user=officer)
    staff.bank = other_bank
    staff.save()
    assert _queue(client)[0] == [theirs.pk]
    assert client.get(reverse("financing:bank_application", args=[mine.pk])).status_code == 404


def test_an_unlinked_officer_sees_nothing_on_the_next_request(client, officer, product):
    application = ApplicationFactory(product=product, status=S.SENT)
    client.force_login(officer)
    assert _queue(client)[0] == [application.pk]
    BankStaff.objects.filter(user=officer).delete()  # a queryset delete: its rows' signals still go
    ids, html = _queue(client)
    assert ids == [] and 'data-testid="bank-name"' not in html
    assert client.get(reverse("financing:bank_application", args=[application.pk])).status_code == 404


def test_a_renamed_bank_shows_its_new_name(client, officer, bank):
    client.force_login(officer)
    assert bank.name in _queue(client)[1]
    bank.name = "Bank BJB Cabang Cibitung"
    bank.save()
    assert "Bank BJB Cabang Cibitung" in _queue(client)[1]


def test_a_newly_linked_officer_gets_their_bank(bank_officer, bank, django_assert_num_queries):
    assert bank_of(bank_officer) is None
    BankStaffFactory(user=bank_officer, bank=bank)
    assert bank_of(bank_officer) == bank
    with django_assert_num_queries(0):
        assert bank_of(bank_officer) == bank


def test_without_a_shared_cache_the_link_is_read_each_time(officer, bank, settings, django_assert_num_queries):
    settings.PERMISSIONS_CACHE = False
    bank_of(officer)
    with django_assert_num_queries(1):
        assert bank_of(officer) == bank


def test_a_cache_outage_costs_the_query(officer, bank, cache_down):
    with cache_down():
        assert bank_of(officer) == bank
