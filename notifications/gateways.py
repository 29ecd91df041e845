"""SMS and WhatsApp gateways: one small interface, chosen by settings.

`NOTIFICATIONS_GATEWAY` names the class (dotted path). The console gateway is the default when
no gateway URL is configured; `HttpJsonGateway` talks to any provider that accepts a JSON POST
(directly, or through a thin relay run by Diskominfo). Gateways raise `DeliveryError`; whether a
failure is worth retrying is the gateway's call, because only it knows the provider's answers.
"""

import json
import logging
import re
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A message could not be delivered. `permanent` ones are not retried (a refused number)."""

    def __init__(self, message, *, permanent=False):
        super().__init__(message)
        self.permanent = permanent


def mask_phone(phone: str) -> str:
    """+6281234567890 -> +62812******90: enough to tell two numbers apart in a log, no more."""
    return phone[:6] + "*" * max(len(phone) - 8, 0) + phone[-2:] if phone else ""


_NUMBER = re.compile(r"\+?\d[\d\s-]{6,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def redact(text: str, *, limit: int = 500) -> str:
    """An error message fit for logs and the admin: no phone numbers, NIKs or email addresses."""
    text = _EMAIL.sub("[email]", str(text))
    return _NUMBER.sub("[number]", text)[:limit]


class Gateway:
    def send(self, *, channel: str, to: str, text: str, reference: str) -> None:
        """Deliver `text` to the mobile number `to` over `channel` ("sms" or "whatsapp").

        `reference` is unique per message and stable across retries: providers that support it
        drop a duplicate, which makes at-least-once delivery look like exactly-once to the person.
        """
        raise NotImplementedError


class ConsoleGateway(Gateway):
    """Development: writes the message to the log, with the number masked."""

    def send(self, *, channel, to, text, reference):
        logger.info("%s to %s (ref %s):\n%s", channel.upper(), mask_phone(to), reference, text)


class LocmemGateway(Gateway):
    """Tests: keeps the messages in `LocmemGateway.outbox`, like Django's locmem email backend."""

    outbox: list[dict] = []

    def send(self, *, channel, to, text, reference):
        LocmemGateway.outbox.append({"channel": channel, "to": to, "text": text, "reference": reference})


class HttpJsonGateway(Gateway):
    """POSTs `{"channel", "to", "text", "reference"}` as JSON to `SMS_GATEWAY_URL`.

    Sends `Authorization: Bearer <SMS_GATEWAY_TOKEN>` and `Idempotency-Key: <reference>`. A 2xx
    answer is success; 4xx (except 408 and 429) is a permanent refusal; anything else, including
    a timeout after `SMS_GATEWAY_TIMEOUT` seconds, is worth retrying.
    """

    def __init__(self, *, url=None, token=None, timeout=None):
        self.url = url or settings.SMS_GATEWAY_URL
        self.token = token if token is not None else settings.SMS_GATEWAY_TOKEN
        self.timeout = timeout or settings.SMS_GATEWAY_TIMEOUT
        if not self.url.startswith(("https://", "http://")):
            raise ValueError("SMS_GATEWAY_URL must be an http(s) URL.")

    def send(self, *, channel, to, text, reference):
        payload = json.dumps({"channel": channel, "to": to, "text": text, "reference": reference}).encode()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": reference,
                "User-Agent": "bekasi-jobs-notifications",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read(1024)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace")
            permanent = 400 <= exc.code < 500 and exc.code not in (408, 429)
            raise DeliveryError(f"gateway answered HTTP {exc.code}: {detail}", permanent=permanent) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DeliveryError(f"gateway unreachable: {type(reason).__name__}: {reason}") from exc


def get_gateway() -> Gateway:
    return import_string(settings.NOTIFICATIONS_GATEWAY)()
