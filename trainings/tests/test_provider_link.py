"""Partner pages scope by the institution's id, read once per person from the shared cache
(trainings.models.provider_of, a core.caching.UserLink): a change of the staff link counts on the
person's next request."""

import pytest
from django.urls import reverse

from trainings.models import ProviderStaff, provider_of

from .factories import BatchFactory, ProgramFactory


@pytest.fixture
def batch_a(institution_a):
    return BatchFactory(program=ProgramFactory(provider=institution_a))


@pytest.fixture
def batch_b(institution_b):
    return BatchFactory(program=ProgramFactory(provider=institution_b))


def _status(client, batch):
    return client.get(reverse("trainings:partner_batch", args=[batch.pk])).status_code


def test_a_partner_moved_to_another_institution_sees_only_its_batches_on_the_next_request(
    client, partner_staff, institution_b, batch_a, batch_b
):
    client.force_login(partner_staff)
    assert (_status(client, batch_a), _status(client, batch_b)) == (200, 404)
    assert (_status(client, batch_a), _status(client, batch_b)) == (200, 404)  # the link from the cache
    link = ProviderStaff.objects.get(user=partner_staff)
    link.provider = institution_b
    link.save()
    assert (_status(client, batch_a), _status(client, batch_b)) == (404, 200)


def test_an_unlinked_partner_sees_nothing_on_the_next_request(client, partner_staff, batch_a):
    client.force_login(partner_staff)
    assert _status(client, batch_a) == 200
    ProviderStaff.objects.filter(user=partner_staff).delete()
    assert _status(client, batch_a) == 404
    assert provider_of(partner_staff) is None


def test_the_link_is_read_once_then_from_the_cache(partner_staff, institution_a, django_assert_num_queries):
    assert provider_of(partner_staff) == institution_a.pk
    with django_assert_num_queries(0):
        assert provider_of(partner_staff) == institution_a.pk


def test_without_a_shared_cache_it_is_read_each_time(partner_staff, institution_a, settings, django_assert_num_queries):
    settings.PERMISSIONS_CACHE = False
    provider_of(partner_staff)
    with django_assert_num_queries(1):
        assert provider_of(partner_staff) == institution_a.pk


def test_a_cache_outage_costs_the_query(client, partner_staff, batch_a, cache_down):
    client.force_login(partner_staff)
    with cache_down():
        assert provider_of(partner_staff) == batch_a.program.provider_id
