"""Photographers, agencies, videos, articles and warnings."""

import pytest

from tests.api.conftest import results
from tests.factories import TranscriptTurnFactory, VideoFactory

pytestmark = pytest.mark.django_db


def test_photographers_with_counts_and_agencies(api, imported_seed):
    people = {p["slug"]: p for p in results(api.get("/api/photographers/"))}

    assert len(people) == 6
    maya = people["maya-alleruzzo"]
    assert maya["photo_count"] == 15
    assert maya["agencies"] == [{"slug": "ap", "name": "AP"}]
    assert maya["photos"].endswith("/api/photos/?photographer=maya-alleruzzo")
    assert people["moises-saman"]["agencies"] == [
        {"slug": "the-new-york-times", "name": "The New York Times"}
    ]


def test_photographer_detail_links_to_their_photos(api, imported_seed):
    body = api.get("/api/photographers/chip-somodevilla/").json()
    photos = api.get(body["photos"]).json()

    assert body["photo_count"] == photos["count"] == 1


def test_photographers_search_and_order(api, imported_seed):
    found = results(api.get("/api/photographers/", {"q": "allERU"}))
    assert [p["slug"] for p in found] == ["maya-alleruzzo"]
    by_count = results(api.get("/api/photographers/", {"ordering": "-photo_count"}))
    assert by_count[0]["slug"] == "maya-alleruzzo"


def test_agencies_with_aliases_and_counts(api, imported_seed):
    agencies = {a["slug"]: a for a in results(api.get("/api/agencies/"))}

    assert set(agencies) == {"ap", "the-new-york-times", "redux-pictures", "getty-images"}
    assert agencies["ap"]["aliases"] == ["AP", "ASSOCIATED PRESS", "The Associated Press"]
    assert agencies["ap"]["photo_count"] == 17
    assert [a["slug"] for a in results(api.get("/api/agencies/", {"q": "associated"}))] == ["ap"]


def test_videos_with_transcript_turns(api, imported_seed):
    (video,) = results(api.get("/api/videos/"))

    assert video["title"] == "Obama: After nearly 9 years, Iraq war is over"
    assert [t["speaker"]["name"] for t in video["turns"]] == [
        "Kate Snow",
        "Kate Snow",
        "Chuck Todd",
        "Barack Obama",
        "Chuck Todd",
        "Kate Snow",
    ]
    assert video["turns"][1]["label"] == "KATE SNOW, anchor"
    assert api.get(video["url"]).json() == video


def test_a_turn_without_a_named_speaker_has_a_null_speaker(api):
    video = VideoFactory()
    named = TranscriptTurnFactory(video=video, position=1)
    TranscriptTurnFactory(video=video, position=2, speaker=None, speaker_label=">> reporter")

    (listed,) = results(api.get("/api/videos/"))

    assert [(t["speaker"], t["label"]) for t in listed["turns"]] == [
        (
            {"slug": named.speaker.slug, "name": named.speaker.name, "role": named.speaker.role},
            named.speaker_label,
        ),
        (None, ">> reporter"),
    ]
    assert api.get(listed["url"]).json() == listed
    by_speaker = results(api.get("/api/videos/", {"speaker": named.speaker.slug}))
    assert [video["id"] for video in by_speaker] == [listed["id"]]


def test_videos_by_speaker(api, imported_seed):
    assert len(results(api.get("/api/videos/", {"speaker": "barack-obama"}))) == 1
    assert api.get("/api/videos/", {"speaker": "nobody"}).status_code == 400


def test_articles_with_photos_slideshows_and_videos(api, imported_seed):
    (listed,) = results(api.get("/api/articles/"))
    article = api.get(listed["url"]).json()

    assert article["source_agency"] == {"slug": "ap", "name": "AP"}
    assert article["updated_at"] == "2011-10-22T17:58:39Z"
    assert len([b for b in article["body"] if b["type"] == "paragraph"]) == 14
    assert {s["id"] for s in article["slideshows"]} == {
        "us-troops-leave-iraq-2010-drawdown",
        "us-troops-leave-iraq-2011-drawdown",
    }
    assert len(article["videos"]) == 1
    assert api.get(article["photos"]).json()["count"] == 20
    assert api.get(article["lead_photo"]).json()["title"] == "Nouri al-Maliki"
    assert "body" not in listed


def test_warnings_list_by_kind(api, imported_seed):
    assert len(results(api.get("/api/warnings/", {"kind": "graphic"}))) == 4
    assert results(api.get("/api/warnings/", {"kind": "nudity"})) == []


def test_api_root_and_docs_are_served_without_a_cdn(api, db):
    assert api.get("/api/").status_code == 200
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html


def test_the_docs_pages_load_nothing_from_elsewhere_and_run_no_inline_script(api, db):
    swagger = api.get("/api/docs/").content.decode()
    redoc = api.get("/api/redoc/").content.decode()
    script = api.get("/api/docs/", {"script": ""})

    assert "<script>" not in swagger  # its script is a file the Content-Security-Policy allows
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    assert "/static/drf_spectacular_sidecar/redoc/" in redoc
    assert "<script>" not in redoc
    assert "https://" not in swagger + redoc


@pytest.mark.parametrize("resource", ["slideshows", "photographers", "agencies", "articles"])
@pytest.mark.parametrize("key", ["no-such-thing", "a%00b", "caf%C3%A9", "a%20b"])
def test_a_slug_that_names_nothing_is_a_404(api, db, resource, key):
    """Whatever the path holds, including what no slug can (a NUL byte, which
    PostgreSQL refuses outright), is a 404, never a 500."""
    response = api.get(f"/api/{resource}/{key}/")
    assert response.status_code == 404
