import datetime
import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.models import EducationLevel
from placements import selectors, services
from placements.models import Application, Placement, Vacancy
from placements.services import ALREADY_APPLIED, PlacementError
from seekers import services as seeker_services
from seekers.models import AK1Card, Skill
from seekers.tests.factories import CompleteJobSeekerFactory, JobSeekerFactory
from trainings.models import Certificate, Enrolment
from trainings.tests.factories import BatchFactory

from .factories import ApplicationFactory, VacancyFactory


def test_a_seeker_applies_with_a_note_and_is_told(client, profile):
    vacancy = VacancyFactory(title="Operator Produksi")
    client.force_login(profile.user)
    response = client.post(reverse("placements:apply", args=[vacancy.pk]), {"cover_note": "Siap shift malam"})
    assert response.url == reverse("placements:my_applications")
    application = Application.objects.get()
    assert application.status == Application.Status.APPLIED and application.cover_note == "Siap shift malam"
    assert profile.user.notifications.filter(event="placements.application_changed").exists()
    assert "Operator Produksi" in client.get(response.url).content.decode()


def test_applying_twice_is_refused_with_a_clear_message(client, profile):
    vacancy = VacancyFactory()
    services.application_apply(vacancy=vacancy, seeker=profile, actor=profile.user)
    client.force_login(profile.user)
    response = client.post(reverse("placements:apply", args=[vacancy.pk]), follow=True)
    assert str(ALREADY_APPLIED) in response.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.parametrize("status", [Vacancy.Status.CLOSED, Vacancy.Status.SUBMITTED, Vacancy.Status.DRAFT])
def test_a_closed_or_unverified_vacancy_cannot_be_applied_to(client, profile, status):
    vacancy = VacancyFactory(status=status)
    with pytest.raises(PlacementError):
        services.application_apply(vacancy=vacancy, seeker=profile, actor=profile.user)
    client.force_login(profile.user)
    assert client.post(reverse("placements:apply", args=[vacancy.pk])).status_code == 404
    assert not Application.objects.exists()


def test_a_vacancy_past_its_closing_date_cannot_be_applied_to_before_the_beat_runs(client, profile):
    vacancy = VacancyFactory(closing_date=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(profile.user)
    response = client.post(reverse("placements:apply", args=[vacancy.pk]), follow=True)
    assert "Lowongan ini tidak sedang menerima lamaran." in response.content.decode()
    assert not Application.objects.exists()


def test_a_vacancy_asking_for_an_ak1_card_refuses_seekers_without_one(profile):
    vacancy = VacancyFactory(requires_ak1=True)
    with pytest.raises(PlacementError):
        services.application_apply(vacancy=vacancy, seeker=profile, actor=profile.user)
    seeker_services.card_issue(seeker=profile, actor=None)
    assert services.application_apply(vacancy=vacancy, seeker=profile, actor=profile.user).has_active_card


def test_a_seeker_withdraws_and_the_employer_cannot_withdraw_for_them(profile, officer):
    application = services.application_apply(
        vacancy=VacancyFactory(employer=officer.employer_staff.employer), seeker=profile, actor=profile.user
    )
    with pytest.raises(PlacementError):
        services.application_move(application=application, to_status=Application.Status.WITHDRAWN, actor=officer)
    assert services.application_withdraw(application=application, actor=profile.user).status == "withdrawn"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_applications_at_once_make_one(profile):
    vacancy = VacancyFactory()
    errors, barrier = [], threading.Barrier(2)

    def apply():
        barrier.wait()
        try:
            services.application_apply(vacancy=vacancy, seeker=profile, actor=profile.user)
        except PlacementError as exc:
            errors.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Application.objects.count() == 1
    assert errors == ["already_applied"]


def _equal_twins():
    """Two seekers equal in everything but where they live."""
    local = CompleteJobSeekerFactory(full_name="Lokal Warga")
    outsider = CompleteJobSeekerFactory(full_name="Luar Daerah", outside=True)
    return local, outsider


def test_ranking_puts_an_eligible_local_seeker_above_an_otherwise_equal_non_local_one(officer):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer, skills="pengelasan")
    local, outsider = _equal_twins()
    # The outsider applies first: residence, not speed, decides between equals.
    services.application_apply(vacancy=vacancy, seeker=outsider, actor=outsider.user)
    services.application_apply(vacancy=vacancy, seeker=local, actor=local.user)
    ranked = list(selectors.ranked_applicants(vacancy))
    assert [a.seeker.full_name for a in ranked] == ["Lokal Warga", "Luar Daerah"]
    assert ranked[0].is_local and not ranked[1].is_local
    assert ranked[0].skills_matched == ranked[1].skills_matched == 1


def test_the_fit_explains_education_skills_certificate_and_card(officer):
    program_batch = BatchFactory(
        start_date=timezone.localdate() - datetime.timedelta(days=40),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
        registration_opens=timezone.localdate() - datetime.timedelta(days=60),
        registration_closes=timezone.localdate() - datetime.timedelta(days=41),
        status="finished",
    )
    vacancy = VacancyFactory(
        employer=officer.employer_staff.employer,
        skills="pengelasan, forklift",
        min_education=EducationLevel.objects.get(code="SMA"),
    )
    vacancy.relevant_programs.add(program_batch.program)
    seeker = CompleteJobSeekerFactory()
    enrolment = Enrolment.objects.create(batch=program_batch, seeker=seeker, status=Enrolment.Status.COMPLETED)
    Certificate.objects.create(enrolment=enrolment, number="3216-PLT-2026-000001", issued_on=timezone.localdate())
    seeker_services.card_issue(seeker=seeker, actor=None)
    fit = services.fit_for(vacancy=vacancy, seeker=seeker)
    assert fit == {
        "meets_education": True,
        "skills_matched": 1,
        "has_certificate": True,
        "is_local": True,
        "has_active_card": True,
        "fit_score": 30 + 10 + 20 + 15 + 10,
    }
    weaker = JobSeekerFactory(education_level=EducationLevel.objects.get(code="SMP"), outside=True)
    assert services.fit_for(vacancy=vacancy, seeker=weaker)["fit_score"] == 0


def test_changing_the_requirements_reranks_the_applicants(officer):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer, skills="")
    seeker = CompleteJobSeekerFactory()
    application = services.application_apply(vacancy=vacancy, seeker=seeker, actor=seeker.user)
    assert application.skills_matched == 0
    vacancy.skills = "pengelasan"
    services.vacancy_save(vacancy=vacancy, actor=officer)
    application.refresh_from_db()
    assert application.skills_matched == 1


def test_the_ranked_applicant_list_costs_the_same_queries_for_many_applicants(
    client, officer, django_assert_num_queries
):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer)
    ApplicationFactory(vacancy=vacancy)
    client.force_login(officer)
    url = reverse("placements:employer_vacancy", args=[vacancy.pk])
    client.get(url)

    def expected():
        # 1. session, 2. user, 3. the vacancy in the officer's scope with employer, occupation,
        # kecamatan, education and its applicant count, 4. the page of applicants with education
        # and kecamatan, as values (the role groups and the navbar's unread count are cached since
        # the first page)
        return django_assert_num_queries(4)

    with expected():
        client.get(url)
    for _ in range(30):
        ApplicationFactory(vacancy=vacancy, seeker=JobSeekerFactory(outside=True))
    with expected():
        html = client.get(url).content.decode()
    assert html.count('data-testid="applicant"') == 25 and "31 " in html
    with expected():
        html = client.get(url, {"page": 2}).content.decode()
    assert html.count('data-testid="applicant"') == 6


def test_the_ranked_list_page_shows_the_ranking_and_its_reasons(client, officer):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer, skills="pengelasan")
    local, outsider = _equal_twins()
    services.application_apply(vacancy=vacancy, seeker=outsider, actor=outsider.user)
    services.application_apply(vacancy=vacancy, seeker=local, actor=local.user)
    client.force_login(officer)
    html = client.get(reverse("placements:employer_vacancy", args=[vacancy.pk])).content.decode()
    names = re.findall(r'data-testid="applicant-name">([^<]*)<', html)
    assert names == ["Lokal Warga", "Luar Daerah"]
    reasons = re.findall(r'data-testid="fit-reasons">(.*?)</div>', html)
    ranked = list(selectors.ranked_applicants(vacancy))
    for application, shown in zip(ranked, reasons, strict=True):
        assert f" {application.fit_score}:" in shown
        assert ("text-bg-light border" in shown) == bool(application.meets_education or application.skills_matched)
    assert reasons[0].count("badge") == reasons[1].count("badge") + 1  # the local one has one reason more
    first = ranked[0]
    assert f'href="{reverse("placements:employer_application", args=[first.pk])}"' in html
    assert first.seeker.masked_nik in html and first.seeker.nik not in html


def test_nik_and_contact_are_masked_in_the_list_and_full_on_the_applicant_page(client, officer):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer)
    seeker = CompleteJobSeekerFactory(phone="081299998888")
    application = services.application_apply(vacancy=vacancy, seeker=seeker, actor=seeker.user)
    client.force_login(officer)
    listing = client.get(reverse("placements:employer_vacancy", args=[vacancy.pk])).content.decode()
    assert seeker.nik not in listing and seeker.masked_nik in listing and "081299998888" not in listing
    detail = client.get(reverse("placements:employer_application", args=[application.pk])).content.decode()
    assert seeker.nik in detail and "081299998888" in detail
    export = b"".join(client.get(reverse("placements:employer_export", args=[vacancy.pk])).streaming_content)
    assert seeker.nik.encode() not in export and seeker.masked_nik.encode() in export


def test_the_officer_shortlists_and_hires_and_the_placement_waits_for_verification(client, officer):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer, openings=1)
    seeker = CompleteJobSeekerFactory()
    application = services.application_apply(vacancy=vacancy, seeker=seeker, actor=seeker.user)
    client.force_login(officer)
    url = reverse("placements:employer_decide", args=[application.pk])
    client.post(url, {"decision": "shortlisted"})
    start = timezone.localdate() + datetime.timedelta(days=7)
    client.post(url, {"decision": "hired", "start_date": start.isoformat(), "wage": "6000000"})
    application.refresh_from_db()
    assert application.status == Application.Status.HIRED
    placement = Placement.objects.get()
    assert placement.application == application and placement.status == Placement.Status.REPORTED
    assert placement.start_date == start and placement.channel == Placement.Channel.PORTAL
    assert placement.is_local
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED  # its one opening is filled


def test_hiring_without_a_start_date_is_refused_with_a_message(client, officer):
    application = ApplicationFactory(
        vacancy=VacancyFactory(employer=officer.employer_staff.employer), status=Application.Status.SHORTLISTED
    )
    client.force_login(officer)
    response = client.post(
        reverse("placements:employer_decide", args=[application.pk]), {"decision": "hired"}, follow=True
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.SHORTLISTED and not Placement.objects.exists()


def test_staff_propose_a_matching_seeker_who_sees_it_and_the_employer_sees_the_proposal(
    client, disnaker_staff, officer
):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer, skills="pengelasan")
    seeker = CompleteJobSeekerFactory(full_name="Dedi Kurniawan")
    seeker_services.card_issue(seeker=seeker, actor=None)
    client.force_login(disnaker_staff)
    url = reverse("placements:propose", args=[vacancy.pk])
    assert "Dedi Kurniawan" in client.get(url).content.decode()
    client.post(url, {"seekers": [seeker.pk]})
    application = Application.objects.get()
    assert application.status == Application.Status.PROPOSED and application.proposed_by == disnaker_staff
    assert seeker.user.notifications.filter(event="placements.application_changed").exists()
    assert "Dedi Kurniawan" not in client.get(url).content.decode()  # proposed once


def test_vacancies_for_you_match_education_and_skip_those_applied_for(client, profile):
    near = VacancyFactory(title="Dekat Rumah", kecamatan=profile.domicile_kecamatan)
    VacancyFactory(title="Butuh S1", min_education=EducationLevel.objects.get(code="S1"))
    applied = VacancyFactory(title="Sudah Dilamar")
    services.application_apply(vacancy=applied, seeker=profile, actor=profile.user)
    assert [v.title for v in selectors.vacancies_matching(profile)] == [near.title]
    client.force_login(profile.user)
    html = client.get(reverse("seekers:dashboard")).content.decode()
    assert 'data-testid="seeker-vacancies"' in html and "Dekat Rumah" in html and "Butuh S1" not in html


def test_skills_of_a_vacancy_are_compared_in_lower_case(db):
    Skill.objects.get_or_create(name="forklift")
    vacancy = VacancyFactory(skills=" Forklift ,  SIO  Forklift")
    assert vacancy.skill_list == ["forklift", "sio forklift"]


def test_active_card_flag_reads_the_card(profile):
    seeker_services.card_issue(seeker=profile, actor=None)
    assert AK1Card.objects.filter(seeker=profile, status="active").exists()
    assert services.fit_for(vacancy=VacancyFactory(), seeker=profile)["has_active_card"]


def test_the_ranked_list_escapes_what_applicants_typed(client, officer):
    vacancy = VacancyFactory(employer=officer.employer_staff.employer)
    ApplicationFactory(
        vacancy=vacancy, seeker=JobSeekerFactory(full_name="<b>Rina</b>", outside=True, domicile_outside="<i>Depok</i>")
    )
    client.force_login(officer)
    html = client.get(reverse("placements:employer_vacancy", args=[vacancy.pk])).content.decode()
    assert "&lt;b&gt;Rina&lt;/b&gt;" in html and "<b>Rina" not in html
    assert "&lt;i&gt;Depok&lt;/i&gt;" in html and "<i>Depok" not in html
