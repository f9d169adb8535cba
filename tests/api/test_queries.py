"""The number of SQL queries per request does not grow with the rows returned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.images.store import ingest_image
from catalog.models import Lease, LeaseAccess, Photo
from tests.conftest import counting_queries
from tests.factories import (
    ContentWarningFactory,
    SlideFactory,
    SpeakerFactory,
    TranscriptTurnFactory,
    VideoFactory,
    slideshow_with_slides,
)
from tests.images.test_store import wire_photo

pytestmark = pytest.mark.django_db


def big_slideshow(size: int = 200):
    show = slideshow_with_slides(size, title="Two hundred")
    for slide in show.slides.all()[:50]:
        ContentWarningFactory(photo=slide.photo)
    ContentWarningFactory(photo=None, slideshow=show)
    show.cover = show.slides.last().photo
    show.save()
    return show


@pytest.mark.parametrize(
    "url",
    [
        "/api/photos/?page_size=100",
        "/api/photos/?page_size=100&agency=ap&facet=agency,photographer,warning",
        "/api/photos/?page_size=100&exclude_warnings=graphic&q=the",
        "/api/slideshows/",
        "/api/photographers/?page_size=100",
        "/api/agencies/?page_size=100",
        "/api/videos/",
        "/api/articles/",
        "/api/warnings/?page_size=100",
    ],
)
def test_list_queries_do_not_grow_with_rows(api, imported_seed, django_assert_num_queries, url):
    with django_assert_num_queries(count := _count(api, url)):
        api.get(url)
    show = big_slideshow()
    for photo in Photo.objects.filter(slides__slideshow=show)[:100]:
        photo.agency = imported_seed.source_agency
        photo.save()
    for _ in range(5):
        video = VideoFactory()
        for _ in range(10):
            TranscriptTurnFactory(video=video, speaker=SpeakerFactory())
        SlideFactory(slideshow=show, position=1000 + video.pk)

    with django_assert_num_queries(count):
        response = api.get(url)
    assert response.status_code == 200


def test_photo_list_queries(api, imported_seed, django_assert_num_queries):
    # the table's estimated size (small here, so also an exact count), the page's
    # ids, its rows with their rights' verdicts, slides with their slideshows,
    # the warnings on photos and those slideshows
    with django_assert_num_queries(6):
        api.get("/api/photos/?page_size=100")


@pytest.mark.parametrize("slug", ["us-troops-leave-iraq-2010-drawdown", "two-hundred"])
def test_slideshow_detail_queries(api, imported_seed, django_assert_num_queries, slug):
    big_slideshow()
    # the slideshow's id, its row with its cover, slides with their photos, the
    # warnings on both
    with django_assert_num_queries(4):
        response = api.get(f"/api/slideshows/{slug}/")
    assert len(response.json()["slides"]) in (16, 200)


def test_photo_detail_queries(api, imported_seed, django_assert_num_queries):
    photo = Photo.objects.get(source_line=68)
    # the photo's id, its row with its rights' verdict, slides with slideshows,
    # the warnings on the photo and its slideshows
    with django_assert_num_queries(4):
        api.get(f"/api/photos/{photo.uid}/")


@pytest.mark.parametrize("files", [1, 12])
def test_photos_with_files_add_one_query_for_all_their_renditions(
    api, db, django_assert_num_queries, files
):
    show = slideshow_with_slides(12, title="With files")
    for slide in show.slides.all()[:files]:
        ingest_image(
            wire_photo("Jane Doe", "AP", f"Slide {slide.position}."),
            name="w.jpg",
            photo=slide.photo,
        )
    with django_assert_num_queries(4 + 1):
        detail = api.get(f"/api/slideshows/{show.slug}/").json()
    # the slideshow filter's lookup, counting, the page's ids and rows (with
    # their rights), slides, warnings, renditions
    with django_assert_num_queries(1 + counting_queries() + 4 + 1):
        listed = api.get("/api/photos/", {"slideshow": show.slug}).json()

    assert sum(slide["photo"]["image"] is not None for slide in detail["slides"]) == files
    assert sum(photo["image"] is not None for photo in listed["results"]) == files


@pytest.mark.parametrize("leased", [1, 12])
def test_photos_under_leases_add_one_query_for_all_their_leases(
    api, db, django_assert_num_queries, leased
):
    show = slideshow_with_slides(12, title="Leased")
    for slide in show.slides.all()[:leased]:
        Lease.objects.create(photo=slide.photo, access=LeaseAccess.DENY)
    # the slideshow filter's lookup, counting, the page's ids and rows (with
    # their rights), slides, warnings, leases
    with django_assert_num_queries(1 + counting_queries() + 4 + 1):
        listed = api.get("/api/photos/", {"slideshow": show.slug}).json()
    assert sum(not photo["rights"]["usable"] for photo in listed["results"]) == 12
    assert sum(len(photo["rights"]["leases"]) for photo in listed["results"]) == leased


def _count(api, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)
