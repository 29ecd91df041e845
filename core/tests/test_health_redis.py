"""Against a real Redis of the test's own: probes fill nothing, and readiness follows an outage."""

import time

import pytest

from core.models import Heartbeat

pytestmark = pytest.mark.redis

# Commands that change a Redis dataset; none may run while the probes are called.
WRITE_COMMANDS = {
    "set", "setex", "psetex", "setnx", "getset", "getdel", "append", "incr", "incrby", "decr", "del", "unlink",
    "expire", "pexpire", "lpush", "rpush", "lpop", "rpop", "brpop", "blpop", "lrem", "lmove", "rpoplpush",
    "hset", "hmset", "hsetnx", "hdel", "hincrby", "sadd", "srem", "zadd", "zrem", "zincrby", "publish",
    "xadd", "eval", "evalsha", "multi", "exec", "flushdb", "flushall", "rename",
}  # fmt: skip


def _dataset(client):
    """Every key with its type and serialized value."""
    return {key: (client.type(key), client.dump(key)) for key in client.scan_iter()}


def _writes(client):
    stats = client.info("commandstats")
    return {name.removeprefix("cmdstat_"): s["calls"] for name, s in stats.items()
            if name.removeprefix("cmdstat_") in WRITE_COMMANDS}  # fmt: skip


def test_a_thousand_calls_of_each_probe_leave_the_broker_exactly_as_it_was(client, db, broker, private_redis):
    broker(private_redis.url)
    redis_client = private_redis.client()
    # A queue with a message nobody consumes (no worker runs), as during a worker outage.
    redis_client.lpush("celery", b'{"body": "a message waiting for a worker"}')
    Heartbeat.objects.create(process="worker", at="2026-11-29T00:00:00Z")
    before, writes_before = _dataset(redis_client), _writes(redis_client)
    heartbeats_before = list(Heartbeat.objects.values_list("process", "at"))

    for path in ("/healthz", "/readyz", "/readyz?full=1"):
        for _ in range(1000):
            response = client.get(path)
            assert response.status_code == 200, response.content

    assert _dataset(redis_client) == before
    assert redis_client.llen("celery") == 1
    assert _writes(redis_client) == writes_before  # not a single write command, not even one undone
    assert list(Heartbeat.objects.values_list("process", "at")) == heartbeats_before  # nor a row written
    assert redis_client.info("commandstats")["cmdstat_ping"]["calls"] >= 2000  # the probes did reach Redis


def _readyz_status(client):
    started = time.monotonic()
    response = client.get("/readyz")
    return response.status_code, time.monotonic() - started, response.json()


def test_readyz_answers_503_within_two_seconds_while_redis_is_stopped_and_200_once_it_is_back(
    client, db, broker, private_redis
):
    broker(private_redis.url)
    assert _readyz_status(client)[0] == 200

    private_redis.stop()
    status, seconds, body = _readyz_status(client)
    assert (status, body["checks"]["broker"]["status"]) == (503, "error")
    assert seconds < 2
    assert body["checks"]["database"]["status"] == "ok"

    private_redis.start()
    assert _readyz_status(client)[0] == 200


def test_readyz_answers_503_within_two_seconds_while_redis_hangs_and_200_once_it_answers(
    client, db, broker, private_redis
):
    broker(private_redis.url)
    assert _readyz_status(client)[0] == 200  # a pooled connection now exists

    private_redis.pause()  # accepts connections (the kernel does) but never answers
    try:
        for _ in range(2):  # on the pooled connection, then on a new one
            status, seconds, body = _readyz_status(client)
            assert (status, body["checks"]["broker"]["status"]) == (503, "error"), body
            assert body["checks"]["broker"]["error"] == "TimeoutError"
            assert seconds < 2
    finally:
        private_redis.resume()
    assert _readyz_status(client)[0] == 200
