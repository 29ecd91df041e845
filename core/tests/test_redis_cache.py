"""The shared cache's backend: Django's Redis cache with one client object per connection pool."""

import os

import pytest

from core.redis_cache import RedisCache


def _backend(url):
    return RedisCache(url, {"OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2}})


def test_every_cache_call_reuses_one_client_per_pool():
    cache = _backend("redis://127.0.0.1:1/0")  # never connected: building a client does not connect
    clients = [cache._cache.get_client("a") for _ in range(3)] + [cache._cache.get_client("b", write=True)]
    assert all(client is clients[0] for client in clients)  # one server: reads and writes share its pool


@pytest.mark.redis
def test_the_backend_stores_reads_and_forgets_like_djangos():
    cache = _backend(os.environ["REDIS_URL"])
    cache.set("redis-cache-test:a", {"x": 1}, 30)
    cache.set_many({"redis-cache-test:b": 2, "redis-cache-test:c": "3"}, 30)
    assert cache.get("redis-cache-test:a") == {"x": 1}
    assert cache.get_many(["redis-cache-test:b", "redis-cache-test:c", "redis-cache-test:none"]) == {
        "redis-cache-test:b": 2, "redis-cache-test:c": "3",
    }  # fmt: skip
    assert cache.incr("redis-cache-test:b") == 3
    cache.delete_many(["redis-cache-test:a", "redis-cache-test:b", "redis-cache-test:c"])
    assert cache.get("redis-cache-test:a") is None and cache.get("redis-cache-test:b", "gone") == "gone"
