import datetime

import pytest
import time_machine
from django.urls import reverse

from overseas import selectors, services
from overseas.models import JapaneseAffiliation, Prefecture, ReturnRecord
from overseas.services import OverseasError
from placements.models import Application, Placement, Vacancy

from .conftest import TODAY
from .factories import open_vacancy

BACK = datetime.date(2029, 7, 2)


@pytest.fixture
def returnee(intake, apply, record_until, disnaker_staff):
    candidacy = record_until(apply(intake, full_name="Rudi Purna"))
    services.deployment_create(
        candidacy=candidacy,
        host_company="Denso Aichi",
        prefecture=Prefecture.AICHI,
        job_field="Perakitan",
        departure_date=datetime.date(2026, 7, 1),
        emergency_contact_name="Ibu",
        emergency_contact_phone="0812",
        actor=disnaker_staff,
    )
    with time_machine.travel(datetime.datetime(2029, 7, 10, 9, 0, tzinfo=TODAY.tzinfo), tick=False):
        services.return_record(
            candidacy=candidacy,
            returned_on=BACK,
            intention=ReturnRecord.Intention.JAPANESE_COMPANY,
            japanese_level="N3",
            actor=disnaker_staff,
        )
    candidacy.refresh_from_db()
    return candidacy


@pytest.fixture
def later():
    with time_machine.travel(datetime.datetime(2029, 8, 1, 9, 0, tzinfo=TODAY.tzinfo), tick=False):
        yield


def test_returnees_are_proposed_japanese_affiliated_employers_first(returnee, later):
    open_vacancy(employer_name="PT Lokal Sejahtera", closing=datetime.date(2029, 8, 10))
    open_vacancy(employer_name="PT Yamaha Indonesia", japanese=True, closing=datetime.date(2029, 9, 30))
    open_vacancy(employer_name="PT Tutup", closing=datetime.date(2029, 7, 31))  # closed already

    from overseas.replacement import matching_vacancies

    names = [v.employer.name for v in matching_vacancies(returnee.seeker)]

    assert names == ["PT Yamaha Indonesia", "PT Lokal Sejahtera"]


def test_the_returnee_list_shows_the_person_and_proposals(client, disnaker_staff, returnee, later):
    open_vacancy(employer_name="PT Yamaha Indonesia", japanese=True)
    client.force_login(disnaker_staff)

    response = client.get(reverse("overseas:staff_returnees"))

    [(candidacy, vacancies)] = response.context["rows"]
    assert candidacy == returnee and [v.employer.name for v in vacancies] == ["PT Yamaha Indonesia"]
    assert response.context["figures"] == {"returned": 1, "replaced": 0, "within_six_months": 0}


def test_staff_propose_a_returnee_through_the_placements_app(client, disnaker_staff, returnee, later):
    vacancy = open_vacancy(employer_name="PT Yamaha Indonesia", japanese=True)
    client.force_login(disnaker_staff)

    client.post(reverse("overseas:staff_candidacy", args=[returnee.pk]), {"action": "propose", "vacancy": vacancy.pk})

    application = Application.objects.get(vacancy=vacancy)
    assert application.seeker == returnee.seeker and application.proposed_by == disnaker_staff


def test_a_placement_recorded_from_the_returnee_page_is_linked_and_counted(client, disnaker_staff, returnee, later):
    vacancy = open_vacancy(employer_name="PT Yamaha Indonesia", japanese=True)
    client.force_login(disnaker_staff)
    before = client.get(reverse("overseas:staff_returnees")).context["figures"]
    assert before == {"returned": 1, "replaced": 0, "within_six_months": 0}  # now kept in the cache

    response = client.post(
        reverse("overseas:staff_candidacy", args=[returnee.pk]),
        {
            "action": "place",
            "place-employer": vacancy.employer_id,
            "place-position": "Leader produksi",
            "place-contract_type": "pkwt",
            "place-start_date": "2029-08-15",
            "place-wage": "6000000",
        },
    )

    assert response.status_code == 302
    record = ReturnRecord.objects.get(candidacy=returnee)
    placement = Placement.objects.get(seeker=returnee.seeker)
    assert record.placement == placement and record.replaced_on == datetime.date(2029, 8, 15)
    assert placement.channel == Placement.Channel.RETURN_JAPAN and placement.employer == vacancy.employer
    assert selectors.replaced_per_year() == {2029: 1}
    page = client.get(reverse("overseas:staff_returnees"))
    assert page.context["figures"] == {"returned": 1, "replaced": 1, "within_six_months": 1}
    assert b'data-testid="replaced"' in page.content


def test_a_placement_of_someone_else_or_before_the_return_cannot_be_linked(returnee, disnaker_staff, apply, intake):
    other = apply(intake)
    with time_machine.travel(datetime.datetime(2029, 8, 1, 9, 0, tzinfo=TODAY.tzinfo), tick=False):
        theirs = Placement.objects.create(
            seeker=other.seeker,
            employer_name="PT A",
            position="Operator",
            contract_type="pkwt",
            start_date=datetime.date(2029, 8, 1),
            channel=Placement.Channel.OWN_SEARCH,
        )
        before = Placement.objects.create(
            seeker=returnee.seeker,
            employer_name="PT B",
            position="Operator",
            contract_type="pkwt",
            start_date=datetime.date(2029, 6, 1),
            channel=Placement.Channel.OWN_SEARCH,
        )
        for placement, code in ((theirs, "wrong_person"), (before, "before_return")):
            with pytest.raises(OverseasError) as exc:
                services.return_link_placement(candidacy=returnee, placement=placement, actor=disnaker_staff)
            assert exc.value.code == code


def test_sending_organisation_staff_cannot_record_placements(client, sending_org_staff, returnee, later):
    client.force_login(sending_org_staff)

    response = client.post(reverse("overseas:staff_candidacy", args=[returnee.pk]), {"action": "place"})

    assert response.status_code == 404  # not their organisation's candidate, and not their power either


def test_the_returnee_list_card_and_its_queries(client, disnaker_staff, returnee, later, django_assert_num_queries):
    open_vacancy(employer_name="PT Yamaha Indonesia", japanese=True, closing=datetime.date(2029, 9, 30))
    client.force_login(disnaker_staff)
    # session, user, user permissions, group permissions, the figures (COUNT and the re-placed
    # returnees' dates; then cached), the page's ids, its rows, the returnees' applications, the
    # vacancy pool (Japanese-affiliated employers, then the others), role groups (navbar), unread
    # notifications
    with django_assert_num_queries(13):
        html = client.get(reverse("overseas:staff_returnees")).content.decode()

    url = reverse("overseas:staff_candidacy", args=[returnee.pk])
    assert f'<h2 class="h6 mb-1"><a href="{url}">Rudi Purna</a></h2>' in html
    assert "Kembali pada 2 Juli 2029 · Denso Aichi, Aichi" in html
    assert '<li data-testid="vacancy">' in html and "PT Yamaha Indonesia" in html and "30 September 2029" in html
    assert f'href="{url}#penempatan"' in html
    assert "1 kembali; 0 ditempatkan kembali" in html


def test_the_returnee_list_keeps_the_vacancy_pool_until_a_vacancy_or_affiliation_changes(
    client, disnaker_staff, returnee, later, django_assert_num_queries
):
    local = open_vacancy(employer_name="PT Lokal Sejahtera", closing=datetime.date(2029, 8, 10))
    client.force_login(disnaker_staff)
    url = reverse("overseas:staff_returnees")

    def proposed():
        [(_candidacy, vacancies)] = client.get(url).context["rows"]
        return [v.employer.name for v in vacancies]

    assert proposed() == ["PT Lokal Sejahtera"]
    # session, user, the page's ids, its rows, the returnees' applications: the pool, the total and
    # the re-placement figures (and the roles, permissions, unread badge) from the cache
    with django_assert_num_queries(5):
        client.get(url)
    # A vacancy published: proposed at once.
    open_vacancy(employer_name="PT Yamaha Indonesia", japanese=True, closing=datetime.date(2029, 9, 30))
    assert proposed() == ["PT Yamaha Indonesia", "PT Lokal Sejahtera"]
    # An employer becomes Japanese-affiliated: first at once (closing sooner).
    JapaneseAffiliation.objects.create(employer=local.employer, parent_company="Nihon K.K.")
    assert proposed() == ["PT Lokal Sejahtera", "PT Yamaha Indonesia"]
    # A vacancy closed: no longer proposed.
    local.status = Vacancy.Status.CLOSED
    local.save()
    assert proposed() == ["PT Yamaha Indonesia"]
