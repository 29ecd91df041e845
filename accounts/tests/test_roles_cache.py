"""`User.roles` is kept in the shared cache (no groups query per request) and forgotten at once by
every change it is made of: a role granted or lost shows on the person's next request."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_deactivate

URL = reverse("notifications:inbox")  # any page with the navbar
PARTNER_LINK = 'data-testid="nav-partner"'


def _page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _fresh(user):
    return User.objects.get(pk=user.pk)  # as the next request loads it


def test_roles_are_read_once_then_from_the_cache(partner_staff, django_assert_num_queries):
    first, second = _fresh(partner_staff), _fresh(partner_staff)
    with django_assert_num_queries(1):
        assert first.roles == {Role.PARTNER}
    with django_assert_num_queries(0):
        assert second.roles == {Role.PARTNER}


def _remove_forward(user, group):
    user.groups.remove(group)


def _remove_reverse(user, group):
    group.user_set.remove(user)


def _clear_reverse(user, group):
    group.user_set.clear()


def _set_forward(user, group):
    user.groups.set([])


def _rename(user, group):
    group.name = "former_partner_staff"
    group.save()


def _delete(user, group):
    group.delete()


@pytest.mark.parametrize(
    "change", [_remove_forward, _remove_reverse, _clear_reverse, _set_forward, _rename, _delete],
    ids=["user.groups.remove", "group.user_set.remove", "group.user_set.clear", "user.groups.set", "group renamed",
         "group deleted"],
)  # fmt: skip
def test_a_lost_role_leaves_the_navbar_on_the_next_request(client, partner_staff, change):
    client.force_login(partner_staff)
    assert PARTNER_LINK in _page(client)
    assert PARTNER_LINK in _page(client)  # now from the cache
    change(partner_staff, Group.objects.get(name=Role.PARTNER.value))
    assert PARTNER_LINK not in _page(client)
    assert _fresh(partner_staff).roles == frozenset()


@pytest.mark.parametrize("reverse_side", [False, True], ids=["user.groups.add", "group.user_set.add"])
def test_a_granted_role_shows_on_the_next_request(client, seeker, reverse_side):
    client.force_login(seeker)
    html = _page(client)
    assert PARTNER_LINK not in html and 'data-testid="nav-seeker"' in html
    group = Group.objects.get(name=Role.PARTNER.value)
    if reverse_side:
        group.user_set.add(seeker)
    else:
        seeker.groups.add(group)
    html = _page(client)
    assert PARTNER_LINK in html and 'data-testid="nav-seeker"' not in html


def test_a_deactivated_account_has_its_roles_read_afresh(partner_staff, disnaker_staff, django_assert_num_queries):
    assert _fresh(partner_staff).roles == {Role.PARTNER}
    user_deactivate(user=partner_staff, actor=disnaker_staff, reason="left the institution")
    user = _fresh(partner_staff)
    with django_assert_num_queries(1):  # the cached roles were forgotten with the account's change
        assert user.roles == {Role.PARTNER}


def test_a_cache_outage_costs_only_the_query(partner_staff, django_assert_num_queries):
    user = _fresh(partner_staff)
    with (
        mock.patch("django.core.cache.cache.get_many", side_effect=ConnectionError),
        mock.patch("django.core.cache.cache.set_many", side_effect=ConnectionError),
        mock.patch("django.core.cache.cache.set", side_effect=ConnectionError),
        django_assert_num_queries(1),
    ):
        assert user.roles == {Role.PARTNER}
