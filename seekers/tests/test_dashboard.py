from django.urls import reverse

from seekers import sections, services

URL = reverse("seekers:dashboard")


def test_the_dashboard_shows_the_card_in_a_fixed_number_of_queries(
    client, profile, monkeypatch, django_assert_num_queries
):
    # Only seekers' own part: the sections of the apps above are counted in tests/test_seeker_dashboard.py.
    monkeypatch.setattr(sections, "_sections", {"profile": sections._sections["profile"]})
    services.card_issue(seeker=profile, actor=None)
    client.force_login(profile.user)
    # session; user; the id of the user's profile; the profile with its current card joined and
    # its completeness as EXISTS subqueries; the navbar's roles; the unread count
    number = profile.cards.get().number
    with django_assert_num_queries(6):
        html = client.get(URL).content.decode()
    assert number in html
    with django_assert_num_queries(2):  # then: session; user (roles and the blocks from the cache)
        assert number in client.get(URL).content.decode()


def test_a_new_account_is_asked_for_its_personal_data(client, seeker):
    client.force_login(seeker)
    html = client.get(URL).content.decode()
    assert reverse("seekers:profile_personal") in html
