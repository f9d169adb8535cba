"""Slide order: unique, gap-free positions whatever the move."""

import pytest

from catalog.services import OrderConflict, close_gaps, move_slide, reorder_slides
from tests.factories import SlideFactory, slideshow_with_slides

pytestmark = pytest.mark.django_db


def order(slideshow) -> list[int]:
    return list(slideshow.slides.order_by("position").values_list("pk", flat=True))


def positions(slideshow) -> list[int]:
    return list(slideshow.slides.order_by("position").values_list("position", flat=True))


def test_move_a_slide_to_the_front():
    show = slideshow_with_slides(7)
    ids = order(show)

    move_slide(slide=show.slides.get(position=7), position=1)

    assert order(show) == [ids[6], *ids[:6]]
    assert positions(show) == list(range(1, 8))


def test_move_a_slide_back():
    show = slideshow_with_slides(4)
    ids = order(show)

    move_slide(slide=show.slides.get(position=1), position=3)

    assert order(show) == [ids[1], ids[2], ids[0], ids[3]]
    assert positions(show) == [1, 2, 3, 4]


def test_move_outside_the_slideshow_is_refused():
    show = slideshow_with_slides(3)
    with pytest.raises(ValueError, match="between 1 and 3"):
        move_slide(slide=show.slides.first(), position=4)
    assert positions(show) == [1, 2, 3]


def test_reorder_needs_every_slide_once():
    show = slideshow_with_slides(3)
    ids = order(show)
    for wrong in (ids[:2], [*ids, ids[0]], [ids[0], ids[0], ids[1]]):
        with pytest.raises(ValueError, match="every slide"):
            reorder_slides(slideshow=show, slide_ids=wrong)
    assert order(show) == ids


def test_reorder_refuses_a_stale_view():
    show = slideshow_with_slides(3)
    seen = order(show)
    move_slide(slide=show.slides.get(position=3), position=1)  # someone else

    with pytest.raises(OrderConflict, match="reordered by someone else"):
        reorder_slides(slideshow=show, slide_ids=list(reversed(seen)), expected=seen)
    assert order(show) == [seen[2], seen[0], seen[1]]


def test_close_gaps_after_a_removal():
    show = slideshow_with_slides(4)
    show.slides.get(position=2).delete()
    SlideFactory(slideshow=show, position=9)

    close_gaps(slideshow=show)

    assert positions(show) == [1, 2, 3, 4]
