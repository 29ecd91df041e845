"""The seeker's loan page is kept in the shared cache per person, application, language and day
(views.my_application, under the version keys of seekers/sections.py): every change the person,
Disnaker or the bank makes shows at once; no one sees another's; the forms' CSRF tokens are this
request's own; a cache outage costs only speed."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from financing import repayments, services
from financing.models import Application
from financing.tests.factories import days_ago, jpeg_upload
from seekers.tests.factories import JobSeekerFactory

S = Application.Status
pytestmark = pytest.mark.django_db


def _url(application):
    return reverse("financing:my_application", args=[application.pk])


def _page(client, application):
    return client.get(_url(application)).content.decode()


def _status(client, application):
    return re.search(r'data-testid="loan-status">([^<]*)<', _page(client, application)).group(1)


def _label(status):
    with translation.override("id"):
        return str(status.label)


def _draft(borrower, product):
    return services.application_create(
        seeker=borrower, product=product, enrolment=borrower.enrolment, amount=Decimal(5_000_000), tenor=12,
        actor=borrower.user,
    )  # fmt: skip


def test_the_cached_page_takes_two_queries_and_its_forms_carry_this_requests_token(
    borrower, product, django_assert_num_queries
):
    application = _draft(borrower, product)
    client = Client(enforce_csrf_checks=True)
    client.force_login(borrower.user)
    _page(client, application)  # rendered and cached (the unread badge too)
    with django_assert_num_queries(2):  # session, user (role groups cached too): the content is cached
        html = _page(client, application)
    assert f"<title>{application.reference}" in html
    action = reverse("financing:my_terms", args=[application.pk])
    form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert "csrf-" not in html  # no placeholder left, in any of its forms
    response = client.post(action, {"csrfmiddlewaretoken": token, "amount": "4000000", "tenor": "6"})
    assert response.status_code == 302
    assert 'value="4000000"' in _page(client, application)  # the new terms show at once
    client.logout()
    client.force_login(borrower.user)
    assert token not in _page(client, application)  # another session, another token


def test_each_step_of_the_person_disnaker_and_the_bank_shows_at_once(
    client, borrower, product, disnaker_staff, officer
):
    application = _draft(borrower, product)
    client.force_login(borrower.user)
    assert _status(client, application) == _label(S.DRAFT)
    services.document_store(application=application, kind="ktp", upload=jpeg_upload(), actor=borrower.user)
    assert 'data-testid="uploaded-ktp"' in _page(client, application)  # a document: no save of the application
    for kind in ("kk", "income"):
        services.document_store(application=application, kind=kind, upload=jpeg_upload(), actor=borrower.user)
    application = services.application_submit(application=application, consent=True, actor=borrower.user)
    assert _status(client, application) == _label(S.SUBMITTED)
    application = services.application_return(application=application, reason="Foto KK buram", actor=disnaker_staff)
    html = _page(client, application)
    assert _status(client, application) == _label(S.RETURNED) and "Foto KK buram" in html
    application = services.application_submit(application=application, consent=True, actor=borrower.user)
    application = services.application_verify(application=application, note="KTP cocok", actor=disnaker_staff)
    application = services.application_send(application=application, actor=disnaker_staff)
    assert _status(client, application) == _label(S.SENT)
    application = services.application_decide(
        application=application, decision="approve", amount=Decimal(4_000_000), rate=Decimal(6), tenor=6,
        actor=officer,
    )  # fmt: skip
    assert 'data-testid="offer"' in _page(client, application)  # the loan decided: the offer
    application = services.offer_answer(application=application, accept=True, actor=borrower.user)
    assert _status(client, application) == _label(S.ACCEPTED)
    application = services.application_disburse(
        application=application, on=days_ago(40), amount=Decimal(4_000_000), bank_reference="TRX-1", actor=officer
    )
    html = _page(client, application)
    assert html.count('data-testid="schedule-row"') == 6 and _status(client, application) == _label(S.DISBURSED)
    data = (
        "loan_reference,payment_date,amount_paid,outstanding_balance,days_past_due\n"
        f"{application.reference},{days_ago(5).isoformat()},700000,3320000,0\n"
    ).encode()
    repayments.import_file(bank=product.bank, name="angsuran.csv", data=data, actor=officer)
    html = _page(client, application)
    assert re.search(r'data-testid="outstanding">[^<]*3\.320\.000<', html)  # the repayment recorded
    assert _status(client, application) == _label(S.REPAYING)


def test_a_repayment_that_leaves_the_status_as_it_was_shows_at_once(client, borrower, product, officer):
    """The instalments are updated in bulk (no post_save): the page still shows each payment."""
    application = services.application_disburse(
        application=_accepted(borrower, product, officer), on=days_ago(70), amount=Decimal(6_000_000),
        bank_reference="T1", actor=officer,
    )  # fmt: skip
    header = "loan_reference,payment_date,amount_paid,outstanding_balance,days_past_due\n"
    first = f"{application.reference},{days_ago(35).isoformat()},1000000,5000000,0\n"
    repayments.import_file(bank=product.bank, name="a.csv", data=(header + first).encode(), actor=officer)
    client.force_login(borrower.user)
    html = _page(client, application)
    assert html.count("text-bg-success") == 1  # one instalment paid
    second = f"{application.reference},{days_ago(5).isoformat()},1000000,4000000,0\n"
    repayments.import_file(bank=product.bank, name="b.csv", data=(header + second).encode(), actor=officer)
    html = _page(client, application)
    assert html.count("text-bg-success") == 2 and re.search(r'data-testid="outstanding">[^<]*4\.000\.000<', html)


def _accepted(borrower, product, officer):
    from financing.tests.factories import ApplicationFactory

    return ApplicationFactory(
        seeker=borrower, enrolment=borrower.enrolment, product=product, status=S.ACCEPTED,
        approved_amount=Decimal(6_000_000), approved_rate=Decimal(0), approved_tenor=6,
        amount_requested=Decimal(6_000_000), tenor_requested=6,
    )  # fmt: skip


def test_bank_product_and_course_changes_show_at_once(client, borrower, product):
    application = _draft(borrower, product)
    client.force_login(borrower.user)
    _page(client, application)
    bank = product.bank
    bank.contact_phone = "021-7777777"
    bank.save()
    assert "021-7777777" in _page(client, application)
    product.name = "KUR Pelatihan Kerja Plus"
    product.save()
    assert "KUR Pelatihan Kerja Plus" in _page(client, application)
    program = borrower.enrolment.batch.program
    program.title = "Pengelasan SMAW lanjutan"
    program.save()
    assert "Pengelasan SMAW lanjutan" in _page(client, application)


def test_no_one_sees_another_persons_loan(client, borrower, product, other_seeker):
    application = _draft(borrower, product)
    client.force_login(borrower.user)
    assert application.reference in _page(client, application)  # cached for its owner
    client.force_login(other_seeker)
    assert client.get(_url(application)).status_code == 404  # no profile
    JobSeekerFactory(user=other_seeker)
    assert client.get(_url(application)).status_code == 404  # a profile, not the owner's
    client.cookies["django_language"] = "en"
    assert client.get(_url(application)).status_code == 404
    del client.cookies["django_language"]
    client.force_login(borrower.user)
    assert _status(client, application) == _label(S.DRAFT)  # a 404 cached nothing


def test_a_cache_outage_costs_only_speed(cache_down, client, borrower, product):
    application = _draft(borrower, product)
    client.force_login(borrower.user)
    with cache_down():
        response = client.get(_url(application))
    html = response.content.decode()
    assert response.status_code == 200 and application.reference in html
    assert 'name="csrfmiddlewaretoken"' in html and "csrf-" not in html
