"""The AK/1 card asked for twice at once (a double click, two tabs), on PostgreSQL with real
threads and connections: one card, one number consumed, no server error."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.models import Counter
from seekers.models import AK1Card
from seekers.tests.factories import CompleteJobSeekerFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_requests_issuing_the_card_at_once_make_one_card_with_one_number():
    profile = CompleteJobSeekerFactory()
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(profile.user)
    barrier = threading.Barrier(len(clients))
    responses = [None] * len(clients)

    def issue(i):
        try:
            barrier.wait()
            # The test client re-raises a view's exception: a 500 would be an exception here.
            responses[i] = clients[i].post(reverse("seekers:card_issue"))
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            responses[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [getattr(r, "status_code", r) for r in responses] == [302, 302]
    said = sorted(str(m) for r in responses for m in get_messages(r.wsgi_request))
    assert said == ["Anda sudah memiliki kartu AK/1 yang berlaku.", "Kartu AK/1 Anda sudah terbit."]
    card = AK1Card.objects.get()
    assert card.number.endswith("-000001")
    assert Counter.objects.get(name="ak1").last == 1  # the refused request took no number
