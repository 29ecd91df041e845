"""The replica router: with a replica configured, the dashboard's figures come from it, while
the signed-in user and the session are read from the primary. Two database aliases, each
with its own test database, so the figures show which one was read."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture
def replica_configured(settings):
    settings.READ_REPLICA_ALIAS = "replica"


@pytest.fixture
def three_seekers_on_the_primary_and_one_on_the_replica(db):
    UserFactory.create_batch(3)
    User.objects.db_manager("replica").create_user("only-here@example.id", "sate maranggi enak", full_name="Replika")


def _dashboard(client, user):
    client.force_login(user)
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    return response, on_primary, on_replica


def test_with_a_replica_the_dashboard_figures_come_from_the_replica(
    client, tkp3d_member, replica_configured, three_seekers_on_the_primary_and_one_on_the_replica
):
    response, on_primary, on_replica = _dashboard(client, tkp3d_member)
    assert response.context["account_count"] == 1
    assert any("COUNT(*)" in q["sql"] and "accounts_user" in q["sql"] for q in on_replica.captured_queries)
    # The session and the signed-in user (and the permission check) were read from the primary.
    primary_sql = " ".join(q["sql"] for q in on_primary.captured_queries)
    assert "django_session" in primary_sql
    assert "accounts_user" in primary_sql
    assert not any("django_session" in q["sql"] for q in on_replica.captured_queries)


def test_without_a_replica_everything_reads_from_the_primary(
    client, tkp3d_member, three_seekers_on_the_primary_and_one_on_the_replica
):
    response, on_primary, on_replica = _dashboard(client, tkp3d_member)
    assert response.context["account_count"] == 3
    assert on_replica.captured_queries == []


def test_writes_go_to_the_primary_even_inside_a_replica_block(replica_configured):
    from core.replica import replica_reads

    with replica_reads():
        user = UserFactory()
        assert User.objects.db_manager("default").filter(pk=user.pk).exists()
        assert not User.objects.db_manager("replica").filter(pk=user.pk).exists()
        # ...and a read in the block goes to the replica, where the new row is not (yet).
        assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=user.pk).exists()
