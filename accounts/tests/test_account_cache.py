"""The logged-in person's account row and roles come from the shared cache (accounts/account_cache.py):
one query fewer on every page, and every change of the account still counts on the very next
request: deactivation, a new password (other sessions end), a verified number, a lost role."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import account_cache
from accounts.backends import EmailOrPhoneBackend
from accounts.models import User
from accounts.otp import phone_mark_verified
from accounts.roles import Role
from accounts.services import user_deactivate, user_set_language
from core.caching import versioned_get, versioned_set

URL = reverse("notifications:inbox")  # any page of a logged-in person, with the navbar
PARTNER_LINK = 'data-testid="nav-partner"'


@pytest.fixture(autouse=True)
def _on(settings):
    settings.ACCOUNT_CACHE = True


def _queries(client, url=URL):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _get_user(user):
    return EmailOrPhoneBackend().get_user(user.pk)


def test_the_row_and_the_roles_are_read_once_then_from_the_cache(client, partner_staff, settings):
    client.force_login(partner_staff)
    settings.ACCOUNT_CACHE = False
    _queries(client)
    uncached, html = _queries(client)
    settings.ACCOUNT_CACHE = True
    _queries(client)  # fills the entry
    cached, cached_html = _queries(client)
    assert cached == uncached - 1  # the account row (the roles were already cached on their own)
    assert PARTNER_LINK in cached_html and PARTNER_LINK in html


def test_the_cached_user_is_the_same_account(partner_staff, django_assert_num_queries):
    _get_user(partner_staff)
    with django_assert_num_queries(0):
        user = _get_user(partner_staff)
        assert user.roles == {Role.PARTNER}
    assert (user.pk, user.email, user.password, user.full_name, user.is_staff) == (
        partner_staff.pk, partner_staff.email, partner_staff.password, partner_staff.full_name, partner_staff.is_staff,
    )  # fmt: skip
    assert not user._state.adding and user._state.db == "default"


def test_a_deactivated_account_is_logged_out_on_the_next_request(client, disnaker_staff):
    client.force_login(disnaker_staff)
    _queries(client)
    _queries(client)
    user_deactivate(user=disnaker_staff, actor=disnaker_staff, reason="left the office")  # update(), no signal
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert _get_user(disnaker_staff) is None


def test_deactivated_by_a_save_too(seeker):
    _get_user(seeker)
    seeker.is_active = False
    seeker.save()
    assert _get_user(seeker) is None


def test_a_new_password_ends_the_other_sessions_on_their_next_request(client, seeker):
    client.force_login(seeker)
    _queries(client)
    _queries(client)
    account = User.objects.get(pk=seeker.pk)
    account.set_password("another-long-passphrase-2026")
    account.save()
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_number_verified_and_a_language_changed_show_at_once(seeker):
    assert _get_user(seeker).phone_verified_at is None
    phone_mark_verified(user=seeker)  # update(), no signal
    assert _get_user(seeker).phone_verified_at is not None
    user_set_language(user=seeker, language="en" if seeker.language != "en" else "id")
    assert _get_user(seeker).language == seeker.language


def test_a_lost_role_leaves_the_navbar_on_the_next_request(client, partner_staff):
    client.force_login(partner_staff)
    assert PARTNER_LINK in _queries(client)[1]
    assert PARTNER_LINK in _queries(client)[1]  # from the account entry now
    Group.objects.get(name=Role.PARTNER.value).user_set.remove(partner_staff)
    assert PARTNER_LINK not in _queries(client)[1]
    assert _get_user(partner_staff).roles == frozenset()


def test_a_deleted_account_is_gone(seeker):
    _get_user(seeker)
    pk = seeker.pk
    seeker.delete()
    assert EmailOrPhoneBackend().get_user(pk) is None


def test_an_entry_read_before_a_change_committed_is_not_served_after_it(seeker, django_capture_on_commit_callbacks):
    """Another worker reads the old row before a deactivation commits and stores it under the
    versions set at the change: the versions set again on commit outdate that entry."""
    _get_user(seeker)
    key = f"accounts:account:{seeker.pk}"
    old_entry, _stamp = versioned_get(key, account_cache_versions(seeker))
    with django_capture_on_commit_callbacks(execute=True):
        user_deactivate(user=seeker, actor=seeker)
        _value, stamp = versioned_get(key, account_cache_versions(seeker))
        versioned_set(key, stamp, old_entry, 60)  # the row as it was, is_active
    assert _get_user(seeker) is None


def account_cache_versions(user):
    from accounts.models import ROLES_ALL_VERSION_KEY, roles_version_key

    return [roles_version_key(user.pk), ROLES_ALL_VERSION_KEY]


def test_an_entry_with_other_columns_is_read_again(seeker):
    """After a migration adds or removes a column, entries written before it are not used."""
    key = f"accounts:account:{seeker.pk}"
    _get_user(seeker)
    (names, row, groups), stamp = versioned_get(key, account_cache_versions(seeker))
    versioned_set(key, stamp, (names[:-1], row[:-1], groups), 60)
    assert _get_user(seeker).date_joined == seeker.date_joined


def test_a_malformed_id_is_nobody(db):
    assert EmailOrPhoneBackend().get_user("not-a-number") is None


def test_a_cache_outage_costs_the_queries_not_the_login(client, seeker, cache_down):
    client.force_login(seeker)
    _queries(client)
    with cache_down():
        assert _get_user(seeker).pk == seeker.pk
        user_deactivate(user=seeker, actor=seeker)  # the bump fails too
        assert _get_user(seeker) is None  # read from the database


def test_production_keeps_the_account_in_the_cache_only_with_redis():
    from bekasi_jobs import settings

    assert settings.ACCOUNT_CACHE is bool(settings.REDIS_URL)


def test_off_without_a_shared_cache(seeker, settings, django_assert_num_queries):
    settings.ACCOUNT_CACHE = False
    assert not account_cache.enabled()
    _get_user(seeker)
    with django_assert_num_queries(1):
        assert _get_user(seeker).pk == seeker.pk
