"""Writes that touch several rows, each in one transaction.

Shared by the importer, the admin and the API so that every path keeps the
same invariants: slide positions unique and gap-free (1..n).
"""

from collections.abc import Sequence

from django.db import transaction

from .models import Slide, Slideshow


class OrderConflict(Exception):
    """The slideshow changed since the editor loaded it; nothing was saved."""


def apply_positions(slides: Sequence[Slide], positions: Sequence[int]) -> None:
    """Give each slide its new position without ever breaking uniqueness.

    The moved slides are first parked above every position in use, then
    set to their final places: two UPDATEs whatever the number of slides.
    """
    moved = [
        (slide, position)
        for slide, position in zip(slides, positions, strict=True)
        if slide.position != position
    ]
    if not moved:
        return
    slideshow_ids = {slide.slideshow_id for slide, _ in moved}
    top = max(
        max(positions),
        max(
            Slide.objects.filter(slideshow_id__in=slideshow_ids)
            .order_by("-position")
            .values_list("position", flat=True)[:1],
            default=0,
        ),
    )
    for offset, (slide, _) in enumerate(moved, start=1):
        slide.position = top + offset
    Slide.objects.bulk_update([slide for slide, _ in moved], ["position"])
    for slide, position in moved:
        slide.position = position
    Slide.objects.bulk_update([slide for slide, _ in moved], ["position"])


@transaction.atomic
def reorder_slides(
    *, slideshow: Slideshow, slide_ids: Sequence[int], expected: Sequence[int] | None = None
) -> list[Slide]:
    """Put the slideshow's slides in the order of `slide_ids` (positions 1..n).

    `slide_ids` must name every slide of the slideshow once. `expected`, the
    order the editor saw, turns a concurrent change into `OrderConflict`
    instead of a silent overwrite.
    """
    Slideshow.objects.select_for_update().filter(pk=slideshow.pk).first()
    slides = {slide.pk: slide for slide in slideshow.slides.all()}
    current = sorted(slides, key=lambda pk: slides[pk].position)
    if expected is not None and list(expected) != current:
        raise OrderConflict(
            f"The slides of {slideshow} were reordered by someone else; reload and try again."
        )
    if sorted(slide_ids) != sorted(slides) or len(set(slide_ids)) != len(slide_ids):
        raise ValueError("slide_ids must list every slide of the slideshow exactly once")
    ordered = [slides[pk] for pk in slide_ids]
    apply_positions(ordered, range(1, len(ordered) + 1))
    return ordered


@transaction.atomic
def move_slide(*, slide: Slide, position: int) -> list[Slide]:
    """Move one slide to `position`; the others close up around it."""
    Slideshow.objects.select_for_update().filter(pk=slide.slideshow_id).first()
    order = list(
        Slide.objects.filter(slideshow_id=slide.slideshow_id)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    if not 1 <= position <= len(order):
        raise ValueError(f"position must be between 1 and {len(order)}")
    order.remove(slide.pk)
    order.insert(position - 1, slide.pk)
    return reorder_slides(slideshow=slide.slideshow, slide_ids=order)


@transaction.atomic
def close_gaps(*, slideshow: Slideshow) -> None:
    """Renumber the slides 1..n in their present order (after a removal)."""
    Slideshow.objects.select_for_update().filter(pk=slideshow.pk).first()
    slides = list(slideshow.slides.order_by("position"))
    apply_positions(slides, range(1, len(slides) + 1))
