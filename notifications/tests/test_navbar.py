from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from notifications.selectors import unread_count

from .factories import NotificationFactory


def test_the_navbar_shows_the_unread_count_next_to_notifications(client, seeker, other_seeker):
    NotificationFactory.create_batch(3, recipient=seeker)
    NotificationFactory(recipient=seeker, read_at="2026-01-01T00:00:00Z")
    NotificationFactory(recipient=other_seeker)
    client.force_login(seeker)
    html = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="nav-unread">3<' in html
    assert 'class="visually-hidden"> belum dibaca</span>' in html


def test_no_badge_without_unread_messages(client, seeker):
    client.force_login(seeker)
    html = client.get(reverse("core:home")).content.decode()
    assert "Notifikasi" in html
    assert "nav-unread" not in html


def test_the_badge_costs_one_indexed_query_and_anonymous_visitors_none(client, seeker, django_assert_num_queries):
    NotificationFactory.create_batch(2, recipient=seeker)
    with django_assert_num_queries(0):
        client.get(reverse("core:home"))
    client.force_login(seeker)
    # session, user, groups (navbar roles), unread badge
    with django_assert_num_queries(4) as queries:
        client.get(reverse("core:home"))
    assert sum("COUNT(*)" in q["sql"] for q in queries.captured_queries) == 1


def test_unread_count_is_zero_for_anonymous_users(db):
    assert unread_count(AnonymousUser()) == 0
