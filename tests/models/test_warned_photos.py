"""Photo.objects.under_warning / clear_of_warnings: a photo's own warnings and
its slideshows', found through the warnings rather than by testing each photo."""

import pytest
from django.db import connection

from catalog.models import Photo
from tests.factories import (
    ContentWarningFactory,
    PhotoFactory,
    SlideFactory,
    SlideshowFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos():
    own, shown, clear, other_kind = PhotoFactory.create_batch(4)
    ContentWarningFactory(photo=own, kind="violence")
    show = SlideshowFactory()
    SlideFactory(slideshow=show, photo=shown)
    ContentWarningFactory(photo=None, slideshow=show, kind="violence")
    ContentWarningFactory(photo=other_kind, kind="nudity")
    return own, shown, clear, other_kind


def test_a_photo_is_under_its_own_warnings_and_its_slideshows(photos):
    own, shown, clear, other_kind = photos

    assert set(Photo.objects.under_warning(["violence"])) == {own, shown}
    assert set(Photo.objects.under_warning()) == {own, shown, other_kind}
    assert set(Photo.objects.clear_of_warnings(["violence"])) == {clear, other_kind}
    assert set(Photo.objects.clear_of_warnings()) == {clear}


def test_a_photo_in_two_warned_slideshows_is_counted_once(photos):
    _, shown, _, _ = photos
    second = SlideshowFactory()
    SlideFactory(slideshow=second, photo=shown)
    ContentWarningFactory(photo=None, slideshow=second, kind="violence")

    assert Photo.objects.under_warning(["violence"]).count() == 2


def test_the_count_reads_warned_photos_by_key_not_every_photo(photos):
    # Testing each photo is what made `?warning=` take a second at a million
    # photos; reading the warned ones by key takes milliseconds. (PostgreSQL
    # is told to avoid scanning tables, which it would prefer for four rows.)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Photo.objects.under_warning(["violence"]).explain()

    assert "SCAN catalog_photo" not in plan  # SQLite
    assert "SubPlan" not in plan  # PostgreSQL
    assert "SEARCH catalog_photo USING INTEGER PRIMARY KEY" in plan or "Index Cond: (id = " in plan
