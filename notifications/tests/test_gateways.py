import logging
import time

import pytest

from notifications.gateways import ConsoleGateway, DeliveryError, HttpJsonGateway, mask_phone, redact


def test_the_http_gateway_posts_json_with_the_token_and_a_stable_reference(gateway_server):
    HttpJsonGateway().send(channel="whatsapp", to="+6281234567890", text="Halo & selamat", reference="notification-7")
    [request] = gateway_server.requests
    assert request["json"] == {
        "channel": "whatsapp",
        "to": "+6281234567890",
        "text": "Halo & selamat",
        "reference": "notification-7",
    }
    assert request["headers"]["Authorization"] == "Bearer test-token"
    assert request["headers"]["Idempotency-Key"] == "notification-7"
    assert request["headers"]["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("status", "permanent"), [(400, True), (404, True), (408, False), (429, False), (500, False), (503, False)]
)
def test_a_refusal_is_permanent_and_a_gateway_fault_is_worth_retrying(gateway_server, status, permanent):
    gateway_server.answers.append((status, 0))
    with pytest.raises(DeliveryError, match=f"HTTP {status}") as excinfo:
        HttpJsonGateway().send(channel="sms", to="+6281234567890", text="x", reference="r")
    assert excinfo.value.permanent is permanent


def test_a_slow_gateway_times_out_quickly_and_is_retried(gateway_server):
    gateway_server.answers.append((200, 2))
    started = time.monotonic()
    with pytest.raises(DeliveryError, match="unreachable") as excinfo:
        HttpJsonGateway().send(channel="sms", to="+6281234567890", text="x", reference="r")
    assert time.monotonic() - started < 1.5  # SMS_GATEWAY_TIMEOUT is 0.5 s here
    assert excinfo.value.permanent is False


def test_an_unreachable_gateway_is_worth_retrying():
    with pytest.raises(DeliveryError, match="unreachable") as excinfo:
        HttpJsonGateway(url="http://127.0.0.1:9/send", timeout=1).send(
            channel="sms", to="+62811", text="x", reference="r"
        )
    assert excinfo.value.permanent is False


def test_only_http_urls_are_accepted():
    with pytest.raises(ValueError, match="http"):
        HttpJsonGateway(url="file:///etc/passwd")


def test_the_console_gateway_logs_the_message_with_the_number_masked(caplog):
    with caplog.at_level(logging.INFO, logger="notifications.gateways"):
        ConsoleGateway().send(channel="sms", to="+6281234567890", text="Halo", reference="notification-1")
    assert "+62812******90" in caplog.text
    assert "6281234567890" not in caplog.text
    assert mask_phone("+6281234567890") == "+62812******90"


def test_error_messages_lose_numbers_and_addresses_before_they_are_stored_or_logged():
    text = redact("refused +62 812-3456-7890 and 3216014101900001 for rina@example.id: HTTP 400")
    assert text == "refused [number] and [number] for [email]: HTTP 400"
