"""The throttles' counts are shared by every process of a deployment: in the
database by default (its table made by `migrate`), in Redis when REDIS_URL
names one. Each test runs separate processes with the production settings;
before, each process counted in its own memory and these counts never met."""

import random
import secrets

import pytest

from tests.processes import environment, evaluate, manage

HOST = "catalog.example.org"
REDIS = "redis://127.0.0.1:6379/0"
SETTINGS = (
    "from django.conf import settings\n"
    "print(json.dumps([settings.CACHES['default']['BACKEND'], "
    "settings.REST_FRAMEWORK['NUM_PROXIES']]))"
)


def requests(count: int, address: str) -> str:
    """Code for a process: `count` anonymous API requests from `address`, their statuses."""
    return (
        "from django.test import Client\n"
        f"client = Client(HTTP_HOST={HOST!r}, REMOTE_ADDR={address!r})\n"
        f"print(json.dumps([client.get('/api/agencies/', secure=True).status_code "
        f"for _ in range({count})]))"
    )


@pytest.fixture(scope="module")
def deployment(tmp_path_factory) -> dict[str, str]:
    """A deployment's variables, its database migrated (and nothing else run)."""
    folder = tmp_path_factory.mktemp("deployment")
    env = environment(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        API_ANON_THROTTLE_RATE="5/minute",
    )
    manage("migrate", "--verbosity=0", env=env)
    return env


def a_fresh_address() -> str:
    """An address no other run has used within the minute (Redis may be shared)."""
    return f"2001:db8:{random.randrange(1 << 16):x}:{random.randrange(1 << 16):x}::1"


def test_the_cache_is_the_database_unless_redis_is_named(deployment):
    assert evaluate(SETTINGS, env=deployment) == ["django.core.cache.backends.db.DatabaseCache", 0]
    with_redis = {**deployment, "REDIS_URL": REDIS, "DJANGO_TRUSTED_PROXY_COUNT": "2"}
    assert evaluate(SETTINGS, env=with_redis) == ["config.cache.RedisCache", 2]


def test_processes_count_together_in_the_database(deployment):
    address = a_fresh_address()

    assert evaluate(requests(3, address), env=deployment) == [200, 200, 200]
    assert evaluate(requests(3, address), env=deployment) == [200, 200, 429]


def test_processes_count_together_in_redis(deployment):
    """A real round trip to the Redis server on 127.0.0.1:6379 (.ci/run starts it)."""
    env = {**deployment, "REDIS_URL": REDIS}
    address = a_fresh_address()

    assert evaluate(requests(3, address), env=env) == [200, 200, 200]
    assert evaluate(requests(3, address), env=env) == [200, 200, 429]
