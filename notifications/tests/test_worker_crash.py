"""A worker killed between the mail server's acceptance and the commit (issue 14).

The SMTP sink below stores each message when the terminating "." arrives (the mail server has
accepted it: it will deliver it) and, for the first one, holds back its "250 OK" while the test
SIGKILLs the worker: the row stays "sending", as after a crash at that exact moment. The
restarted worker's sweeper must find it and send it again within a minute, with the same
Message-ID, so the receiving side can drop the duplicate.
"""

import email
import os
import socket
import threading
import time

import pytest

from accounts.tests.factories import UserFactory
from notifications.models import Channel, Notification
from tests.toyapp.models import Ticket

from .realworker import Worker, require_real_services, wait_for
from .test_worker import _approve

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.urls"),
]


class SmtpSink:
    """A minimal SMTP server on 127.0.0.1 (ports 2590-2599). `messages` is what it accepted."""

    def __init__(self):
        self.messages: list[tuple[float, bytes]] = []
        self.accepted_first = threading.Event()
        self.release_first = threading.Event()
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for port in range(2590, 2600):
            try:
                self.server.bind(("127.0.0.1", port))
                break
            except OSError:
                continue
        else:
            pytest.skip("no free port in 2590-2599 for the SMTP sink")
        self.port = self.server.getsockname()[1]
        self.server.listen(8)
        self.server.settimeout(0.5)
        self.running = True
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while self.running:
            try:
                conn, _addr = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn):
        stream = conn.makefile("rb")
        try:
            conn.sendall(b"220 sink ESMTP\r\n")
            while True:
                line = stream.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250 sink\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    data = []
                    while (part := stream.readline()) not in (b".\r\n", b""):
                        data.append(part)
                    self.messages.append((time.monotonic(), b"".join(data)))
                    if len(self.messages) == 1:
                        self.accepted_first.set()
                        self.release_first.wait(60)  # the worker is killed while waiting for this
                    conn.sendall(b"250 queued\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")
        except OSError:
            return
        finally:
            conn.close()

    def message_ids(self):
        return [email.message_from_bytes(raw)["Message-ID"] for _t, raw in self.messages]

    def stop(self):
        self.running = False
        self.release_first.set()
        self.server.close()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    yield sink
    sink.stop()


def test_a_worker_killed_after_the_mail_server_accepted_leads_to_one_resend_within_a_minute_same_message_id(
    live_server, broker, smtp_sink, tmp_path, record_property
):
    require_real_services()
    broker(os.environ["REDIS_URL"])
    # The production timings (settings.py), not the fast ones of the other worker tests.
    worker = Worker(
        broker_url=os.environ["REDIS_URL"],
        tmp_path=tmp_path,
        extra_env={
            "TEST_SMTP_PORT": str(smtp_sink.port),
            "NOTIFICATIONS_SWEEP_SECONDS": "15",
            "NOTIFICATIONS_STUCK_AFTER_SECONDS": "60",
            "NOTIFICATIONS_SENDING_TIMEOUT_SECONDS": "30",
        },
    )
    try:
        worker.wait_ready()

        ticket = Ticket.objects.create(owner=UserFactory())
        _elapsed, answer = _approve(live_server, ticket)
        assert answer == {"status": "approved"}
        [row] = Notification.objects.filter(channel=Channel.EMAIL)

        assert smtp_sink.accepted_first.wait(20), "the worker never sent the email"
        worker.kill()
        killed = time.monotonic()
        smtp_sink.release_first.set()
        assert Notification.objects.get(pk=row.pk).status == Notification.Status.SENDING

        worker.keep_alive()  # the supervisor restarts it
        worker.wait_ready()
        wait_for(lambda: len(smtp_sink.messages) >= 2, timeout=75, interval=0.2, what="the re-send")
        resent_after = smtp_sink.messages[1][0] - killed
        wait_for(
            lambda: Notification.objects.get(pk=row.pk).status == Notification.Status.SENT, timeout=10, what="sent"
        )
        time.sleep(2)  # nothing more comes
    finally:
        worker.stop()
        print("--- worker log ---\n" + "\n".join(worker.log_path.read_text(errors="replace").splitlines()[-60:]))

    ids = smtp_sink.message_ids()
    assert len(ids) == 2, ids
    assert ids[0] == ids[1] == f"<notification-{row.pk}@{ids[0].split('@', 1)[1]}"
    assert resent_after < 60
    assert Notification.objects.get(pk=row.pk).attempts == 2
    record_property("resend_seconds_after_kill", round(resent_after, 1))
    print(f"\nre-sent {resent_after:.1f} s after the worker was killed")
