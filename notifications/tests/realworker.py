"""A real Celery worker (and, for the fault test, a private Redis) as subprocesses of a test.

The worker uses the test database (pytest-django's `test_<name>`; the test must be
`transaction=True` so the worker sees its rows) and writes email to files the test reads. The
sweeper runs every second with a two-second grace period, so a lost message is found in seconds,
not minutes.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SWEEP_SECONDS = 1
STUCK_AFTER_SECONDS = 2


def require_real_services():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: this test runs a real Celery worker against Redis (CI sets it)")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the worker shares the test database, which SQLite cannot")


def worker_database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_for(condition, *, timeout, interval=0.05, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Worker:
    """A worker run the way production runs it: under a supervisor that restarts it if it exits.

    That matters for the fault test: when Redis dies while the worker holds an unacknowledged
    message, Celery 5.7's Redis transport can exit the worker ("Unrecoverable error:
    AttributeError ... 'hostname'" while restoring unacked messages; celery/kombu#582 and #970
    describe the same path). systemd's `Restart=always` brings it back; `keep_alive()` here.
    """

    def __init__(self, *, broker_url, tmp_path, queues=None, beat=True, name="notify-test", extra_env=None):
        self.mail_dir = tmp_path / "mail"
        self.log_path = tmp_path / f"{name}.log"
        self.restarts = 0
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": broker_url,
            "TEST_EMAIL_FILE_PATH": str(self.mail_dir),
            "NOTIFICATIONS_SWEEP_SECONDS": str(SWEEP_SECONDS),
            "NOTIFICATIONS_STUCK_AFTER_SECONDS": str(STUCK_AFTER_SECONDS),
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "bekasi_jobs",
            "worker",
            *(["--beat", "--schedule", str(tmp_path / "beat-schedule")] if beat else []),
            *(["--queues", ",".join(queues)] if queues else []),
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
            "--hostname",
            f"{name}-{os.getpid()}@%h",
        ]
        self.log = self.log_path.open("ab")
        self.process = self._spawn()

    def _spawn(self):
        # Its own session: stopping it stops its embedded beat process too, and nothing else.
        return subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def keep_alive(self):
        if self.process.poll() is not None:
            self.restarts += 1
            self.log.write(f"\n--- worker exited with {self.process.returncode}; restarting ---\n".encode())
            self.log.flush()
            self.process = self._spawn()

    def wait_ready(self, timeout=30):
        wait_for(
            lambda: b" ready." in self.log_path.read_bytes() or self.process.poll() is not None,
            timeout=timeout,
            what="the worker to start",
        )
        if self.process.poll() is not None:
            raise AssertionError("the worker died:\n" + self.log_path.read_text(errors="replace")[-3000:])

    def emails(self) -> dict[int, int]:
        """How many emails were written per notification id."""
        counts: dict[int, int] = {}
        if self.mail_dir.is_dir():
            for path in self.mail_dir.iterdir():
                for match in re.finditer(rb"^X-Bekasi-Notification: (\d+)\r?$", path.read_bytes(), re.MULTILINE):
                    counts[int(match[1])] = counts.get(int(match[1]), 0) + 1
        return counts

    def kill(self):
        """SIGKILL, the worker and its beat: what an OOM kill or a power cut does."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


def _port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class PrivateRedis:
    """A throwaway redis-server on a free port in 6390-6399, owned by one test: the fault test
    pauses and kills this one, never the shared Redis."""

    def __init__(self, tmp_path):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            pytest.skip("redis-server is not installed")
        self.tmp_path = tmp_path
        self.port = next((p for p in range(6390, 6400) if _port_is_free(p)), None)
        if self.port is None:
            pytest.skip("no free port in 6390-6399 for a private redis-server")
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.tmp_path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_timeout=1)
        wait_for(lambda: self._ping(client), timeout=10, what="the private redis-server")

    @staticmethod
    def _ping(client):
        try:
            return client.ping()
        except redis.RedisError:
            return False

    def is_drained(self) -> bool:
        """No message waiting in any queue, none delivered but unacknowledged."""
        client = redis.Redis(port=self.port, socket_timeout=1)
        queues = ("celery", "notifications", "reports", "imports")
        return all(client.llen(queue) == 0 for queue in queues) and client.hlen("unacked") == 0

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a stopped process cannot act on SIGTERM
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
