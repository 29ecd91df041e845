"""The seeker dashboard with the sections the apps above seekers register (trainings,
placements, overseas, financing), rendered once and cached per seeker (seekers/sections.py)."""


from django.urls import reverse

from notifications.models import Notification
from notifications.services import notification_mark_read
from placements.models import Vacancy
from placements.services import application_apply
from placements.tests.factories import VacancyFactory
from seekers import services
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.services import enrolment_accept, enrolment_apply, enrolment_withdraw
from trainings.tests.factories import BatchFactory

URL = reverse("seekers:dashboard")


def test_the_dashboard_shows_card_and_trainings_in_a_fixed_number_of_queries(
    client, profile, django_assert_num_queries
):
    services.card_issue(seeker=profile, actor=None)
    client.force_login(profile.user)
    enrolment_apply(batch=BatchFactory(program__title="Pengelasan SMAW"), seeker=profile, actor=profile.user)
    # session; user; the id of the user's profile; the profile with its current card joined and its
    # completeness as EXISTS subqueries; the navbar's roles; trainings' section: the enrolments
    # with batch and programme; placements' section: vacancies for you; overseas' section: the
    # candidacy; financing's section: the loan applications; the unread count
    with django_assert_num_queries(10):
        html = client.get(URL).content.decode()
    assert "Pengelasan SMAW" in html and profile.cards.get().number in html
    for _ in range(4):
        enrolment_apply(batch=BatchFactory(), seeker=profile, actor=profile.user)
    with django_assert_num_queries(8):  # the same with five trainings as with one (the profile's id and roles known)
        assert client.get(URL).status_code == 200
    # Nothing changed since: session; user. The navbar's roles, the profile and card blocks, the
    # sections and the unread count come from the cache.
    with django_assert_num_queries(2):
        html = client.get(URL).content.decode()
    assert html.count('data-testid="enrolment"') == 5


def _status(client):
    html = client.get(URL).content.decode()
    return html.split('data-testid="enrolment-status">', 1)[1].split("<", 1)[0] if "enrolment-status" in html else None


def test_the_seekers_own_changes_show_at_once(client, profile):
    client.force_login(profile.user)
    batch = BatchFactory(program__title="Pengelasan SMAW")
    assert "Pengelasan SMAW" not in client.get(URL).content.decode()  # cached now
    enrolment = enrolment_apply(batch=batch, seeker=profile, actor=profile.user)
    assert "Pengelasan SMAW" in client.get(URL).content.decode()
    assert _status(client) == "Mendaftar"
    enrolment_withdraw(enrolment=enrolment, actor=profile.user)
    assert _status(client) == "Mengundurkan diri"


def test_staff_decisions_and_new_vacancies_show_at_once(client, profile, disnaker_staff):
    client.force_login(profile.user)
    enrolment = enrolment_apply(batch=BatchFactory(), seeker=profile, actor=profile.user)
    assert _status(client) == "Mendaftar"
    enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    assert _status(client) == "Diterima"
    # A vacancy published for everyone (a shared record): every seeker's sections are renewed.
    vacancy = VacancyFactory(title="Operator CNC", status=Vacancy.Status.DRAFT)
    assert "Operator CNC" not in client.get(URL).content.decode()
    vacancy.status = Vacancy.Status.PUBLISHED
    vacancy.save()
    assert "Operator CNC" in client.get(URL).content.decode()
    # Applying takes it off "vacancies for you" at once.
    application_apply(vacancy=vacancy, seeker=profile, actor=profile.user)
    assert "Operator CNC" not in client.get(URL).content.decode()


def test_no_seeker_ever_sees_another_seekers_sections(client, profile, other_seeker):
    other = CompleteJobSeekerFactory(user=other_seeker)
    enrolment_apply(batch=BatchFactory(program__title="Tata Boga"), seeker=other, actor=other_seeker)
    client.force_login(other_seeker)
    assert "Tata Boga" in client.get(URL).content.decode()
    client.force_login(profile.user)
    assert "Tata Boga" not in client.get(URL).content.decode()
    client.get(URL, headers={"cookie": "django_language=en"})  # other language: its own entry
    client.force_login(other_seeker)
    assert "Tata Boga" in client.get(URL).content.decode()


def test_a_card_issued_and_its_message_show_at_once_and_reading_it_clears_the_badge(client, profile):
    client.force_login(profile.user)
    html = client.get(URL).content.decode()
    assert "nav-unread" not in html
    card = services.card_issue(seeker=profile, actor=None)  # the card and an inbox message
    html = client.get(URL).content.decode()
    assert card.number in html and 'data-testid="nav-unread">1<' in html
    notification_mark_read(notification=Notification.objects.inbox().get(recipient=profile.user))
    assert "nav-unread" not in client.get(URL).content.decode()


def test_a_cache_outage_costs_only_speed(client, profile, cache_down):
    enrolment_apply(batch=BatchFactory(program__title="Pengelasan SMAW"), seeker=profile, actor=profile.user)
    client.force_login(profile.user)
    with cache_down():
        response = client.get(URL)
    assert response.status_code == 200 and "Pengelasan SMAW" in response.content.decode()
