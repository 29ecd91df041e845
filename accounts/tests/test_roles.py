import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory


def _perms(role):
    return set(Group.objects.get(name=role.value).permissions.values_list("content_type__app_label", "codename"))


def test_the_four_role_groups_exist(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_disnaker_staff_manage_project_data_but_cannot_rewrite_the_audit_trail(db):
    perms = _perms(Role.DISNAKER)
    assert ("accounts", "change_user") in perms
    assert ("core", "view_auditlog") in perms
    assert ("core", "change_kecamatan") in perms
    assert ("core", "change_auditlog") not in perms
    assert ("core", "delete_auditlog") not in perms


@pytest.mark.parametrize(
    ("role", "only_perm"),
    [
        (Role.TKP3D, ("accounts", "view_tkp3d_dashboard")),
        (Role.PARTNER, ("accounts", "access_partner_portal")),
        (Role.BANK, ("accounts", "access_bank_portal")),
    ],
)
def test_outside_roles_get_only_their_portal_permission(db, role, only_perm):
    assert _perms(role) == {only_perm}


def test_tkp3d_members_see_the_dashboard_and_others_do_not(client, tkp3d_member, seeker, bank_officer):
    url = reverse("dashboard:index")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(seeker)
    assert client.get(url).status_code == 403
    client.force_login(bank_officer)
    assert client.get(url).status_code == 403
    client.force_login(tkp3d_member)
    assert client.get(url).status_code == 200


def test_a_disnaker_clerk_cannot_grant_themselves_superuser_or_roles(client, disnaker_staff):
    client.force_login(disnaker_staff)
    url = reverse("admin:accounts_user_change", args=[disnaker_staff.pk])
    # Their own account is a staff account: only a superuser may change it (they may view it).
    response = client.post(url, {"email": disnaker_staff.email, "full_name": "x", "is_superuser": "on"})
    assert response.status_code == 403
    disnaker_staff.refresh_from_db()
    assert not disnaker_staff.is_superuser
    seeker = UserFactory()
    response = client.post(
        reverse("admin:accounts_user_change", args=[seeker.pk]),
        {"email": seeker.email, "full_name": "Changed", "language": "id", "is_active": "on",
         "is_staff": "on", "is_superuser": "on", "groups": [Group.objects.get(name=Role.DISNAKER.value).pk],
         "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"},
    )  # fmt: skip
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.full_name == "Changed"
    assert not seeker.is_staff and not seeker.is_superuser and not seeker.groups.exists()


def test_a_disnaker_clerk_cannot_set_the_password_of_a_staff_account(client, disnaker_staff):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(disnaker_staff)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[admin_user.pk]),
        {"password1": "taken over by a clerk", "password2": "taken over by a clerk"},
    )
    assert response.status_code == 403
    admin_user.refresh_from_db()
    assert not admin_user.check_password("taken over by a clerk")


def test_disnaker_staff_do_not_get_the_partner_or_bank_portals(disnaker_staff):
    assert not disnaker_staff.has_perm("accounts.access_partner_portal")
    assert not disnaker_staff.has_perm("accounts.access_bank_portal")
    assert not disnaker_staff.has_perm("accounts.delete_user")
