"""The seeker dashboard with the sections the apps above seekers register (trainings today)."""

from django.urls import reverse

from seekers import services
from trainings.services import enrolment_apply
from trainings.tests.factories import BatchFactory

URL = reverse("seekers:dashboard")


def test_the_dashboard_shows_card_and_trainings_in_a_fixed_number_of_queries(
    client, profile, django_assert_num_queries
):
    services.card_issue(seeker=profile, actor=None)
    client.force_login(profile.user)
    enrolment_apply(batch=BatchFactory(program__title="Pengelasan SMAW"), seeker=profile, actor=profile.user)
    # session; user; the profile with its current card joined and its completeness as EXISTS
    # subqueries; the navbar's roles; trainings' section: the enrolments with batch and programme;
    # placements' section: vacancies for you; overseas' section: the candidacy; financing's
    # section: the loan applications; the unread count
    with django_assert_num_queries(9):
        html = client.get(URL).content.decode()
    assert "Pengelasan SMAW" in html and profile.cards.get().number in html
    for _ in range(4):
        enrolment_apply(batch=BatchFactory(), seeker=profile, actor=profile.user)
    with django_assert_num_queries(9):  # the same queries with five trainings as with one
        assert client.get(URL).status_code == 200
