import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bekasi_jobs.celery import app as celery_app
from notifications.gateways import LocmemGateway
from notifications.services import broker_pause
from tests.toyapp.models import Ticket


@pytest.fixture(autouse=True)
def _notifications_test_state(celery_eager):
    """Every test here starts with tasks run in-process, an empty SMS outbox and no broker pause
    left over from another test (the pause is per process)."""
    LocmemGateway.outbox.clear()
    broker_pause.reset()
    yield
    broker_pause.reset()


@pytest.fixture
def broker(settings):
    """Point Celery at a real broker URL for one test (tasks published, not run), then restore."""
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)

    def use(url):
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER = False
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    yield use
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def toy_ticket(seeker):
    return Ticket.objects.create(owner=seeker)


class _GatewayServer:
    """A fake SMS gateway on 127.0.0.1: records each request, answers from a script."""

    def __init__(self):
        self.requests = []
        self.answers = []  # (status, delay_seconds), used in order; then 200
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/send"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                server.requests.append({"headers": dict(self.headers), "json": json.loads(body)})
                status, delay = server.answers.pop(0) if server.answers else (200, 0)
                time.sleep(delay)
                payload = b'{"error": "refused +6281234567890"}' if status >= 400 else b'{"id": "abc"}'
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def gateway_server(settings):
    server = _GatewayServer()
    server.thread.start()
    settings.NOTIFICATIONS_GATEWAY = "notifications.gateways.HttpJsonGateway"
    settings.SMS_GATEWAY_URL = server.url
    settings.SMS_GATEWAY_TOKEN = "test-token"
    settings.SMS_GATEWAY_TIMEOUT = 0.5
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
