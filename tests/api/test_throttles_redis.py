"""The anonymous throttles with Redis, the production cache: a client's
request times are logged in one round trip that also reads the catalog's
version; a 304 is not counted (catalog/api/throttles.py, config/cache.py)."""

import secrets

import pytest
from django.core.cache import cache

from config.cache import log_key
from tests.conftest import eventually
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/14"


@pytest.fixture(autouse=True)
def redis_cache(settings):
    """config.cache.RedisCache, its keys under a prefix of this test's own."""
    prefix = f"test-{secrets.token_hex(6)}"
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.RedisCache", "LOCATION": REDIS, "KEY_PREFIX": prefix}
    }
    yield
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_the_limit_holds_and_says_when_to_come_back(api, rates):
    rates(anon="3/minute")
    assert [api.get("/api/agencies/").status_code for _ in range(3)] == [200, 200, 200]

    refused = api.get("/api/agencies/")
    assert refused.status_code == 429
    # DRF's wait: the window's rest, shared by the requests still to come (one).
    assert 58 <= int(refused["Retry-After"]) <= 60
    # The refused request was not logged.
    assert cache._cache.get_client().zcard(cache.make_key(log_key("throttle_anon_127.0.0.1"))) == 3


def test_full_answers_count_and_304s_do_not(api, rates):
    rates(anon="3/minute")
    PhotoFactory()
    first = api.get("/api/photos/")
    etag = first["ETag"]

    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=etag).status_code == 304  # early
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH='W/"stale"').status_code == 200
    api.cookies["sessionid"] = "no-such-session"  # the view's 304
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.get("/api/photos/").status_code == 200
    assert api.get("/api/photos/").status_code == 429
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_anonymous_read_takes_one_round_trip_to_redis_and_a_304_none(api, rates, sent_to_redis):
    """A full answer: the count and the version together; before, three
    round trips (the count read, written back, the version). A 304: none,
    once the worker keeps a copy of the version (config.cache.Copies). A
    revalidation out of date: the count (and the version) alone."""
    rates(anon="100/minute")
    PhotoFactory()
    etag = api.get("/api/photos/")["ETag"]  # the version is in the cache now
    assert eventually(cache.copies.trusted)
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    sent_to_redis.clear()
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert sent_to_redis == []
    full = api.get("/api/photos/")
    assert (full.status_code, full["ETag"]) == (200, etag)
    assert sent_to_redis == ["EVALSHA"]
    sent_to_redis.clear()
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH='W/"stale"').status_code == 200
    assert sent_to_redis == ["EVALSHA"]


@pytest.mark.django_db(transaction=True)  # the version moves when a write commits
def test_a_write_moves_the_version_the_count_reads(api, staff_api, rates):
    rates(anon="100/minute")
    photo = PhotoFactory(caption="Before.")
    etag = api.get(f"/api/photos/{photo.uid}/")["ETag"]

    changed = staff_api.patch(f"/api/photos/{photo.uid}/", {"caption": "After."}, format="json")
    assert changed.status_code == 200

    again = api.get(f"/api/photos/{photo.uid}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again.json()["caption"] == "After."


def test_expensive_requests_count_on_both_limits(api, rates):
    rates(anon="100/minute", anon_costly="2/minute")
    PhotoFactory()
    faceted = [api.get("/api/photos/", {"facet": "agency"}).status_code for _ in range(3)]
    assert faceted == [200, 200, 429]
    assert api.get("/api/photos/").status_code == 200
    log = cache._cache.get_client()
    # DRF asks the general limit first: it counted the refused request too.
    assert log.zcard(cache.make_key(log_key("throttle_anon_127.0.0.1"))) == 4
    assert log.zcard(cache.make_key(log_key("throttle_anon_costly_127.0.0.1"))) == 2


def test_a_count_kept_by_drfs_way_under_the_same_name_is_left_alone(api, rates):
    """A worker of an earlier release keeps a list under the throttle's own key
    while a deploy rolls out; the log has a key of its own."""
    rates(anon="3/minute")
    cache.set("throttle_anon_127.0.0.1", [1.0, 2.0], 60)
    assert [api.get("/api/agencies/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert cache.get("throttle_anon_127.0.0.1") == [1.0, 2.0]
