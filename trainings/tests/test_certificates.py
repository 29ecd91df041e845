"""Completion, the certificate PDF and its public verification page."""

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from core.models import AuditLog
from trainings import services
from trainings.models import Certificate, Enrolment

from .factories import BatchFactory


@pytest.fixture
def graduate(seeker, profile, disnaker_staff, time_machine):
    batch = BatchFactory(program__title="Pengelasan SMAW 3G")
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    services.enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    time_machine.move_to(batch.start_date)
    services.batch_start(batch=batch, actor=disnaker_staff)
    return services.enrolment_complete(enrolment=enrolment, actor=disnaker_staff)


def test_completion_issues_a_certificate_with_a_unique_number(graduate, apply, disnaker_staff):
    certificate = graduate.certificate
    assert certificate.number.endswith("-000001") and certificate.is_valid
    assert AuditLog.objects.filter(action="certificate_issued", object_id=certificate.pk).exists()
    other = apply(BatchFactory(start_date=graduate.batch.start_date, registration_closes=graduate.batch.start_date))
    services.enrolment_accept(enrolment=other, actor=disnaker_staff)
    services.batch_start(batch=other.batch, actor=disnaker_staff)
    services.enrolment_complete(enrolment=other, actor=disnaker_staff)
    assert list(Certificate.objects.order_by("pk").values_list("number", flat=True))[1].endswith("-000002")


def test_only_attending_trainees_complete(batch, apply, disnaker_staff):
    enrolment = apply(batch)
    with pytest.raises(services.TrainingError):
        services.enrolment_complete(enrolment=enrolment, actor=disnaker_staff)
    assert not Certificate.objects.exists()


def test_the_holder_downloads_the_certificate_pdf_with_a_qr_to_the_verification_page(client, seeker, graduate):
    client.force_login(seeker)
    certificate = graduate.certificate
    response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="sertifikat-{certificate.number}.pdf"'
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "SERTIFIKAT" in text and "Rina Marlina" in text and certificate.number in text
    assert str(certificate.token) in text  # the printed verification address


def test_nobody_else_downloads_someone_elses_certificate(client, other_seeker, partner_staff, graduate):
    for user in (other_seeker, partner_staff):
        client.force_login(user)
        assert client.get(graduate.certificate.get_absolute_url()).status_code == 404


def test_the_public_verification_page_shows_only_what_a_checker_needs(client, graduate):
    certificate = graduate.certificate
    response = client.get(certificate.get_verify_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sertifikat ini sah." in html and certificate.number in html
    assert "R*** M******" in html and "Rina Marlina" not in html
    assert "Pengelasan SMAW 3G" in html
    assert graduate.seeker.nik not in html and graduate.seeker.nik[:4] + "*" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_revoked_certificate_verifies_as_revoked(client, graduate, disnaker_staff):
    services.certificate_revoke(certificate=graduate.certificate, reason="Data palsu", actor=disnaker_staff)
    html = client.get(graduate.certificate.get_verify_url()).content.decode()
    assert "dicabut" in html and "Sertifikat ini sah." not in html


def test_an_unknown_token_is_not_found(client, db):
    assert (
        client.get(reverse("trainings:certificate_verify", args=["0" * 8 + "-0000-0000-0000-" + "0" * 12])).status_code
        == 404
    )


def test_my_trainings_and_the_dashboard_partial_show_status_schedule_and_certificate(client, seeker, graduate):
    client.force_login(seeker)
    html = client.get(reverse("trainings:my_trainings")).content.decode()
    assert "Pengelasan SMAW 3G" in html and "Lulus" in html
    assert graduate.certificate.get_absolute_url() in html
    from trainings.selectors import enrolments_for_seeker

    partial = render_to_string(
        "trainings/_seeker_section.html", {"enrolments": enrolments_for_seeker(graduate.seeker)[:5]}
    )
    assert "Pengelasan SMAW 3G" in partial and graduate.certificate.get_absolute_url() in partial
    assert "withdraw" not in partial


def test_enrolments_for_seeker_is_one_query(django_assert_num_queries, seeker, profile, apply):
    for _ in range(3):
        services.enrolment_apply(batch=BatchFactory(), seeker=profile, actor=seeker)
    from trainings.selectors import enrolments_for_seeker

    with django_assert_num_queries(1):
        rows = list(enrolments_for_seeker(profile))
        for enrolment in rows:
            str(enrolment.batch.program.provider), getattr(enrolment, "certificate", None)
    assert len(rows) == 3


def test_my_trainings_query_count_does_not_grow_with_enrolments(client, seeker, profile, django_assert_num_queries):
    client.force_login(seeker)
    services.enrolment_apply(batch=BatchFactory(), seeker=profile, actor=seeker)
    # Session, user, the id of their profile, the rows (a page and one more: no COUNT while they
    # fit on one page), the user's roles and unread notifications (navigation).
    with django_assert_num_queries(6):
        client.get(reverse("trainings:my_trainings"))
    for _ in range(6):
        services.enrolment_apply(batch=BatchFactory(), seeker=profile, actor=seeker)
    with django_assert_num_queries(4):  # the same, the profile's id and the roles known by now
        response = client.get(reverse("trainings:my_trainings"))
    assert len(response.context["page"]) == 7
    assert Enrolment.objects.count() == 7
    # Nothing changed since: session, user; the roles, the list and the unread count are in the cache.
    with django_assert_num_queries(2):
        html = client.get(reverse("trainings:my_trainings")).content.decode()
    assert html.count('data-testid="enrolment"') == 7


def test_my_trainings_pages_a_long_history_and_counts_it_then(client, seeker, profile, django_assert_num_queries):
    client.force_login(seeker)
    for _ in range(21):
        services.enrolment_apply(batch=BatchFactory(), seeker=profile, actor=seeker)
    # Session, user, the id of their profile, a page and one more row, the COUNT (there is more than
    # a page), the rows of page 1, roles, unread notifications.
    with django_assert_num_queries(8):
        first = client.get(reverse("trainings:my_trainings"))
    second = client.get(reverse("trainings:my_trainings"), {"page": 2})
    assert len(first.context["page"]) == 20 and len(second.context["page"]) == 1
    assert first.context["page"].paginator.num_pages == 2 and 'data-testid="next-page"' in first.content.decode()


def test_my_trainings_without_a_profile_says_how_to_start(client, seeker):
    client.force_login(seeker)
    html = client.get(reverse("trainings:my_trainings")).content.decode()
    assert reverse("seekers:dashboard") in html and "Buat profil pencari kerja" in html
