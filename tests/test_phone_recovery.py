"""A one-time code travels through the notifications outbox to the SMS gateway, and only its
hash stays behind (accounts/otp.py, notifications.services.one_time_code_send)."""

import re

import pytest
from django.urls import reverse

from accounts import otp
from accounts.tests.factories import UserFactory
from notifications.gateways import LocmemGateway
from notifications.models import Channel, Notification
from notifications.sending import SENT_CODE_PLACEHOLDER

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone_only(db):
    otp.throttle_reset(phone="+6285712345678", ip="127.0.0.1")
    LocmemGateway.outbox.clear()
    return UserFactory(email=None, phone="+6285712345678", full_name="Asep Saepudin", language="id")


def test_the_code_goes_by_sms_to_an_unverified_number_and_leaves_no_trace_in_the_outbox(
    client, phone_only, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"identifier": "0857 1234 5678"})
    [sms] = LocmemGateway.outbox
    assert (sms["channel"], sms["to"]) == ("sms", "+6285712345678")
    assert "kata sandi" in sms["text"]
    code = re.search(r"\b(\d{6})\b", sms["text"]).group(1)
    row = Notification.objects.get(recipient=phone_only)
    assert (row.channel, row.status) == (Channel.SMS, Notification.Status.SENT)
    assert code not in row.body and row.body == SENT_CODE_PLACEHOLDER
    assert not Notification.objects.filter(channel=Channel.INBOX).exists()
