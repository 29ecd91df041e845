"""Exact query counts of the seeker pages `make bench` drives (README, "Speed under load")."""

from django.db import connection
from django.urls import reverse

from core.models import Kecamatan
from seekers import sections, services

from .factories import CompleteJobSeekerFactory, JobSeekerFactory


def _own_sections_only(monkeypatch):
    # Only seekers' own part: the sections of the apps above are counted in tests/test_seeker_dashboard.py.
    monkeypatch.setattr(sections, "_sections", {"profile": sections._sections["profile"]})


def test_the_dashboard_runs_six_queries_of_its_own_then_three(client, profile, monkeypatch, django_assert_num_queries):
    _own_sections_only(monkeypatch)
    services.card_issue(seeker=profile, actor=None)
    client.force_login(profile.user)
    # Session, user, the id of the user's profile, the profile with its completeness (EXISTS) and
    # current card (joined), the user's roles, unread notifications.
    with django_assert_num_queries(6):
        html = client.get(reverse("seekers:dashboard")).content.decode()
    assert "100%" in html and profile.cards.get().number in html
    with django_assert_num_queries(2):  # session, user: the rest (roles too) is in the cache
        assert "100%" in client.get(reverse("seekers:dashboard")).content.decode()


def test_the_dashboard_still_names_what_is_missing(client, seeker, monkeypatch, django_assert_num_queries):
    _own_sections_only(monkeypatch)
    JobSeekerFactory(user=seeker)  # no education row, skills or photo
    client.force_login(seeker)
    with django_assert_num_queries(6):  # as above
        html = client.get(reverse("seekers:dashboard")).content.decode()
    for url_name in ("seekers:profile_education", "seekers:profile_skills", "seekers:profile_documents"):
        assert reverse(url_name) in html


def test_the_public_card_check_is_one_query(client, profile, django_assert_num_queries):
    card = services.card_issue(seeker=profile, actor=None)
    with django_assert_num_queries(1):  # the card with its holder
        assert client.get(card.get_verify_url()).status_code == 200


def test_the_staff_seeker_list_query_count_is_fixed(client, disnaker_staff, django_assert_num_queries):
    CompleteJobSeekerFactory.create_batch(3)
    client.force_login(disnaker_staff)
    url = reverse("admin:seekers_jobseeker_changelist")
    kecamatan = Kecamatan.objects.get(code="32.16.17")  # Muaragembong: not the factories' default
    # Session, user, own and group permissions, the kecamatan and education filters' choices
    # (then kept in the cache), (PostgreSQL: the table's size estimate), the COUNT, the rows
    # with kecamatan, education and the newest card's status, the user's roles.
    with django_assert_num_queries(10 if connection.vendor == "postgresql" else 9):
        client.get(url)
    # The choices, the roles and the permissions (accounts/permissions_cache.py) from the cache,
    # and the size estimate from the worker's memory (core.pagination).
    with django_assert_num_queries(4):
        client.get(url)
    CompleteJobSeekerFactory.create_batch(5, domicile_kecamatan=kecamatan)
    with django_assert_num_queries(4):  # filtered: counted exactly on every database
        response = client.get(url, {"domicile_kecamatan__id__exact": kecamatan.pk})
    assert len(response.context["cl"].result_list) == 5
