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
"""

import secrets

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


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._scripts = {}

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
