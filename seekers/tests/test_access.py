"""Personal data by role: a seeker sees only their own; staff only with the permission, audited."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.models import AuditLog
from seekers import services
from seekers.models import Document
from seekers.tests.factories import CompleteJobSeekerFactory


@pytest.fixture
def other_profile(other_seeker):
    profile = CompleteJobSeekerFactory(user=other_seeker)
    services.card_issue(seeker=profile, actor=None)
    return profile


def _private_urls(profile):
    photo = Document.objects.get(seeker=profile, kind="photo")
    card = profile.cards.get()
    return [
        reverse("seekers:document", args=[photo.pk]),
        reverse("seekers:document_thumbnail", args=[photo.pk]),
        reverse("seekers:card_pdf", args=[card.pk]),
    ]


def test_seeker_a_cannot_reach_seeker_bs_documents_or_card_by_any_url(client, profile, other_profile):
    client.force_login(profile.user)
    for url in _private_urls(other_profile):
        assert client.get(url).status_code == 404, url
    # and their own pages show their own data only
    html = client.get(reverse("seekers:dashboard")).content.decode()
    assert other_profile.full_name not in html


def test_anonymous_visitors_are_sent_to_log_in(client, other_profile):
    for url in _private_urls(other_profile):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response.url


@pytest.mark.parametrize("persona", ["partner_staff", "bank_officer", "tkp3d_member"])
def test_other_roles_cannot_open_seekers_documents(client, request, other_profile, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in _private_urls(other_profile):
        assert client.get(url).status_code == 404


def test_staff_with_the_permission_open_documents_and_every_view_is_audited(client, disnaker_staff, other_profile):
    client.force_login(disnaker_staff)
    for url in _private_urls(other_profile):
        assert client.get(url).status_code == 200
    actions = set(AuditLog.objects.filter(actor=disnaker_staff).values_list("action", flat=True))
    assert {"viewed_photo", "viewed_card"} <= actions


def test_staff_without_the_permission_cannot(client, other_profile):
    clerk = UserFactory(is_staff=True)  # staff flag, but no Disnaker role
    client.force_login(clerk)
    for url in _private_urls(other_profile):
        assert client.get(url).status_code == 404


def test_the_admin_masks_the_nik_for_staff_without_the_full_nik_permission(client, other_profile):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_jobseeker"))
    client.force_login(viewer)
    html = client.get(reverse("admin:seekers_jobseeker_change", args=[other_profile.pk])).content.decode()
    assert other_profile.nik not in html
    assert other_profile.masked_nik in html


def test_opening_a_profile_in_the_admin_with_the_permission_shows_and_audits_the_full_nik(
    client, disnaker_staff, other_profile
):
    client.force_login(disnaker_staff)
    html = client.get(reverse("admin:seekers_jobseeker_change", args=[other_profile.pk])).content.decode()
    assert other_profile.nik in html
    assert AuditLog.objects.filter(actor=disnaker_staff, action="viewed_nik", object_id=other_profile.pk).exists()


def test_roles_are_staff_only_in_the_admin(client, partner_staff):
    client.force_login(partner_staff)
    assert client.get(reverse("admin:seekers_jobseeker_changelist")).status_code == 302


def test_disnaker_role_has_the_full_nik_permission(disnaker_staff):
    assert disnaker_staff.has_perm("seekers.view_full_nik")
    assert Role.DISNAKER in disnaker_staff.roles
