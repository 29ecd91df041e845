import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.urls import reverse

from core.models import AuditLog
from notifications.models import Channel, Notification

from .factories import NotificationFactory

CHANGELIST = reverse("admin:notifications_notification_changelist")


@pytest.fixture
def staff_client(client, disnaker_staff):
    client.force_login(disnaker_staff)
    return client


def test_the_log_lists_with_a_fixed_number_of_queries_whatever_the_rows(
    staff_client, seeker, django_assert_num_queries
):
    NotificationFactory.create_batch(3, recipient=seeker)
    # session, user, user permissions, group permissions, count, the page's rows joined with
    # their recipients, the user's groups (navbar roles context processor); no unread badge;
    # on PostgreSQL the table-size estimate first (core.pagination: then kept a minute per worker)
    with django_assert_num_queries(7 + (connection.vendor == "postgresql")):
        staff_client.get(CHANGELIST)
    NotificationFactory.create_batch(30, channel=Channel.EMAIL)  # thirty different recipients
    # The same, but the user's roles and the two permission queries read from the cache since the
    # first page (accounts.models.User.roles, accounts/permissions_cache.py), and the estimate
    # from the worker's memory.
    with django_assert_num_queries(4):
        response = staff_client.get(CHANGELIST)
    assert response.status_code == 200


def test_the_log_filters_by_status_channel_event_and_date(staff_client, seeker):
    failed = NotificationFactory(
        recipient=seeker, channel=Channel.SMS, status="failed", last_error="gateway answered HTTP 503"
    )
    NotificationFactory(recipient=seeker)
    response = staff_client.get(
        CHANGELIST,
        {
            "status__exact": "failed",
            "channel__exact": "sms",
            "event": "toyapp.ticket_approved",
            "created_at__gte": "2000-01-01 00:00:00+07:00",
        },
    )
    assert list(response.context["cl"].result_list) == [failed]
    html = response.content.decode()
    assert "gateway answered HTTP 503" in html  # the failure reason, visible to staff
    assert "toyapp.ticket_approved" in html  # the event filter, from the template folders


def test_the_log_never_shows_or_searches_phone_numbers(staff_client, seeker):
    NotificationFactory(recipient=seeker, channel=Channel.SMS)
    html = staff_client.get(CHANGELIST).content.decode()
    assert seeker.full_name in html and seeker.phone not in html
    assert not staff_client.get(CHANGELIST, {"q": seeker.phone}).context["cl"].result_list
    assert len(staff_client.get(CHANGELIST, {"q": seeker.email}).context["cl"].result_list) == 1


def test_a_notification_opens_read_only_with_its_rendered_text(staff_client, seeker):
    notification = NotificationFactory(recipient=seeker, body="Isi lengkap pemberitahuan.")
    response = staff_client.get(reverse("admin:notifications_notification_change", args=[notification.pk]))
    html = response.content.decode()
    assert "Isi lengkap pemberitahuan." in html
    assert 'name="body"' not in html  # no input: read-only
    assert seeker.phone not in html


def test_resend_queues_failed_and_sent_messages_again_through_the_service(
    staff_client, seeker, disnaker_staff, django_capture_on_commit_callbacks
):
    failed = NotificationFactory(recipient=seeker, channel=Channel.EMAIL, status="failed", attempts=6, last_error="x")
    inbox = NotificationFactory(recipient=seeker)
    pending = NotificationFactory(recipient=seeker, channel=Channel.EMAIL, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST,
            {"action": "resend", "_selected_action": [failed.pk, inbox.pk, pending.pk]},
            follow=True,
        )
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=pending.pk).status == "pending"  # on its way already
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 2
    entry = AuditLog.objects.get(content_type=ContentType.objects.get_for_model(Notification))
    assert (entry.actor, entry.object_id, entry.action) == (disnaker_staff, failed.pk, "notification_resend")


def test_people_without_the_change_permission_cannot_resend(client, seeker, django_user_model):
    viewer = django_user_model.objects.create_user("viewer@example.id", "x", full_name="Viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_notification"))
    client.force_login(viewer)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["action_form"] is None  # no action offered at all


def test_staff_cannot_add_edit_or_delete_log_entries(staff_client, seeker):
    notification = NotificationFactory(recipient=seeker)
    assert staff_client.get(reverse("admin:notifications_notification_add")).status_code == 403
    assert (
        staff_client.post(reverse("admin:notifications_notification_delete", args=[notification.pk])).status_code == 403
    )
