import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from accounts.roles import Role
from placements import services
from placements.models import Application, Employer, EmployerStaff, OccupationGroup, Placement, Vacancy
from seekers.tests.factories import CompleteJobSeekerFactory

from .factories import ApplicationFactory, PlacementFactory, VacancyFactory, pdf_upload, umk


@pytest.fixture
def b_vacancy(other_officer):
    return VacancyFactory(employer=other_officer.employer_staff.employer, title="Lowongan Perusahaan B")


@pytest.fixture
def b_application(b_vacancy):
    return ApplicationFactory(vacancy=b_vacancy, seeker=CompleteJobSeekerFactory())


@pytest.mark.parametrize(
    "url_name, target",
    [
        ("placements:employer_vacancy", "vacancy"),
        ("placements:employer_vacancy_edit", "vacancy"),
        ("placements:employer_export", "vacancy"),
        ("placements:employer_application", "application"),
        ("placements:employer_evidence", "placement"),
        ("placements:performance_pdf", "employer"),
        ("placements:evidence", "placement"),
    ],
)
def test_employer_staff_of_company_a_get_404_for_company_b_by_url(
    client, officer, b_vacancy, b_application, url_name, target
):
    placement = PlacementFactory(employer=b_vacancy.employer, status=Placement.Status.REPORTED, evidence="x.pdf")
    objects = {
        "vacancy": b_vacancy,
        "application": b_application,
        "placement": placement,
        "employer": b_vacancy.employer,
    }
    client.force_login(officer)
    assert client.get(reverse(url_name, args=[objects[target].pk])).status_code == 404


@pytest.mark.parametrize(
    "url_name, data",
    [
        ("placements:employer_decide", {"decision": "shortlisted"}),
        ("placements:employer_vacancy_submit", {}),
        ("placements:employer_vacancy_close", {}),
    ],
)
def test_employer_staff_of_company_a_cannot_post_to_company_b(
    client, officer, b_vacancy, b_application, url_name, data
):
    target = b_application if "decide" in url_name else b_vacancy
    client.force_login(officer)
    assert client.post(reverse(url_name, args=[target.pk]), data).status_code == 404
    b_application.refresh_from_db()
    b_vacancy.refresh_from_db()
    assert b_application.status == Application.Status.APPLIED and b_vacancy.status == Vacancy.Status.PUBLISHED


def test_a_tampered_employer_field_still_posts_for_the_officers_own_company(client, officer, other_officer):
    client.force_login(officer)
    response = client.post(
        reverse("placements:employer_vacancy_new"),
        {
            "employer": other_officer.employer_staff.employer.pk,
            "title": "Operator",
            "occupation": OccupationGroup.objects.get(code="81").pk,
            "openings": 2,
            "contract_type": "pkwt",
            "kecamatan": officer.employer_staff.employer.kecamatan_id,
            "wage_min": int(umk()),
            "wage_max": int(umk()) + 100_000,
            "closing_date": (timezone.localdate() + timezone.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().employer == officer.employer_staff.employer


def test_the_employer_home_lists_only_its_own_vacancies(client, officer, b_vacancy):
    VacancyFactory(employer=officer.employer_staff.employer, title="Lowongan Perusahaan A")
    client.force_login(officer)
    html = client.get(reverse("placements:employer_home")).content.decode()
    assert "Lowongan Perusahaan A" in html and "Lowongan Perusahaan B" not in html


def test_the_employer_home_costs_the_same_queries_for_many_vacancies(client, officer, django_assert_num_queries):
    employer = officer.employer_staff.employer
    VacancyFactory(employer=employer)
    client.force_login(officer)
    url = reverse("placements:employer_home")
    client.get(url)

    def expected():
        # 1. session, 2. user, 3. the verified employer of the officer, 4. COUNT of its vacancies,
        # 5. the local share per year, 6. its commitments, 7. the page of vacancies with applicant
        # counts (the role groups and the navbar's unread count are cached since the first page)
        return django_assert_num_queries(7)

    with expected():
        client.get(url)
    for v in VacancyFactory.create_batch(6, employer=employer):
        ApplicationFactory(vacancy=v)
    with expected():
        client.get(url)


def test_a_revoked_officer_loses_the_company_at_once(client, officer, disnaker_staff):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer)
    services.employer_staff_revoke(staff=officer.employer_staff, actor=disnaker_staff, reason="Keluar dari perusahaan")
    client.force_login(officer)
    assert client.get(reverse("placements:employer_vacancy", args=[vacancy.pk])).status_code == 404


def test_other_roles_cannot_open_the_employer_pages(client, partner_staff, seeker):
    for user in (partner_staff, seeker):
        client.force_login(user)
        assert client.get(reverse("placements:employer_home")).status_code == 403


def test_an_hr_officer_requests_an_account_and_disnaker_verifies_it(client, disnaker_staff):
    response = client.post(
        reverse("placements:employer_request"),
        {
            "company_name": "PT Gamma Logistik",
            "nib": "9120009998887",
            "full_name": "Rudi Hartono",
            "position": "HR Manager",
            "email": "hr@gamma.example.id",
            "password": "panjang-sekali-sandi-2026",
            "letter": pdf_upload("surat.pdf"),
        },
    )
    assert response.status_code == 302
    staff = EmployerStaff.objects.get()
    assert staff.status == EmployerStaff.Status.REQUESTED and not staff.employer.is_verified
    assert not staff.user.has_role(Role.EMPLOYER)
    services.employer_staff_verify(staff=staff, actor=disnaker_staff)
    user = User.objects.get(pk=staff.user_id)
    assert user.has_role(Role.EMPLOYER) and Employer.objects.get(nib="9120009998887").is_verified
    client.post(reverse("accounts:login"), {"username": "hr@gamma.example.id", "password": "panjang-sekali-sandi-2026"})
    assert client.get(reverse("core:home"), follow=True).status_code == 200
    assert client.get(reverse("placements:employer_home")).status_code == 200


def test_an_account_request_with_a_bad_nib_or_a_fake_letter_saves_nothing(client, db):
    data = {
        "company_name": "PT Delta",
        "nib": "12345",
        "full_name": "Sari",
        "email": "sari@delta.example.id",
        "password": "panjang-sekali-sandi-2026",
    }
    response = client.post(reverse("placements:employer_request"), {**data, "letter": pdf_upload()})
    assert response.status_code == 200 and "nib" in response.context["form"].errors
    fake = pdf_upload()
    fake.file = io.BytesIO(b"not a pdf at all")
    fake.size = 16
    response = client.post(reverse("placements:employer_request"), {**data, "nib": "9120001110001", "letter": fake})
    assert response.status_code == 200
    assert not User.objects.filter(email="sari@delta.example.id").exists() and not Employer.objects.exists()


def test_the_performance_pdf_shows_the_share_and_flags_it(client, officer, disnaker_staff):
    employer = officer.employer_staff.employer
    PlacementFactory(employer=employer, seeker=CompleteJobSeekerFactory(outside=True))
    client.force_login(disnaker_staff)
    response = client.get(reverse("placements:performance_pdf", args=[employer.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert employer.name in text and employer.nib in text
    assert "0,0%" in text and "di bawah batas minimum" in text


# --- A decision made on a page that is out of date ------------------------------------------------


@pytest.fixture
def two_officers(client, officer):
    """Two sessions of company A's HR: the officer's, and a colleague's."""
    from django.test import Client

    from .factories import EmployerStaffFactory

    colleague = Client()
    colleague.force_login(EmployerStaffFactory(employer=officer.employer_staff.employer).user)
    client.force_login(officer)
    return client, colleague


def test_a_decision_on_a_stale_applicant_page_asks_for_confirmation_before_it_is_applied(
    two_officers, officer, django_assert_num_queries
):
    first, second = two_officers
    application = ApplicationFactory(
        vacancy=VacancyFactory(employer=officer.employer_staff.employer),
        seeker=CompleteJobSeekerFactory(full_name="Rina Lestari"),
    )
    page = reverse("placements:employer_application", args=[application.pk])
    decide = reverse("placements:employer_decide", args=[application.pk])
    seen = f'name="seen_{application.pk}" value="applied"'
    assert seen in first.get(page).content.decode() and seen in second.get(page).content.decode()
    # The first officer shortlists her; the second, still looking at "applied", turns her down.
    assert first.post(decide, {"decision": "shortlisted", f"seen_{application.pk}": "applied"}).status_code == 302
    with django_assert_num_queries(3):  # reads only (roles, unread badge cached): nothing is written before the answer
        response = second.post(
            decide, {"decision": "not_hired", "reason": "Kuota penuh", f"seen_{application.pk}": "applied"}
        )

    assert response.status_code == 409
    [(name, was, now)] = response.context["stale"]
    assert (name, was, now) == ("Rina Lestari", Application.Status.APPLIED.label, Application.Status.SHORTLISTED.label)
    assert "Rina Lestari" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.SHORTLISTED  # nothing changed yet
    fields = dict(response.context["fields"])
    assert fields == {
        "decision": "not_hired",
        "reason": "Kuota penuh",
        f"seen_{application.pk}": "shortlisted",
        "confirm_stale": "1",
    }

    assert second.post(decide, fields).status_code == 302  # "Yes, apply the decision"
    application.refresh_from_db()
    assert application.status == Application.Status.NOT_HIRED and application.status_reason == "Kuota penuh"


def test_a_stale_decision_that_is_no_longer_allowed_is_refused_without_a_question(two_officers, officer):
    first, _second = two_officers
    application = ApplicationFactory(vacancy=VacancyFactory(employer=officer.employer_staff.employer))
    services.application_withdraw(application=application, actor=application.seeker.user)
    decide = reverse("placements:employer_decide", args=[application.pk])

    response = first.post(decide, {"decision": "shortlisted", f"seen_{application.pk}": "applied"}, follow=True)

    assert response.redirect_chain[0][1] == 302  # the service's refusal, as a message on the page
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
