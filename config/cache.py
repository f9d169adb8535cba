"""Django's Redis cache backend, with one redis client per connection pool.

Django 5.2's RedisCacheClient makes a new `redis.Redis` for every cache call;
redis-py 8 fills a table of some 170 response callbacks in each, which took
longer than the round trip to Redis itself (about 0.1 ms a call, three calls
in every anonymous API request: two for the throttle, one for the catalog's
version). A client holds only its pool and those tables, and redis-py says
it may be shared between threads, so one is kept per pool.

It also keeps the throttles' logs of request times as Redis sorted sets,
counted and added to in one round trip by a script (`log_request`), which
reads the catalog's version in the same trip.

And it keeps copies in the worker of the few keys read on every request and
seldom written (`get_current`: the catalog's version), which Redis's
publish/subscribe keeps current (`Copies`).
"""

import contextlib
import functools
import os
import secrets
import threading
import time

import redis as redis_py
from django.core.cache.backends import redis

# KEYS[1]: the log; KEYS[2...]: keys read as well. ARGV: now, window (seconds),
# limit, a name for this request. Drops the times that left the window, counts
# those left, adds this one when under the limit, keeps the log for the window.
# Answers: whether it was added, the count before, the oldest time, the values.
LOG_REQUEST = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local added = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
  added = 1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2] or false
local values = {}
for i = 2, #KEYS do values[i - 1] = redis.call('GET', KEYS[i]) or false end
return {added, count, oldest, values}
"""


def log_key(key: str) -> str:
    """The cache key of the log of request times kept for `key`."""
    return f"log:{key}"


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class Copies:
    """Values of keys kept in this process, as current as a read from Redis.

    A process that changes such a key says so on a channel (`announce`);
    every process listens to it on a thread of its own, and drops its copy
    of a key announced (the key as Redis knows it, prefix and all). Copies
    are trusted only while that thread is known to hear the channel:
    subscribed, and answered a ping in the last TRUST_SECONDS (a connection
    cut silently answers nothing). Otherwise, and until a copy is made, a
    read goes to Redis. A read that an announcement overtook is not kept
    (`generation`)."""

    PING_SECONDS = 1.0
    TRUST_SECONDS = 3.0

    def __init__(self, connect, channel: str):
        self.connect, self.channel = connect, channel  # connect(): a client of the primary
        self.values = {}
        self.generation = 0
        self.heard_at = None  # when the listener, subscribed, last heard from Redis
        self.stopped = threading.Event()
        self.starting = threading.Lock()
        self.listener = None
        self.pid = None

    def get(self, key, read):
        """The copy of `key`, else read() (Redis's value, None if it has
        none), kept when it may be."""
        self.listen()
        trusted = self.trusted()
        if trusted and (value := self.values.get(key)) is not None:
            return value
        generation = self.generation
        value = read()
        if trusted and self.generation == generation and value is not None:
            self.values[key] = value
        return value

    def announce(self, key: str) -> None:
        """Tell every process that `key` changed ("": every key)."""
        self.forget(key)
        self.connect().publish(self.channel, key)

    def forget(self, key: str = "") -> None:
        self.generation += 1
        if key:
            self.values.pop(key, None)
        else:
            self.values.clear()

    def trusted(self) -> bool:
        heard = self.heard_at
        return heard is not None and time.monotonic() - heard < self.TRUST_SECONDS

    def listen(self) -> None:
        """Start the listener in this process (again after a fork)."""
        if self.pid == os.getpid() and self.listener.is_alive():
            return
        with self.starting:
            if self.pid == os.getpid() and self.listener.is_alive():
                return  # another thread started it
            self.pid, self.heard_at = os.getpid(), None
            self.forget()
            self.listener = threading.Thread(target=self.run, name="cache-copies", daemon=True)
            self.listener.start()

    def run(self) -> None:
        while not self.stopped.is_set():
            with contextlib.suppress(redis_py.RedisError, OSError):
                self.hear()
            self.heard_at = None
            self.forget()
            self.stopped.wait(self.PING_SECONDS)

    def hear(self) -> None:
        """Listen until stopped, or until Redis has said nothing for
        TRUST_SECONDS (run() connects again)."""
        with self.connect().pubsub() as pubsub:
            pubsub.subscribe(self.channel)
            pinged = heard = time.monotonic()
            while not self.stopped.is_set():
                message = pubsub.get_message(timeout=self.PING_SECONDS) or {}
                now = time.monotonic()
                if message.get("type") == "message":
                    self.forget(message["data"].decode())
                elif message.get("type") in ("subscribe", "pong"):
                    self.heard_at = heard = now
                if now - heard >= self.TRUST_SECONDS:
                    return
                if now - pinged >= self.PING_SECONDS:
                    pubsub.ping()
                    pinged = now


# One Copies per process and Redis database: Django makes a cache object per
# thread (and, under ASGI, per request), which would each start a listener.
_copies = {}
_copies_lock = threading.Lock()


def copies_of(cache) -> Copies:
    """The Copies of the Redis database `cache` (a RedisCache) writes to."""
    pool = cache._cache._get_connection_pool(True)
    # Channels are the server's, not a database's: the name says which.
    channel = f"cache-announcements-db{pool.connection_kwargs.get('db', 0)}"
    key = (cache._servers[0], channel)
    with _copies_lock:
        if key not in _copies:
            _copies[key] = Copies(functools.partial(cache._cache.get_client, write=True), channel)
        return _copies[key]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._scripts = {}
        self.copies = copies_of(self)

    def get_current(self, key, default=None):
        """get(key), from this process's copy when it has one (see Copies).
        A copy is read from the first server, where writes go: a replica's
        value may be older than the announcement."""
        key = self.make_and_validate_key(key)
        value = self.copies.get(key, lambda: self.copies.connect().get(key))
        return default if value is None else self._cache._serializer.loads(value)

    def announce(self, key: str) -> None:
        """Tell every process that `key` changed: their copies of it go."""
        self.copies.announce(self.make_and_validate_key(key))

    def clear(self):
        super().clear()
        self.copies.announce("")

    def log_request(self, key: str, *, now: float, window: float, limit: int, read=()):
        """Log a request at `now` under `key` unless `limit` requests are
        logged in the `window` seconds before: (logged, how many were,
        the oldest of their times or None, {each key of `read`: its value}),
        in one round trip."""
        client = self._cache.get_client(key, write=True)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(LOG_REQUEST)
        # Not `key` itself: DRF's way keeps a list there, which a worker of an
        # earlier release may still read or write while a deploy rolls out.
        keys = [self.make_and_validate_key(name) for name in (log_key(key), *read)]
        name = f"{now!r}-{secrets.token_hex(4)}"
        added, count, oldest, values = script(keys=keys, args=[repr(now), window, limit, name])
        loads = self._cache._serializer.loads
        found = {k: loads(v) for k, v in zip(read, values, strict=True) if v is not None}
        return bool(added), int(count), None if oldest is None else float(oldest), found
