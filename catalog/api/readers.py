"""Photos and slideshows as the API shows them, read as plain rows.

These are the hot read paths. Building model instances and running
prefetch_related costs several times the SQL behind a page of photos, so a
page is read as rows: the ORM picks the ids (filters, ordering), the rows
are read by key with the columns their representation's Plan names, and
each row is rendered by that Plan (declaring.py). The representation's
batched fields are then filled here for the whole page at once, one query
each: the slides placing the photos, the warnings on the photos and on
their slideshows, and the renditions (no query when no photo has a file).

To add a batched block to the photo (one query for the page): declare it in
representations.py and name it in `Meta.batched`, give the model the
property the instance path reads it through, and fill it in `photos()`
below from one KeyedQuery over the page's ids. tests/api/test_representations.py
then holds the block to its declaration with the rest.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q

from catalog.models import ContentWarning, Rendition, Slide, Slideshow
from catalog.models.lookups import KeyedQuery
from catalog.models.slideshows import PHOTO_SLIDES_ORDER
from catalog.rights import judged_rows, rights_blocks

from .declaring import plan
from .links import Site
from .representations import (
    LeaseShownSerializer,
    PhotoSerializer,
    PhotoSlideshowSerializer,
    RenditionSerializer,
    RenditionsSerializer,
    RightsSerializer,
    SlideSerializer,
    SlideshowDetailSerializer,
    SlideshowSerializer,
    WarningSerializer,
)
from .rights import judged_at

PHOTO = plan(PhotoSerializer)
SLIDESHOW = plan(SlideshowSerializer)
SLIDESHOW_DETAIL = plan(SlideshowDetailSerializer)
PLACED = plan(PhotoSlideshowSerializer)
SLIDE = plan(SlideSerializer)
WARNING = plan(WarningSerializer)
RENDITION = plan(RenditionSerializer)
RIGHTS = plan(RightsSerializer)
LEASE = plan(LeaseShownSerializer)
SPECS = tuple(RenditionsSerializer().fields)

# The queries by key. Each row also carries the keys that place it.
# A photo's row carries what its rights block is read from (catalog.rights).
photo_rows = judged_rows(PHOTO.columns)
slideshow_rows = KeyedQuery(
    lambda ids: (
        Slideshow.objects.with_slide_count()
        .filter(pk__in=ids)
        .order_by()
        .values("id", *SLIDESHOW.columns)
    )
)
slides_of_photos = KeyedQuery(
    lambda photo_ids: (
        Slide.objects.filter(photo_id__in=photo_ids)
        .order_by(*PHOTO_SLIDES_ORDER)
        .values("photo_id", "slideshow_id", *PLACED.columns)
    )
)
slides_of_slideshows = KeyedQuery(
    lambda slideshow_ids: (
        Slide.objects.filter(slideshow_id__in=slideshow_ids)
        .order_by("slideshow_id", "position")
        .values("slideshow_id", "photo_id", *SLIDE.columns)
    )
)
warnings_of = KeyedQuery(
    lambda photo_ids, slideshow_ids: (
        ContentWarning.objects.filter(Q(photo_id__in=photo_ids) | Q(slideshow_id__in=slideshow_ids))
        .order_by("id")
        .values("photo_id", "slideshow_id", *WARNING.columns)
    )
)
renditions_of = KeyedQuery(
    lambda photo_ids: (
        Rendition.objects.filter(photo_id__in=photo_ids)
        .order_by("photo_id", "spec")
        .values("photo_id", "spec", *RENDITION.columns)
    )
)


def in_order(rows: list[dict], ids: Iterable[int]) -> list[dict]:
    by_id = {row["id"]: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def photos(ids: list[int], at: datetime) -> list[dict]:
    """The rows of these photos, their rights judged at `at`, in the order of `ids`."""
    return in_order(photo_rows(ids, at=at), ids)


def slideshows(ids: list[int]) -> list[dict]:
    """The rows of these slideshows (with their slides counted), in the order of `ids`."""
    return in_order(slideshow_rows(ids), ids)


class Reader:
    def __init__(self, request):
        self.site = Site(request)

    def photos(self, rows: list[dict]) -> list[dict]:
        """PhotoSerializer's output for rows of `photos()` read at the time
        this request judges rights at (`judged_at`), in their order."""
        ids = [row["id"] for row in rows]
        placed = slides_of_photos(ids)
        own, shown = self._warnings(ids, {slide["slideshow_id"] for slide in placed})
        rights = rights_blocks(rows, judged_at(self.site.request))
        slides_of = defaultdict(list)
        for slide in placed:
            slides_of[slide["photo_id"]].append(slide)
        result = []
        for row in rows:
            photo = PHOTO.from_row(row, self.site)
            mine = slides_of[row["id"]]
            photo["warnings"] = own[row["id"]] + [
                warning for slide in mine for warning in shown[slide["slideshow_id"]]
            ]
            photo["slideshows"] = [PLACED.from_row(slide, self.site) for slide in mine]
            photo["rights"] = self._rights(rights[row["id"]])
            result.append(photo)
        self._renditions(zip(result, ids, strict=True))
        return result

    def slideshows(self, rows: list[dict], *, with_slides: bool = False) -> list[dict]:
        """SlideshowSerializer's (or with_slides, SlideshowDetailSerializer's)
        output for rows of `slideshows()`, in their order."""
        shown_plan = SLIDESHOW_DETAIL if with_slides else SLIDESHOW
        ids = [row["id"] for row in rows]
        result = [shown_plan.from_row(row, self.site) for row in rows]
        # Photo summaries (covers, slides' photos) with the id of their photo.
        summaries = [
            (show["cover"], row["cover"])
            for show, row in zip(result, rows, strict=True)
            if row["cover"] is not None
        ]
        slides_of = defaultdict(list)
        for slide in slides_of_slideshows(ids) if with_slides else []:
            shown_slide = SLIDE.from_row(slide, self.site)
            slides_of[slide["slideshow_id"]].append(shown_slide)
            summaries.append((shown_slide["photo"], slide["photo_id"]))
        own, shown = self._warnings({photo_id for _, photo_id in summaries}, ids)
        for summary, photo_id in summaries:
            summary["warnings"] = list(own[photo_id])
        for show, slideshow_id in zip(result, ids, strict=True):
            show["warnings"] = shown[slideshow_id]
            if with_slides:
                show["slides"] = slides_of[slideshow_id]
        self._renditions(summaries)
        return result

    # -- batched parts ------------------------------------------------------------------

    def _warnings(self, photo_ids: Iterable[int], slideshow_ids: Iterable[int]):
        """The warnings on these photos and on these slideshows, in one query:
        ({photo id: [warning]}, {slideshow id: [warning]})."""
        own, shown = defaultdict(list), defaultdict(list)
        for row in warnings_of(list(photo_ids), list(slideshow_ids)):
            warning = WARNING.from_row(row, self.site)
            if row["photo_id"] is not None:
                own[row["photo_id"]].append(warning)
            else:
                shown[row["slideshow_id"]].append(warning)
        return own, shown

    def _rights(self, block: dict) -> dict:
        shown = RIGHTS.from_row(block, self.site)
        shown["leases"] = [LEASE.from_row(lease, self.site) for lease in block["leases"]]
        return shown

    def _renditions(self, photos: Iterable[tuple[dict, int]]) -> None:
        """Fill the renditions of these (photo output, photo id) that have an
        image, in one query; none when no photo has one."""
        with_files = [(photo["image"], photo_id) for photo, photo_id in photos if photo["image"]]
        if not with_files:
            return
        found = defaultdict(dict)
        for row in renditions_of([photo_id for _, photo_id in with_files]):
            found[row["photo_id"]][row["spec"]] = RENDITION.from_row(row, self.site)
        for image, photo_id in with_files:
            image["renditions"] = {spec: found[photo_id].get(spec) for spec in SPECS}
