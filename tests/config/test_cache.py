"""config.cache: Django's Redis backend with its clients kept, against the
Redis server on 127.0.0.1:6379 (.ci/run starts it)."""

import secrets

from config.cache import RedisCache


def test_the_redis_cache_works_as_django_s_with_one_client_per_pool():
    cache = RedisCache("redis://127.0.0.1:6379/0", {"KEY_PREFIX": secrets.token_hex(8)})
    try:
        cache.set("history", [3.0, 2.0, 1.0], 60)
        assert cache.get("history") == [3.0, 2.0, 1.0]
        assert cache.add("count", 1, 60)
        assert not cache.add("count", 5, 60)
        assert cache.incr("count") == 2
        assert cache.get_many(["history", "count", "none"]) == {
            "history": [3.0, 2.0, 1.0],
            "count": 2,
        }
        client = cache._cache.get_client()
        assert cache._cache.get_client("count", write=True) is client
    finally:
        cache.delete_many(["history", "count"])
    assert cache.get("count") is None
