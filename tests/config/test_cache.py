"""config.cache: Django's Redis backend with its clients kept, against the
Redis server on 127.0.0.1:6379 (.ci/run starts it)."""

import secrets
import time

import pytest
import redis

from config.cache import Copies, RedisCache
from tests.conftest import eventually
from tests.processes import environment, run_python


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


# Copies of keys kept in the process (the catalog's version), dropped when
# announced: against a database of its own. Two Copies on one channel are two
# worker processes; each test has a channel and a key of its own.

REDIS = "redis://127.0.0.1:6379/13"


@pytest.fixture
def client():
    return redis.Redis.from_url(REDIS)


@pytest.fixture
def key(client):
    key = f"test-{secrets.token_hex(6)}"
    yield key
    client.delete(key)


@pytest.fixture
def workers(client):
    """Two workers' Copies on a channel of this test's own."""
    channel = f"test-announcements-{secrets.token_hex(6)}"
    made = [Copies(lambda: client, channel) for _ in range(2)]
    yield made
    for copies in made:
        copies.stopped.set()


def reader(client, key):
    """A read of `key` from Redis, which notes each time it is called."""
    reads = []

    def read():
        reads.append(key)
        return client.get(key)

    return read, reads


def listening(copies) -> bool:
    copies.listen()
    return eventually(copies.trusted)


def holding_a_copy(client, key, copies):
    """`copies` listening, with its copy of `key` (b"1"): the read it made
    that copy with, and the list of that read's calls."""
    read, reads = reader(client, key)
    client.set(key, b"1")
    assert listening(copies)
    assert copies.get(key, read) == b"1"
    return read, reads


def test_a_copy_saves_the_round_trip_until_its_key_is_announced(client, key, workers):
    ours, theirs = workers
    read, reads = holding_a_copy(client, key, ours)
    assert ours.get(key, read) == b"1"
    assert len(reads) == 1

    # What is not announced is not seen: the copy is a copy.
    client.set(key, b"2")
    assert ours.get(key, read) == b"1"
    theirs.announce(key)
    assert eventually(lambda: ours.get(key, read) == b"2")
    assert len(reads) == 2


def test_the_announcing_process_drops_its_own_copy_at_once(client, key, workers):
    ours, _ = workers
    read, _ = holding_a_copy(client, key, ours)
    client.set(key, b"2")
    ours.announce(key)
    assert ours.get(key, read) == b"2"


def test_an_absent_key_is_read_each_time(client, key, workers):
    ours, _ = workers
    read, reads = reader(client, key)
    assert listening(ours)
    assert ours.get(key, read) is None
    assert ours.get(key, read) is None
    assert len(reads) == 2


def test_copies_go_when_the_subscription_is_lost_and_come_back(client, key, workers):
    ours, _ = workers
    read, _ = holding_a_copy(client, key, ours)
    client.set(key, b"2")  # not announced

    # Every subscriber's connection is cut, as a restart of Redis would.
    client.client_kill_filter(_type="pubsub")
    assert eventually(lambda: ours.get(key, read) == b"2")
    assert eventually(ours.trusted)  # subscribed again


def test_copies_are_trusted_only_while_redis_is_heard(client, workers, monkeypatch):
    """A connection cut silently (a firewall's idle timeout) answers no ping."""
    ours, _ = workers  # its listener not started: hear() runs here

    def deaf_pubsub(**options):
        pubsub = redis.client.PubSub(client.connection_pool, **options)
        pubsub.ping = lambda message=None: None  # no pong ever comes
        return pubsub

    monkeypatch.setattr(client, "pubsub", deaf_pubsub)
    monkeypatch.setattr(ours, "PING_SECONDS", 0.1)
    monkeypatch.setattr(ours, "TRUST_SECONDS", 0.5)
    started = time.monotonic()
    ours.hear()  # heard the subscription, then nothing: it gives up
    assert 0.5 <= time.monotonic() - started < 3
    assert ours.heard_at - started < 0.5
    assert not ours.trusted()


def test_the_redis_cache_keeps_copies_another_process_announces(client):
    """The catalog's version as the workers of a deployment keep it: the
    other is a process of its own, with the cache made the same way."""
    prefix = f"test-{secrets.token_hex(6)}"
    ours = RedisCache(REDIS, {"KEY_PREFIX": prefix})
    try:
        ours.set("version", 1.0, None)
        assert ours.get_current("version") == 1.0
        assert eventually(ours.copies.trusted)
        assert ours.get_current("version") == 1.0
        assert ours.make_key("version") in ours.copies.values
        code = (
            "from config.cache import RedisCache\n"
            f"cache = RedisCache({REDIS!r}, {{'KEY_PREFIX': {prefix!r}}})\n"
            "cache.set('version', 2.0, None)\n"
            "cache.announce('version')\n"
        )
        run_python("-c", code, env=environment())
        assert eventually(lambda: ours.get_current("version") == 2.0)
    finally:
        ours.delete("version")


def test_one_listener_a_process_for_each_redis_database():
    """Django makes a cache object per thread (and per request under ASGI)."""
    caches = [RedisCache(REDIS, {"KEY_PREFIX": prefix}) for prefix in ("a", "b", "a")]
    assert caches[0].copies is caches[1].copies is caches[2].copies
    other = RedisCache("redis://127.0.0.1:6379/12", {})
    assert other.copies is not caches[0].copies
