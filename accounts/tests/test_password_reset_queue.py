"""The password-reset email is queued (ids only) and still sent when the broker is down."""

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from accounts.tasks import send_password_reset

pytestmark = pytest.mark.django_db


def test_the_reset_request_queues_only_the_account_id(client, seeker, monkeypatch, mailoutbox):
    queued = []
    monkeypatch.setattr(send_password_reset, "apply_async", lambda args, **kw: queued.append(args))
    client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    assert queued == [(seeker.pk, "testserver", False)]
    assert mailoutbox == []


def test_with_the_broker_down_the_reset_email_is_sent_from_the_request(client, seeker, monkeypatch, mailoutbox):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_password_reset, "apply_async", broker_down)
    response = client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/akun/atur-sandi/" in mailoutbox[0].body


def test_an_unknown_address_queues_nothing_and_gets_the_same_answer(client, monkeypatch):
    queued = []
    monkeypatch.setattr(send_password_reset, "apply_async", lambda args, **kw: queued.append(args))
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.id"})
    assert response.status_code == 302
    assert queued == []


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("en", "Reset your password for the Bekasi workforce portal"),
        ("id", "Atur ulang kata sandi Portal Ketenagakerjaan Bekasi"),
    ],
)
def test_the_worker_writes_the_email_in_the_account_holders_language(
    seeker, celery_eager, mailoutbox, language, subject
):
    seeker.language = language
    seeker.save(update_fields=["language"])
    send_password_reset.delay(seeker.pk, "kerja.bekasikab.go.id", True)
    assert mailoutbox[0].subject == subject
    assert "https://kerja.bekasikab.go.id/akun/atur-sandi/" in mailoutbox[0].body


def test_a_deactivated_account_gets_no_email(seeker, celery_eager, mailoutbox):
    seeker.is_active = False
    seeker.save(update_fields=["is_active"])
    send_password_reset.delay(seeker.pk, "kerja.bekasikab.go.id", True)
    assert mailoutbox == []
