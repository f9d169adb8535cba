"""Throttles that hold: one count per client whatever X-Forwarded-For says, kept
in the shared cache, a second limit on expensive anonymous requests, and
limits on /api/token/ per address and per username."""

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from rest_framework.test import APIClient

from catalog.api.throttles import is_costly
from tests.api.conftest import results
from tests.conftest import EDITOR_PASSWORD
from tests.factories import ContentWarningFactory, PhotoFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """The production cache, a table of the database, empty before and after."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "catalog_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


def statuses(requests) -> list[int]:
    return [response.status_code for response in requests]


def test_a_new_x_forwarded_for_each_time_is_still_one_client(api, rates, settings):
    """Before, DRF took the client's own header as its identity (NUM_PROXIES unset)."""
    assert settings.TRUSTED_PROXY_COUNT == 0
    rates(anon="5/minute")

    answers = [
        api.get("/api/agencies/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        for n in range(10)
    ]

    assert statuses(answers) == [200] * 5 + [429] * 5
    refused = answers[-1]
    assert refused.json()["detail"].startswith("Request was throttled.")
    assert 0 < int(refused["Retry-After"]) <= 60
    # Another address still has its own count.
    assert api.get("/api/agencies/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_one_proxy_the_last_hop_is_the_client(api, rates, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    rates(anon="3/minute")

    forged = [
        api.get(
            "/api/agencies/",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.9",
        )
        for n in range(5)
    ]

    assert statuses(forged) == [200] * 3 + [429] * 2
    other = api.get("/api/agencies/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert other.status_code == 200


def test_the_count_is_kept_in_the_shared_cache_where_every_worker_reads_it(api, rates):
    """Before, each worker counted in its own memory (LocMemCache)."""
    rates(anon="4/minute")
    assert statuses(api.get("/api/agencies/") for _ in range(2)) == [200, 200]
    assert statuses(APIClient().get("/api/agencies/") for _ in range(2)) == [200, 200]

    # The count is a row of the database's table, which every worker reads...
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM catalog_cache")
        keys = sorted(key for (key,) in cursor.fetchall())
    # (beside the catalog's version, which the API's ETags come from)
    assert keys == [":1:catalog-changed-at", ":1:throttle_anon_127.0.0.1"]
    # ...as a cache object of another worker's does.
    other_worker = caches.create_connection("default")
    assert len(other_worker.get("throttle_anon_127.0.0.1")) == 4
    assert api.get("/api/agencies/").status_code == 429


def test_signed_in_clients_are_not_throttled(staff_api, rates):
    rates(anon="2/minute", anon_costly="1/minute")

    assert statuses(staff_api.get("/api/agencies/") for _ in range(4)) == [200] * 4
    assert statuses(staff_api.get("/api/photos/?facet=agency") for _ in range(3)) == [200] * 3


# -- expensive anonymous requests ----------------------------------------------------


@pytest.mark.parametrize(
    ("query", "costly"),
    [
        ("", False),
        ("q=soldier&agency=ap", False),
        ("warning=graphic", False),
        ("has_warnings=true", False),
        ("facet=agency", True),
        ("facet=", False),
        ("exclude_warnings=graphic", True),
        ("has_warnings=false", True),
        ("page=50", False),  # results 981-1000
        ("page=51", True),
        ("page=11&page_size=100", True),
        ("page=10&page_size=100", False),
        ("page=10&page_size=1000", False),  # pages of 100 at most: results 901-1000
        ("page=x", False),
    ],
)
def test_what_counts_as_expensive(query, costly):
    assert is_costly(QueryDict(query)) is costly


def test_expensive_requests_have_a_lower_limit_of_their_own(api, rates):
    """Before, facets with negated warning filters cost 1.8-3.4 s each at the anonymous rate."""
    rates(anon="100/minute", anon_costly="2/minute")
    ContentWarningFactory(photo=PhotoFactory())

    expensive = [
        api.get("/api/photos/", {"facet": "warning"}),
        api.get("/api/photos/", {"exclude_warnings": "graphic"}),
        api.get("/api/photos/", {"has_warnings": "false", "facet": "agency"}),
    ]

    assert statuses(expensive) == [200, 200, 429]
    assert api.get("/api/photos/").status_code == 200  # the plain list is not held back


def test_anonymous_clients_read_no_deeper_than_the_limit(api, staff_api, settings):
    """Before, any page could be asked for, each deeper one costing more."""
    settings.API_ANON_MAX_RESULTS = 4
    PhotoFactory.create_batch(7)

    assert len(results(api.get("/api/photos/", {"page_size": 2, "page": 2}))) == 2
    for params in ({"page_size": 2, "page": 3}, {"page_size": 3, "page": 2}, {"page": "last"}):
        params = {"page_size": 2, **params}
        refused = api.get("/api/photos/", params)
        assert refused.status_code == 400, params
        assert refused.json()["errors"]["page"] == [
            "Without signing in, only the first 4 results of a list can be read "
            "(page * page_size at most 4); narrow the list with filters "
            "(such as q, photographer, agency or slideshow) instead."
        ]
    assert api.get("/api/photographers/", {"page_size": 2, "page": 3}).status_code == 400

    assert len(results(staff_api.get("/api/photos/", {"page_size": 2, "page": 4}))) == 1
    assert len(results(staff_api.get("/api/photographers/", {"page_size": 2, "page": 3}))) == 2


# -- /api/token/ --------------------------------------------------------------------


def token(username: str, address: str = "192.0.2.1", password: str = "wrong"):
    return APIClient().post(
        "/api/token/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_one_address_may_try_only_so_many_usernames(editor, rates):
    """Before, axes counted per username and address: any number of usernames was free."""
    rates(token_address="3/minute")

    tries = [token(f"user{n}") for n in range(4)]

    assert statuses(tries) == [400, 400, 400, 429]
    assert tries[-1]["Content-Type"] == "application/json"
    assert tries[-1].json()["detail"].startswith("Request was throttled.")
    assert token("editor", "192.0.2.1", EDITOR_PASSWORD).status_code == 429
    assert token("editor", "192.0.2.2", EDITOR_PASSWORD).status_code == 200


def test_one_username_may_be_tried_only_so_often_from_any_addresses(editor, rates):
    rates(token_username="2/minute")

    tries = [
        token("editor", "192.0.2.1"),
        token("EDITOR", "192.0.2.2"),
        token("editor", "192.0.2.3"),
    ]

    assert statuses(tries) == [400, 400, 429]
    assert token("editor", "192.0.2.4", EDITOR_PASSWORD).status_code == 429
    assert token("someone-else", "192.0.2.5").status_code == 400
