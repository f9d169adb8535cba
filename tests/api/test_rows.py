"""Each query in catalog/api/rows.py answers exactly what its ORM equivalent
answers, on every backend: same rows, same order, same Python values."""

import pytest
from django.db.models import Q

from catalog.api import rows
from catalog.models import ContentWarning, Photo, Rendition, Slide, Slideshow, WarningKind
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    ContentWarningFactory,
    PhotoFactory,
    SlideFactory,
    SlideshowFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    """Photos with and without each party, file and article; two slideshows
    (one with a cover) sharing a photo; warnings on photos and on a slideshow."""
    article = ArticleFactory()
    plain = PhotoFactory(photographer=None, agency=None, credit_text="")
    filed = PhotoFactory(
        distributor=AgencyFactory(name="Getty Images"),
        article=article,
        source_line=12,
        image="photos/ab/cd.jpg",
        image_name="Kuwait é.jpg",
        image_width=640,
        image_height=480,
        image_format="JPEG",
        image_size=123_456,
        image_sha256="f" * 64,
        embedded={"creator": "Jane Doe", "caption": "Soldiers ☂"},
        credit_conflict=True,
    )
    for spec, width in (("web", 640), ("thumbnail", 200)):
        Rendition.objects.create(
            photo=filed, spec=spec, file=f"renditions/{spec}.jpg", width=width, height=width
        )
    covered = SlideshowFactory(title="B gallery", cover=filed, article=article, heading="World")
    bare = SlideshowFactory(title="A gallery", declared_count=None)
    shared = PhotoFactory()
    SlideFactory(slideshow=covered, photo=shared, position=2, caption="As this gallery put it")
    SlideFactory(slideshow=covered, photo=filed, position=1)
    SlideFactory(slideshow=bare, photo=shared, position=1)
    ContentWarningFactory(photo=filed, kind=WarningKind.VIOLENCE, note="Blood.")
    ContentWarningFactory(photo=None, slideshow=covered, note="Graphic images.")
    ContentWarningFactory(photo=shared)
    return {"photos": [plain, filed, shared], "slideshows": [covered, bare]}


def ids(records) -> list[int]:
    return [record.pk for record in records]


def test_photos_equal_the_orm_values_in_the_order_asked(catalog):
    wanted = [*reversed(ids(catalog["photos"])), 10_000_000]  # the last one does not exist
    by_orm = {
        row["id"]: row for row in Photo.objects.filter(pk__in=wanted).values(*rows.PHOTO_COLUMNS)
    }
    assert rows.photos(wanted) == [by_orm[pk] for pk in wanted[:-1]]


def test_slideshows_equal_the_orm_values_with_their_counts_and_covers(catalog):
    wanted = ids(catalog["slideshows"])
    by_orm = {
        row["id"]: row
        for row in Slideshow.objects.with_slide_count()
        .filter(pk__in=wanted)
        .values(*rows.SLIDESHOW_COLUMNS)
    }
    found = rows.slideshows(wanted)
    assert found == [by_orm[pk] for pk in wanted]
    assert [show["present_count"] for show in found] == [2, 1]


def test_slides_of_photos_come_in_slideshow_title_order_then_position(catalog):
    wanted = ids(catalog["photos"])
    orm = Slide.objects.filter(photo_id__in=wanted).order_by(
        "slideshow__title", "slideshow_id", "position"
    )
    columns = ("photo_id", "position", "slideshow_id", "slideshow__slug", "slideshow__title")
    assert rows.slides_of_photos(wanted) == list(orm.values(*columns))


def test_slides_of_slideshows_carry_their_photos_summary(catalog):
    wanted = ids(catalog["slideshows"])
    orm = Slide.objects.filter(slideshow_id__in=wanted).order_by("slideshow_id", "position")
    columns = ("slideshow_id", "position", "caption")
    photo = tuple(f"photo__{column}" for column in rows.SUMMARY_COLUMNS)
    assert rows.slides_of_slideshows(wanted) == list(orm.values(*columns, *photo))


def test_warnings_of_photos_and_of_slideshows(catalog):
    photos, slideshows = ids(catalog["photos"])[1:2], ids(catalog["slideshows"])
    orm = ContentWarning.objects.filter(
        Q(photo_id__in=photos) | Q(slideshow_id__in=slideshows)
    ).order_by("id")
    columns = ("uid", "kind", "note", "photo_id", "slideshow_id", "slideshow__slug")
    found = rows.warnings(photos, slideshows)
    assert found == list(orm.values(*columns))
    assert len(found) == 2


def test_renditions(catalog):
    wanted = ids(catalog["photos"])
    orm = Rendition.objects.filter(photo_id__in=wanted).order_by("photo_id", "spec")
    found = rows.renditions(wanted)
    assert found == list(orm.values("photo_id", "spec", "file", "width", "height"))
    assert [row["spec"] for row in found] == ["thumbnail", "web"]


def test_empty_key_lists_match_nothing(catalog):
    assert rows.photos([]) == rows.slideshows([]) == rows.renditions([]) == []
    assert rows.slides_of_photos([]) == rows.slides_of_slideshows([]) == []
    assert rows.warnings([], []) == []
    assert len(rows.warnings([], ids(catalog["slideshows"]))) == 1
