"""A person's permissions are read from the shared cache across requests (accounts/permissions_cache.py)
and a permission taken away is gone on their very next request, whichever way it was taken."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import permissions_cache, services
from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.caching import versioned_get, versioned_set

pytestmark = pytest.mark.django_db

PARTNER_PERM = "accounts.access_partner_portal"
VIEW_SEEKER = "seekers.view_jobseeker"


def _perm(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def next_request(user):
    """What the person's next request sees: a fresh user row, then its permissions, and how many
    queries loading them took (0: from the cache; 2: ModelBackend's own and group queries)."""
    fresh = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        perms = fresh.get_all_permissions()
        # The rest of the request checks again: never another query.
        fresh.has_perm(PARTNER_PERM)
        fresh.has_module_perms("seekers")
    return perms, len(queries)


@pytest.fixture
def partner():
    """A partner (a role's group) who was also given one permission of their own."""
    user = UserFactory(role=Role.PARTNER)
    user.user_permissions.add(_perm(VIEW_SEEKER))
    return user


@pytest.fixture
def warm(partner):
    """The partner's permissions are in the cache (their second request reads no permissions)."""
    assert next_request(partner) == ({PARTNER_PERM, VIEW_SEEKER}, 2)
    assert next_request(partner) == ({PARTNER_PERM, VIEW_SEEKER}, 0)
    return partner


def test_read_once_then_from_the_cache(warm):
    fresh = User.objects.get(pk=warm.pk)
    assert fresh.get_user_permissions() == {VIEW_SEEKER}
    assert fresh.get_group_permissions() == {PARTNER_PERM}
    assert fresh.has_perm(PARTNER_PERM) and fresh.has_perm(VIEW_SEEKER)
    assert not fresh.has_perm("seekers.change_jobseeker")
    assert fresh.has_module_perms("seekers") and not fresh.has_module_perms("financing")


def test_a_person_never_gets_another_persons_permissions(warm):
    bank = UserFactory(role=Role.BANK)
    nobody = UserFactory()
    assert next_request(bank) == ({"accounts.access_bank_portal"}, 2)
    assert next_request(nobody) == (set(), 2)
    assert next_request(nobody) == (set(), 0)
    assert next_request(bank) == ({"accounts.access_bank_portal"}, 0)
    assert next_request(warm) == ({PARTNER_PERM, VIEW_SEEKER}, 0)


# --- Losing a permission: every path, from either side ------------------------------------------


def test_own_permission_removed_from_the_users_side(warm):
    warm.user_permissions.remove(_perm(VIEW_SEEKER))
    assert next_request(warm)[0] == {PARTNER_PERM}


def test_own_permission_removed_from_the_permissions_side(warm):
    _perm(VIEW_SEEKER).user_set.remove(warm)
    assert next_request(warm)[0] == {PARTNER_PERM}


def test_own_permission_cleared_from_the_permissions_side(warm):
    _perm(VIEW_SEEKER).user_set.clear()
    assert next_request(warm)[0] == {PARTNER_PERM}


def test_own_permissions_cleared_and_set_from_the_users_side(warm):
    warm.user_permissions.clear()
    assert next_request(warm)[0] == {PARTNER_PERM}
    warm.user_permissions.set([_perm("seekers.change_jobseeker")])
    assert next_request(warm)[0] == {PARTNER_PERM, "seekers.change_jobseeker"}


def test_group_left_from_the_users_side(warm):
    warm.groups.remove(Group.objects.get(name=Role.PARTNER))
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_groups_cleared_from_the_users_side(warm):
    warm.groups.clear()
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_user_removed_from_the_groups_side(warm):
    Group.objects.get(name=Role.PARTNER).user_set.remove(warm)
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_groups_members_cleared_from_the_groups_side(warm):
    Group.objects.get(name=Role.PARTNER).user_set.clear()
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_permission_taken_from_the_group(warm):
    Group.objects.get(name=Role.PARTNER).permissions.remove(_perm(PARTNER_PERM))
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_group_taken_from_the_permissions_side(warm):
    _perm(PARTNER_PERM).group_set.remove(Group.objects.get(name=Role.PARTNER))
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_groups_permissions_cleared(warm):
    Group.objects.get(name=Role.PARTNER).permissions.clear()
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_group_deleted(warm):
    Group.objects.get(name=Role.PARTNER).delete()
    assert next_request(warm)[0] == {VIEW_SEEKER}


def test_permission_deleted(warm):
    _perm(VIEW_SEEKER).delete()
    assert next_request(warm)[0] == {PARTNER_PERM}


def test_deactivated_by_save_or_by_the_service(warm, disnaker_staff):
    warm.is_active = False
    warm.save()
    assert next_request(warm) == (set(), 0)
    warm.is_active = True
    warm.save(update_fields=["is_active"])
    assert next_request(warm) == ({PARTNER_PERM, VIEW_SEEKER}, 2)
    services.user_deactivate(user=warm, actor=disnaker_staff)
    assert next_request(warm) == (set(), 0)


def test_saves_that_may_change_the_flags_read_again_others_do_not(warm):
    warm.is_staff = True
    warm.save(update_fields=["is_staff"])
    assert next_request(warm) == ({PARTNER_PERM, VIEW_SEEKER}, 2)
    warm.save(update_fields=["last_login"])  # each login
    assert next_request(warm) == ({PARTNER_PERM, VIEW_SEEKER}, 0)
    warm.is_superuser = True
    warm.save()
    fresh = User.objects.get(pk=warm.pk)
    assert fresh.has_perm("financing.delete_loan")  # a superuser's checks need no permissions


def test_gaining_a_permission_shows_too(warm):
    warm.groups.add(Group.objects.get(name=Role.BANK))
    assert next_request(warm)[0] == {PARTNER_PERM, VIEW_SEEKER, "accounts.access_bank_portal"}
    Group.objects.get(name=Role.PARTNER).permissions.add(_perm("seekers.change_jobseeker"))
    assert "seekers.change_jobseeker" in next_request(warm)[0]


def test_an_entry_read_before_a_change_committed_is_not_served_after_it(warm, django_capture_on_commit_callbacks):
    """Another worker reads the rows before the removal commits and stores them under the
    versions set at the removal: the versions set again on commit outdate that entry."""
    key, versions = f"accounts:perms:{warm.pk}", [f"accounts:perms:v:{warm.pk}", permissions_cache.ALL_VERSION]
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.get(name=Role.PARTNER).user_set.remove(warm)
        _value, stamp = versioned_get(key, versions)
        versioned_set(key, stamp, ((VIEW_SEEKER,), (PARTNER_PERM,)), 60)  # the old rows
    assert next_request(warm)[0] == {VIEW_SEEKER}


# --- Only with a shared cache; an outage costs the queries -------------------------------------


def test_production_keeps_permissions_in_the_cache_only_with_redis():
    from bekasi_jobs import settings

    assert settings.PERMISSIONS_CACHE is bool(settings.REDIS_URL)


def test_off_without_a_shared_cache(partner, settings):
    settings.PERMISSIONS_CACHE = False
    assert next_request(partner) == ({PARTNER_PERM, VIEW_SEEKER}, 2)
    assert next_request(partner) == ({PARTNER_PERM, VIEW_SEEKER}, 2)


class _DeadCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("redis is down")

        return fail


def test_a_cache_outage_costs_the_queries_not_the_check(warm, monkeypatch):
    monkeypatch.setattr("core.caching.cache", _DeadCache())
    assert next_request(warm) == ({PARTNER_PERM, VIEW_SEEKER}, 2)
    warm.user_permissions.remove(_perm(VIEW_SEEKER))  # the bump fails too
    assert next_request(warm) == ({PARTNER_PERM}, 2)


# --- A staff page -------------------------------------------------------------------------------


def test_a_staff_page_refuses_on_the_next_request_once_the_groups_permission_is_gone(client):
    clerk = UserFactory(is_staff=True)
    clerks = Group.objects.create(name="seeker clerks")
    clerks.permissions.add(_perm(VIEW_SEEKER))
    clerk.groups.add(clerks)
    client.force_login(clerk)
    url = reverse("admin:seekers_jobseeker_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # permissions from the cache now
    clerks.permissions.remove(_perm(VIEW_SEEKER))
    assert client.get(url).status_code == 403
    clerks.permissions.add(_perm(VIEW_SEEKER))
    assert client.get(url).status_code == 200
    clerks.delete()
    assert client.get(url).status_code == 403
