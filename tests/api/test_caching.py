"""HTTP caching of the API: validators, 304s without the catalog's queries
(anonymous revalidations before the view), Cache-Control and Vary, gzip for
anonymous clients only, Location on 201."""

import gzip
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.http import http_date
from rest_framework.test import APIClient
from rest_framework.views import APIView

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
    assert response["ETag"].startswith('W/"')
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


def test_a_version_lost_from_the_cache_is_made_afresh(api):
    PhotoFactory()
    etag = api.get("/api/photos/")["ETag"]
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    cache.clear()
    again = api.get("/api/photos/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert api.get("/api/photos/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


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


def test_a_304_does_not_count_against_the_throttle(api, rates, views):
    rates(anon="2/minute")
    etag = api.get("/api/agencies/")["ETag"]
    answers = [api.get("/api/agencies/", HTTP_IF_NONE_MATCH=etag) for _ in range(5)]
    assert [answer.status_code for answer in answers] == [304] * 5
    assert api.get("/api/agencies/").status_code == 200
    assert views == ["200", "200"]

    # Out of allowance: a copy still current is a 304, anything else a 429.
    assert api.get("/api/agencies/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    refused = api.get("/api/agencies/", HTTP_IF_NONE_MATCH='W/"out-of-date"')
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert set(refused.json()) == {"detail", "errors"}


def test_nor_does_a_304_the_view_gives(api, rates, views):
    """An anonymous session's cookie sends the request to the view (below)."""
    rates(anon="2/minute")
    api.cookies["sessionid"] = "no-such-session"
    etag = api.get("/api/agencies/")["ETag"]
    answers = [api.get("/api/agencies/", HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)]
    assert answers == [304, 304, 304]
    assert api.get("/api/agencies/").status_code == 200
    assert api.get("/api/agencies/").status_code == 429
    assert views == ["200", "304", "304", "304", "200", "429"]


def test_a_costly_revalidation_is_not_counted_either(api, rates, views):
    rates(anon="100/minute", anon_costly="2/minute")
    url = "/api/photos/?facet=agency"
    etag = api.get(url)["ETag"]
    answers = [api.get(url, HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)]
    assert answers == [304, 304, 304]
    assert [api.get(url).status_code for _ in range(2)] == [200, 429]
    assert views == ["200", "200", "429"]


# Anonymous revalidations answered before the view (RevalidationMiddleware).


@pytest.fixture
def views(monkeypatch) -> list[str]:
    """The status of each answer a DRF view gave, from now on."""
    seen = []
    finalize = APIView.finalize_response

    def finalize_response(self, request, response, *args, **kwargs):
        response = finalize(self, request, response, *args, **kwargs)
        seen.append(str(response.status_code))
        return response

    monkeypatch.setattr(APIView, "finalize_response", finalize_response)
    return seen


CACHE_HEADERS = ("ETag", "Last-Modified", "Cache-Control")


def same_cache_headers(answer, full) -> bool:
    return all(answer[name] == full[name] for name in CACHE_HEADERS) and vary(answer) == vary(full)


def reads(photo, show) -> list[str]:
    return [
        "/api/photos/?page_size=5",
        f"/api/photos/{photo.uid}/",
        "/api/photos/?q=harbour&ordering=-created",
        "/api/slideshows/",
        f"/api/slideshows/{show.slug}/",
        "/api/agencies/",
        f"/api/agencies/{photo.agency.slug}/",
        "/api/warnings/",
    ]


def test_an_anonymous_revalidation_is_answered_before_the_view(
    api, views, django_assert_num_queries
):
    photo = PhotoFactory(caption="A harbour at dawn")
    show = SlideshowFactory()
    for url in reads(photo, show):
        full = api.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert full.status_code == 200, url
        views.clear()
        with django_assert_num_queries(0):
            again = api.get(url, HTTP_IF_NONE_MATCH=full["ETag"], HTTP_ACCEPT_ENCODING="gzip")
        assert again.status_code == 304, url
        assert views == [], url
        assert again.content == b""
        assert same_cache_headers(again, full), (url, again.headers, full.headers)
        assert "Accept-Encoding" in vary(again)


def test_the_early_304_is_the_one_the_view_gives(api, views):
    """An anonymous session's cookie sends the request the usual way, to the view."""
    photo = PhotoFactory()
    url = f"/api/photos/{photo.uid}/"
    full = api.get(url)
    early = api.get(url, HTTP_IF_NONE_MATCH=full["ETag"])
    assert views == ["200"]
    api.cookies["sessionid"] = "no-such-session"
    late = api.get(url, HTTP_IF_NONE_MATCH=full["ETag"])
    assert views == ["200", "304"]
    assert early.status_code == late.status_code == 304
    assert same_cache_headers(early, late)
    assert same_cache_headers(early, full)


def test_a_head_revalidation_is_answered_before_the_view(api, views):
    PhotoFactory()
    full = api.head("/api/photos/")
    assert full.status_code == 200
    again = api.head("/api/photos/", HTTP_IF_NONE_MATCH=full["ETag"])
    assert again.status_code == 304
    assert same_cache_headers(again, full)
    assert views == ["200"]


def test_if_modified_since_is_answered_before_the_view(api, views):
    PhotoFactory()
    full = api.get("/api/photos/")
    again = api.get("/api/photos/", HTTP_IF_MODIFIED_SINCE=full["Last-Modified"])
    assert again.status_code == 304
    assert same_cache_headers(again, full)
    assert views == ["200"]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ({}, {"format": "api"}),
        ({"format": "json"}, {}),
        ({}, {"HTTP_ACCEPT": "text/html"}),
        ({"HTTP_ACCEPT": "application/json"}, {"HTTP_ACCEPT": "application/json; indent=4"}),
        ({"page_size": "5"}, {"page_size": "5", "page": "2"}),
    ],
    ids=["format-param", "format-param-dropped", "accept", "accept-indent", "query"],
)
def test_each_format_and_query_has_its_own_etag(api, first, then):
    PhotoFactory.create_batch(6)

    def get(spec, **extra):
        query = {key: value for key, value in spec.items() if not key.startswith("HTTP_")}
        headers = {key: value for key, value in spec.items() if key.startswith("HTTP_")}
        return api.get("/api/photos/", query, **headers, **extra)

    etag = get(first)["ETag"]
    assert get(first, HTTP_IF_NONE_MATCH=etag).status_code == 304
    other = get(then, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    assert other["ETag"] != etag
    assert get(then, HTTP_IF_NONE_MATCH=other["ETag"]).status_code == 304


@pytest.mark.django_db(transaction=True)
def test_a_changed_catalog_is_a_200_not_an_early_304(api, views):
    photo = PhotoFactory()
    url = f"/api/photos/{photo.uid}/"
    first = api.get(url)
    Photo.objects.filter(pk=photo.pk).update(title="Changed")
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["title"] == "Changed"
    assert again["ETag"] != first["ETag"]
    assert views == ["200", "200"]


def test_a_token_or_a_signed_in_session_never_gets_the_anonymous_304(api, staff, views):
    PhotoFactory()
    etag = api.get("/api/photos/")["ETag"]
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {staff.api_token}")
    by_session = APIClient()
    by_session.force_login(staff)
    for client in (by_token, by_session):
        answer = client.get("/api/photos/", HTTP_IF_NONE_MATCH=etag)
        assert answer.status_code == 200
        assert "ETag" not in answer
        assert answer["Cache-Control"] == "private, no-store"
    bad_token = APIClient()
    bad_token.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert bad_token.get("/api/photos/", HTTP_IF_NONE_MATCH=etag).status_code == 401
    assert views == ["200", "200", "200", "401"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_never_answered_early(api, views, method):
    photo = PhotoFactory()
    url = f"/api/photos/{photo.uid}/"
    etag = api.get(url)["ETag"]
    answer = getattr(api, method)(url, {}, format="json", HTTP_IF_NONE_MATCH=etag)
    assert answer.status_code in (401, 403, 405)
    assert len(views) == 2


def test_other_api_urls_go_the_usual_way(api, views):
    photo = PhotoFactory()
    for url in ("/api/", f"/api/photos/{photo.uid}/original/", "/api/nothing/"):
        answer = api.get(url, HTTP_IF_NONE_MATCH="*")
        assert answer.status_code != 304, url
    assert views == ["200", "401"]  # the JSON 404 of an unknown route is no DRF view


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
