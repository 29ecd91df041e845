"""Exact query counts of the training pages `make bench` drives (README, "Speed under load"):
each fixed whatever the number of rows, each query named."""

import pytest
from django.db import connection
from django.urls import reverse

from trainings import services
from trainings.models import Certificate, Enrolment

from .factories import BatchFactory


@pytest.fixture
def busy_batch(institution_a, apply):
    """A batch of the partner persona's institution with 30 applicants (more than a page)."""
    batch = BatchFactory(program__provider=institution_a, capacity=40)
    for _ in range(30):
        apply(batch)
    return batch


def test_the_partner_applicant_list_runs_eleven_queries_then_five_on_any_page(
    client, partner_staff, busy_batch, django_assert_num_queries
):
    client.force_login(partner_staff)
    url = reverse("trainings:partner_batch", args=[busy_batch.pk])
    # Session, user, the user's own and group permissions (partner check), the institution the
    # person works for (trainings.models.provider_of), the batch (scoped by that institution's id),
    # the counts per status (also the page count: no separate COUNT; then kept in the cache for
    # a minute), the page's ids, those rows with the person and attendance, the user's roles and
    # unread notifications (navigation).
    with django_assert_num_queries(11):
        response = client.get(url)
    assert len(response.context["page"]) == 25 and response.context["page"].paginator.count == 30
    # The counts, the unread badge, the roles, the permissions (accounts/permissions_cache.py) and
    # the institution from the cache.
    with django_assert_num_queries(5):
        second = client.get(url, {"page": 2})
    assert len(second.context["page"]) == 5
    ids = [e.pk for e in second.context["page"]]
    assert ids == sorted(ids)  # in order of application, the page's ids first then its rows
    with django_assert_num_queries(5):
        waiting = client.get(url, {"status": "applied"})
    assert waiting.context["page"].paginator.count == 30


def test_the_partner_applicant_list_counts_follow_a_decision_at_once(client, partner_staff, busy_batch):
    client.force_login(partner_staff)
    url = reverse("trainings:partner_batch", args=[busy_batch.pk])
    assert client.get(url).context["statuses"][0][2] == 30  # applied; now cached
    chosen = list(busy_batch.enrolments.order_by("pk").values_list("pk", flat=True)[:2])
    response = client.post(
        reverse("trainings:partner_decide", args=[busy_batch.pk]),
        {"enrolments": chosen, "decision": "accept", **{f"seen_{pk}": "applied" for pk in chosen}},
    )
    assert response.status_code == 302
    counts = {value: n for value, _label, n in client.get(url).context["statuses"]}
    assert counts["applied"] == 28 and counts["accepted"] == 2
    enrolment = busy_batch.enrolments.filter(status="applied").first()
    enrolment.delete()  # an account erased (cascade): forgotten too
    assert client.get(url).context["page"].paginator.count == 29


def test_the_partner_applicant_list_shows_rows_in_the_order_of_the_ids(client, partner_staff, busy_batch):
    client.force_login(partner_staff)
    first = client.get(reverse("trainings:partner_batch", args=[busy_batch.pk])).context["page"]
    expected = list(Enrolment.objects.filter(batch=busy_batch).order_by("applied_at", "pk")[:25])
    assert [e.pk for e in first] == [e.pk for e in expected]
    assert [(row.full_name, row.nik, row.status) for row in first] == [
        (e.seeker.full_name, e.seeker.nik, e.status) for e in expected
    ]
    assert all(row.sessions_present == 0 for row in first)  # nobody has attended yet


def test_the_admin_enrolment_list_query_count_is_fixed(client, disnaker_staff, busy_batch, django_assert_num_queries):
    client.force_login(disnaker_staff)
    url = reverse("admin:trainings_enrolment_changelist")
    # Session, user, own and group permissions, the provider filter's choices (then kept in the
    # cache), (on PostgreSQL the table's size estimate, too small here to be used), the COUNT,
    # the page's rows with the seeker and certificate, their batch with its programme (then
    # kept in the cache), the user's roles.
    with django_assert_num_queries(10 if connection.vendor == "postgresql" else 9):
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 25  # of 30
    assert {str(e.batch) for e in response.context["cl"].result_list} == {str(busy_batch)}
    BatchFactory.create_batch(2)  # new providers: their choices are read again, and the batches
    # The roles and the permissions from the cache, the size estimate from the worker's memory.
    with django_assert_num_queries(6):
        client.get(url, {"p": "2"})
    with django_assert_num_queries(4):  # the choices and the batches too
        client.get(url, {"p": "2"})


def test_the_admin_enrolment_filter_shows_a_new_provider_at_once(client, disnaker_staff, busy_batch):
    client.force_login(disnaker_staff)
    url = reverse("admin:trainings_enrolment_changelist")
    client.get(url)
    provider = BatchFactory(program__provider__name="LPK Baru Cikarang").program.provider
    assert f"batch__program__provider__id__exact={provider.pk}" in client.get(url).content.decode()
    provider.name = "LPK Cikarang Jaya"
    provider.save()
    assert "LPK Cikarang Jaya" in client.get(url).content.decode()


def test_the_admin_enrolment_list_does_not_read_long_texts(client, disnaker_staff, busy_batch):
    client.force_login(disnaker_staff)
    rows = client.get(reverse("admin:trainings_enrolment_changelist")).context["cl"].result_list
    deferred = rows[0].batch.program.get_deferred_fields()
    assert {"description", "prerequisites"} <= deferred and "motivation" in rows[0].get_deferred_fields()


def test_the_programme_page_query_count_for_a_visitor_and_a_seeker(client, seeker, profile, django_assert_num_queries):
    batch = BatchFactory()
    BatchFactory(program=batch.program)
    url = batch.program.get_absolute_url()
    # The programme with provider and minimum education, its open batches.
    with django_assert_num_queries(2):
        client.get(url)
    client.force_login(seeker)
    # Session, user, the programme, its batches, the user's roles, the profile (one query with
    # its completeness), the seeker's enrolments in those batches, unread notifications.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.context["seeker"] == profile and response.context["batches"][0].problems == []


def test_the_certificate_check_is_one_query(client, seeker, profile, django_assert_num_queries):
    batch = BatchFactory()
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    certificate = Certificate.objects.create(
        enrolment=enrolment, number="3216-PLT-2026-000001", issued_on=batch.end_date
    )
    with django_assert_num_queries(1):  # the certificate with enrolment, seeker, batch, programme, provider
        response = client.get(certificate.get_verify_url())
    assert response.status_code == 200
