"""Django's Redis cache backend, with one redis client per connection pool.

Django 5.2's RedisCacheClient makes a new `redis.Redis` for every cache call;
redis-py 8 fills a table of some 170 response callbacks in each, which took
longer than the round trip to Redis itself (about 0.1 ms a call, three calls
in every anonymous API request: two for the throttle, one for the catalog's
version). A client holds only its pool and those tables, and redis-py says
it may be shared between threads, so one is kept per pool.
"""

from django.core.cache.backends import redis


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
