import pytest
from django.urls import reverse

from accounts import landing
from accounts.tests.factories import UserFactory


@pytest.fixture
def registry(monkeypatch):
    """An empty registry (the apps' own registrations are tested through the login flow)."""
    monkeypatch.setattr(landing, "_landings", {})
    return landing


def test_the_first_landing_that_applies_in_order_wins(registry):
    registry.register("seeker", registry.Landing(applies=lambda user: True, url_name="seekers:dashboard", order=1000))
    registry.register("staff", registry.Landing(applies=lambda user: user.is_staff, url_name="admin:index", order=0))
    assert registry.landing_url_name(UserFactory.build(is_staff=True)) == "admin:index"
    assert registry.landing_url_name(UserFactory.build(is_staff=False)) == "seekers:dashboard"


def test_an_app_registering_again_replaces_its_landing(registry):
    registry.register("bank", registry.Landing(applies=lambda user: True, url_name="old:page"))
    registry.register("bank", registry.Landing(applies=lambda user: True, url_name="financing:bank_home"))
    assert registry.landing_url_name(UserFactory.build()) == "financing:bank_home"


def test_someone_no_landing_applies_to_goes_home(registry, client, db):
    user = UserFactory()
    assert registry.landing_url_name(user) == "core:home"
    client.force_login(user)
    assert client.get(reverse("accounts:after_login")).url == reverse("core:home")
