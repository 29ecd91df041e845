import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role


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
