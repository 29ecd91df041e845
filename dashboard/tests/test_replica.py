"""The replica router: with a replica configured, the dashboard's figures come from it, while
the signed-in user and the session are read from the primary. Two database aliases, each
with its own test database, so the figures show which one was read."""

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture
def replica_configured(settings):
    settings.READ_REPLICA_ALIAS = "replica"


def _dashboard(client, user, url):
    cache.clear()  # the figures are cached per filter combination: compute them in this request
    client.force_login(user)
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(q["sql"] for q in on_primary.captured_queries), " ".join(
        q["sql"] for q in on_replica.captured_queries
    )


@pytest.mark.parametrize("url_name", ["dashboard:index", "dashboard:export_xlsx"])
def test_with_a_replica_the_dashboard_figures_come_from_the_replica(client, tkp3d_member, replica_configured, url_name):
    on_primary, on_replica = _dashboard(client, tkp3d_member, reverse(url_name))
    assert "dashboard_summary" in on_replica
    assert "dashboard_summary" not in on_primary
    # The session and the signed-in user (and the permission check) were read from the primary.
    assert "django_session" in on_primary and "accounts_user" in on_primary
    assert "django_session" not in on_replica


def test_the_open_statistics_come_from_the_replica(client, replica_configured):
    cache.clear()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get(reverse("statistics:json")).status_code == 200
    assert "dashboard_summary" in " ".join(q["sql"] for q in on_replica.captured_queries)


def test_without_a_replica_everything_reads_from_the_primary(client, tkp3d_member):
    on_primary, on_replica = _dashboard(client, tkp3d_member, reverse("dashboard:index"))
    assert "dashboard_summary" in on_primary
    assert on_replica == ""


def test_writes_go_to_the_primary_even_inside_a_replica_block(replica_configured):
    from core.replica import replica_reads

    with replica_reads():
        user = UserFactory()
        assert User.objects.db_manager("default").filter(pk=user.pk).exists()
        assert not User.objects.db_manager("replica").filter(pk=user.pk).exists()
        # ...and a read in the block goes to the replica, where the new row is not (yet).
        assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=user.pk).exists()
