import pytest

from accounts import otp


@pytest.fixture
def sent_codes(monkeypatch):
    """The codes accounts hands to its sender (the SMS itself is the notifications app's job;
    tests/test_phone_recovery.py follows one through the outbox)."""
    sent = []
    monkeypatch.setattr(otp, "_sender", lambda **kwargs: sent.append(kwargs))
    for phone in ("+6281234567890", "+6285712345678"):
        otp.throttle_reset(phone=phone)
    otp.throttle_reset(ip="127.0.0.1")
    yield sent
    otp.throttle_reset(ip="127.0.0.1")
