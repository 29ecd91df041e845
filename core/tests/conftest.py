import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis

from bekasi_jobs.celery import app as celery_app

# Ports for throwaway redis-servers of these tests (the notifications fault test uses 6390-6391 first).
PRIVATE_REDIS_PORTS = range(6392, 6400)


@pytest.fixture
def broker(settings):
    """Point Celery at a broker URL for one test (not eager), then restore the app's pools."""
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)

    def use(url):
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False
        settings.CELERY_TASK_ALWAYS_EAGER = False
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    yield use
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class PrivateRedis:
    """A redis-server of one test's own, which it may stop, pause and start again (never the shared one)."""

    def __init__(self, tmp_path):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            pytest.skip("redis-server is not installed")
        self.tmp_path = tmp_path
        self.port = next((p for p in PRIVATE_REDIS_PORTS if _port_is_free(p)), None)
        if self.port is None:
            pytest.skip(f"no free port in {PRIVATE_REDIS_PORTS} for a private redis-server")
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=2)

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", str(self.tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise AssertionError("the private redis-server did not start")

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


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    yield server
    server.stop()
