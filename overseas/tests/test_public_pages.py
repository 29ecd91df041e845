"""The public Japan-internship pages are kept rendered in the shared cache: a visitor reads no
database, and every change they show (an intake edited or unpublished, a stage renamed, a place
taken or given back) shows at once."""

from unittest import mock

import pytest
from django.urls import reverse

from overseas import services

pytestmark = pytest.mark.django_db


def _html(client, url):
    return client.get(url).content.decode()


def test_the_intake_list_is_cached_and_shows_changes_at_once(client, intake, apply, django_assert_num_queries):
    url = reverse("overseas:index")
    assert "50 dari 50 tempat tersisa" in _html(client, url)
    with django_assert_num_queries(0):  # a visitor: from the cache
        assert intake.name in _html(client, url)
    intake.name = "Magang Jepang 2026 gelombang khusus"
    intake.save()
    assert "gelombang khusus" in _html(client, url)
    candidacy = apply(intake)  # a place taken (a conditional UPDATE, not a save)
    assert "49 dari 50 tempat tersisa" in _html(client, url)
    services.candidacy_withdraw(candidacy=candidacy, reason="Pindah kerja", actor=candidacy.seeker.user)
    assert "50 dari 50 tempat tersisa" in _html(client, url)
    intake.is_published = False
    intake.save()
    assert intake.name not in _html(client, url)


def test_the_intake_page_is_cached_for_visitors_and_shows_changes_at_once(
    client, intake, apply, django_assert_num_queries
):
    url = intake.get_absolute_url()
    assert "50 dari 50 tempat tersisa" in _html(client, url)
    with django_assert_num_queries(0):
        html = _html(client, url)
    assert f"<title>{intake.name}" in html and "Masuk untuk mendaftar" in html
    stage = intake.stages.order_by("position").first()
    stage.name = "Seleksi berkas daring"
    stage.save()
    assert "Seleksi berkas daring" in _html(client, url)
    apply(intake)
    assert "49 dari 50 tempat tersisa" in _html(client, url)
    intake.is_published = False
    intake.save()
    assert client.get(url).status_code == 404


def test_a_logged_in_seeker_still_sees_their_own_candidacy(client, intake, apply, profile):
    url = intake.get_absolute_url()
    client.get(url)  # cached by a visitor
    client.force_login(profile.user)
    assert 'data-testid="apply-form"' in _html(client, url)
    services.candidacy_apply(intake=intake, seeker=profile, height_cm=170, weight_kg=60, actor=profile.user)
    html = _html(client, url)
    assert "Pendaftaran Anda:" in html and 'data-testid="apply-form"' not in html


def test_a_cache_outage_costs_only_the_work(client, intake):
    broken = mock.Mock(side_effect=ConnectionError("redis down"))
    with (
        mock.patch("django.core.cache.cache.get", broken),
        mock.patch("django.core.cache.cache.set", broken),
        mock.patch("django.core.cache.cache.delete_many", broken),
    ):
        assert intake.name in _html(client, reverse("overseas:index"))
        response = client.get(intake.get_absolute_url())
        assert response.status_code == 200 and "50 dari 50 tempat tersisa" in response.content.decode()
