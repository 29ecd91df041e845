from django.urls import reverse

from seekers import services
from trainings.services import enrolment_apply
from trainings.tests.factories import BatchFactory

URL = reverse("seekers:dashboard")


def test_the_dashboard_shows_card_and_trainings_in_a_fixed_number_of_queries(
    client, profile, django_assert_max_num_queries
):
    services.card_issue(seeker=profile, actor=None)
    client.force_login(profile.user)
    enrolment_apply(batch=BatchFactory(program__title="Pengelasan SMAW"), seeker=profile, actor=profile.user)
    with django_assert_max_num_queries(20) as first:
        html = client.get(URL).content.decode()
    assert "Pengelasan SMAW" in html and profile.cards.get().number in html
    for _ in range(4):
        enrolment_apply(batch=BatchFactory(), seeker=profile, actor=profile.user)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(URL).status_code == 200


def test_a_new_account_is_asked_for_its_personal_data(client, seeker):
    client.force_login(seeker)
    html = client.get(URL).content.decode()
    assert reverse("seekers:profile_personal") in html
