from django.urls import reverse
from django.utils import timezone

from notifications.models import Channel, Notification

from .factories import NotificationFactory


def test_the_inbox_lists_only_the_persons_own_in_app_messages(client, seeker, other_seeker):
    mine = NotificationFactory(recipient=seeker, subject="Pelatihan Anda diterima")
    NotificationFactory(recipient=seeker, channel=Channel.EMAIL, subject="Salinan email")
    NotificationFactory(recipient=other_seeker, subject="Pinjaman Budi disetujui")
    client.force_login(seeker)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert mine.subject in html
    assert "Salinan email" not in html
    assert "Pinjaman Budi" not in html


def test_the_inbox_is_paginated_newest_first_with_a_fixed_number_of_queries(client, seeker, django_assert_num_queries):
    rows = NotificationFactory.create_batch(25, recipient=seeker)
    client.force_login(seeker)
    # session, user, groups (navbar roles), unread badge, page count, page rows
    with django_assert_num_queries(6):
        response = client.get(reverse("notifications:inbox"))
    page = response.context["page"]
    assert page.paginator.count == 25 and len(page.object_list) == 20
    assert page.object_list[0] == rows[-1]
    assert '<a class="page-link" href="?page=2" data-testid="next-page">Lebih lama</a>' in response.content.decode()
    second = client.get(reverse("notifications:inbox"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    assert '<a class="page-link" href="?page=1" data-testid="previous-page">Lebih baru</a>' in second.content.decode()


def test_marking_one_as_read_clears_it_from_the_badge(client, seeker):
    first, second = NotificationFactory.create_batch(2, recipient=seeker)
    client.force_login(seeker)
    response = client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert response.status_code == 302 and response.url == reverse("notifications:inbox")
    first.refresh_from_db(), second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    assert client.get(reverse("notifications:inbox")).context["notifications_unread"] == 1


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, seeker):
    notification = NotificationFactory(recipient=seeker, link="/pelatihan/")
    client.force_login(seeker)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"})
    assert response.url == "/pelatihan/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_can_mark_or_see_another_persons_notification(client, seeker, other_seeker):
    theirs = NotificationFactory(recipient=other_seeker)
    client.force_login(seeker)
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post_and_a_login(client, seeker):
    notification = NotificationFactory(recipient=seeker)
    url = reverse("notifications:mark_read", args=[notification.pk])
    assert client.post(url).url.startswith(reverse("accounts:login"))
    client.force_login(seeker)
    assert client.get(url).status_code == 405


def test_mark_all_as_read_touches_only_the_persons_own_unread_messages(client, seeker, other_seeker):
    NotificationFactory.create_batch(3, recipient=seeker)
    already = NotificationFactory(recipient=seeker, read_at=timezone.now() - timezone.timedelta(days=1))
    theirs = NotificationFactory(recipient=other_seeker)
    client.force_login(seeker)
    response = client.post(reverse("notifications:mark_all_read"), {"next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain[0][0] == reverse("notifications:inbox")  # no open redirect
    assert not Notification.objects.unread().filter(recipient=seeker).exists()
    assert Notification.objects.get(pk=already.pk).read_at == already.read_at
    assert Notification.objects.get(pk=theirs.pk).read_at is None
