"""HTTP caching of the API: validators, 304s without the catalog's queries,
Cache-Control and Vary, gzip for anonymous clients only, Location on 201."""

import gzip
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.http import http_date

from catalog.changes import changed_at
from catalog.models import Photo
from tests.factories import AgencyFactory, PhotoFactory, SlideshowFactory

pytestmark = pytest.mark.django_db

READS = ["/api/photos/", "/api/slideshows/", "/api/agencies/", "/api/warnings/"]


@pytest.fixture(autouse=True)
def fresh_version(still_clock):
    """A fresh catalog version; and a clock that stands still, for the photos'
    answers move with the minute too (see the last test)."""
    cache.clear()
    yield
    cache.clear()


def vary(response) -> set[str]:
    return {value.strip() for value in response["Vary"].split(",")}


@pytest.mark.parametrize("url", READS)
def test_anonymous_reads_carry_validators_and_public_cache_control(api, settings, url):
    settings.API_CACHE_MAX_AGE = 120
    PhotoFactory()
    response = api.get(url)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"] == http_date(int(changed_at()))
    assert response["Cache-Control"] == "public, max-age=120"
    assert {"Accept", "Authorization", "Cookie"} <= vary(response)


def test_a_matching_etag_is_a_304_without_a_query_of_the_catalog(api, django_assert_num_queries):
    photo = PhotoFactory()
    for url in ("/api/photos/", f"/api/photos/{photo.uid}/"):
        first = api.get(url, {"page_size": 5})
        with django_assert_num_queries(0):
            again = api.get(url, {"page_size": 5}, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        assert again["Cache-Control"] == first["Cache-Control"]
        other_query = api.get(url, {"page_size": 6}, HTTP_IF_NONE_MATCH=first["ETag"])
        assert other_query.status_code == 200


# Writes below commit for real (transaction=True): the version moves on commit.


@pytest.mark.django_db(transaction=True)
def test_if_modified_since_is_a_304_until_the_catalog_changes(api):
    PhotoFactory()
    since = api.get("/api/photos/")["Last-Modified"]
    assert api.get("/api/photos/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    cache.set("catalog-changed-at", changed_at() + 5)  # a change a few seconds later
    assert api.get("/api/photos/", HTTP_IF_MODIFIED_SINCE=since).status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "change",
    [
        lambda photo: PhotoFactory(),
        lambda photo: Photo.objects.filter(pk=photo.pk).update(title="Bulk edit"),
        lambda photo: AgencyFactory(name="New Wire"),
        lambda photo: photo.delete(),
    ],
    ids=["save", "queryset-update", "another-table", "delete"],
)
def test_any_committed_write_to_the_catalog_changes_the_etag(api, change):
    photo = PhotoFactory()
    first = api.get("/api/photos/")
    with transaction.atomic():
        change(photo)
    again = api.get("/api/photos/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


@pytest.mark.django_db(transaction=True)
def test_a_write_that_is_rolled_back_changes_nothing(api):
    PhotoFactory()
    first = api.get("/api/photos/")
    with transaction.atomic():
        Photo.objects.update(title="Never committed")
        transaction.set_rollback(True)
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_answers_to_signed_in_users_are_private_and_uncompressed(staff_api):
    PhotoFactory.create_batch(5)
    response = staff_api.get("/api/photos/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    assert "Content-Encoding" not in response
    assert {"Accept", "Authorization", "Cookie"} <= vary(response)
    written = staff_api.post("/api/slideshows/", {"title": "Dusk"}, format="json")
    assert written["Cache-Control"] == "private, no-store"


def test_anonymous_json_is_gzipped_when_asked(api):
    PhotoFactory.create_batch(5)
    plain = api.get("/api/photos/")
    packed = api.get("/api/photos/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in vary(packed)
    assert json.loads(gzip.decompress(packed.content)) == plain.json()
    assert len(packed.content) < len(plain.content)


def test_anonymous_errors_are_not_kept(api):
    assert api.get("/api/photos/", {"page": "x"})["Cache-Control"] == "no-store"


def test_a_304_still_counts_against_the_throttle(api, settings):
    framework = dict(settings.REST_FRAMEWORK)
    framework["DEFAULT_THROTTLE_RATES"] = {
        **framework["DEFAULT_THROTTLE_RATES"],
        "anon": "3/minute",
    }
    settings.REST_FRAMEWORK = framework
    etag = api.get("/api/agencies/")["ETag"]
    answers = [api.get("/api/agencies/", HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)]
    assert answers == [304, 304, 429]


def test_created_records_are_located(staff_api):
    photo = PhotoFactory()
    made = {
        "/api/photos/": {"title": "Harbour"},
        "/api/slideshows/": {"title": "Harbour at dawn"},
        "/api/warnings/": {"photo": str(photo.uid), "kind": "graphic"},
    }
    for url, data in made.items():
        response = staff_api.post(url, data, format="json")
        assert response.status_code == 201, response.content
        assert response["Location"].startswith(f"http://testserver{url}")
        assert staff_api.get(response["Location"]).status_code == 200
    show = SlideshowFactory()
    assert show.slug in staff_api.get(f"/api/slideshows/{show.slug}/").json()["url"]


def test_photo_answers_move_with_the_minute_as_their_rights_do(api, monkeypatch, still_clock):
    """An embargo ends or a lease starts without a write: a photo's cached
    answer is current for the minute at most; other answers only change with
    the catalog."""
    PhotoFactory()
    photos, agencies = api.get("/api/photos/"), api.get("/api/agencies/")
    later = still_clock + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=photos["ETag"]).status_code == 200
    assert api.get("/api/agencies/", HTTP_IF_NONE_MATCH=agencies["ETag"]).status_code == 304
