"""The catalog's multi-row writes: slide order (unique, gap-free whatever the
move), flagging photos, merging duplicate photographers and agencies."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.db.models import QuerySet

from catalog.models import Agency, ContentWarning, Photo, Photographer, WarningKind
from catalog.permissions import WriteNotAllowed
from catalog.services import (
    GRAPHIC_NOTE,
    MergeError,
    OrderConflict,
    close_gaps,
    flag_photos,
    merge_agencies,
    merge_photographers,
    move_slide,
    place_slides,
    reorder_slides,
    requested_order,
)
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    slideshow_with_slides,
)
from tests.snapshots import catalog_snapshot

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


# -- placing slides where an editor typed ---------------------------------------


def test_requested_order_moves_a_slide_to_the_front():
    assert requested_order([1, 2, 3, 4, 5, 6, 7], {7: 1}) == [7, 1, 2, 3, 4, 5, 6]


def test_requested_order_moves_a_slide_back():
    assert requested_order([1, 2, 3, 4], {1: 3}) == [2, 3, 1, 4]


def test_requested_order_swaps_two_slides():
    assert requested_order([1, 2, 3, 4], {1: 2, 2: 1}) == [2, 1, 3, 4]


def test_requested_order_puts_a_slide_past_the_end_last():
    assert requested_order([1, 2, 3], {1: 99}) == [2, 3, 1]


def test_requested_order_gives_slides_asking_for_one_position_the_next_ones_in_order():
    assert requested_order([1, 2, 3, 4, 5, 6], {3: 5, 2: 5}) == [1, 4, 5, 6, 2, 3]


def test_place_slides_puts_slide_7_first_and_renumbers():
    show = slideshow_with_slides(8)
    ids = order(show)

    place_slides(slideshow=show, moves={ids[6]: 1})

    assert order(show) == [ids[6], *ids[:6], ids[7]]
    assert positions(show) == list(range(1, 9))


def test_place_slides_closes_gaps_left_by_a_removal():
    show = slideshow_with_slides(4)
    show.slides.get(position=2).delete()

    place_slides(slideshow=show, moves={})

    assert positions(show) == [1, 2, 3]


def test_place_slides_refuses_slides_of_another_slideshow():
    show, other = slideshow_with_slides(2), slideshow_with_slides(2)
    with pytest.raises(ValueError, match="not in"):
        place_slides(slideshow=show, moves={other.slides.first().pk: 1})
    with pytest.raises(ValueError, match="start at 1"):
        place_slides(slideshow=show, moves={show.slides.first().pk: 0})


# -- flagging photos -------------------------------------------------------------


def test_flag_photos_adds_one_warning_to_each_photo_without_one(django_assert_num_queries):
    photos = PhotoFactory.create_batch(5)
    ContentWarningFactory(photo=photos[0], kind=WarningKind.GRAPHIC)
    ContentWarningFactory(photo=photos[1], kind=WarningKind.NUDITY)

    with django_assert_num_queries(5):  # savepoint, ids to flag, insert, history, release
        flagged = flag_photos(photos=Photo.objects.filter(pk__in=[p.pk for p in photos]))

    assert flagged == 4
    graphic = ContentWarning.objects.filter(kind=WarningKind.GRAPHIC)
    assert sorted(graphic.values_list("photo", flat=True)) == sorted(p.pk for p in photos)
    assert set(graphic.values_list("note", flat=True)) == {GRAPHIC_NOTE}
    recorded = ContentWarning.history.filter(history_type="+", kind=WarningKind.GRAPHIC)
    assert recorded.count() == 5  # the factory's, and one per warning added here


# -- merging duplicate photographers and agencies --------------------------------


def test_merge_photographers_moves_credits_and_keeps_names_as_aliases(editor):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    typo = PhotographerFactory(name="Maya Aleruzzo")
    typo.aliases.create(name="M. Aleruzzo")
    hers, misspelt = PhotoFactory(photographer=maya), PhotoFactory(photographer=typo)

    merged = merge_photographers(survivor=maya, duplicates=[maya, typo], user=editor)

    assert merged == 1
    assert not Photographer.objects.filter(pk=typo.pk).exists()
    assert set(maya.photos.all()) == {hers, misspelt}
    assert sorted(maya.aliases.values_list("name", flat=True)) == [
        "M. Aleruzzo",
        "Maya Aleruzzo",
        "Maya Alleruzzo",
    ]
    assert list(Photographer.objects.matching("maya aleruzzo")) == [maya]


def test_merge_keeps_a_name_that_had_lost_its_alias(editor):
    maya, typo = PhotographerFactory(name="Maya Alleruzzo"), PhotographerFactory(name="Maya A")
    typo.aliases.all().delete()

    merge_photographers(survivor=maya, duplicates=[typo], user=editor)

    assert "Maya A" in maya.aliases.values_list("name", flat=True)


def test_merge_agencies_moves_every_credit_without_breaking_constraints(editor):
    ap = AgencyFactory(name="AP")
    associated = AgencyFactory(name="Associated Press")
    made = PhotoFactory(agency=associated)
    via = PhotoFactory(agency=AgencyFactory(name="Redux"), distributor=associated)
    same = PhotoFactory(agency=ap, distributor=associated)  # would become AP via AP
    article = ArticleFactory(source_agency=associated)

    merge_agencies(survivor=ap, duplicates=[associated], user=editor)

    for photo in (made, via, same, article):
        photo.refresh_from_db()
    assert made.agency == ap
    assert via.distributor == ap
    assert (same.agency, same.distributor) == (ap, None)
    assert article.source_agency == ap
    assert set(ap.aliases.values_list("name", flat=True)) == {"AP", "Associated Press"}
    assert not Agency.objects.filter(pk=associated.pk).exists()


def test_merge_needs_another_record(editor):
    maya = PhotographerFactory()
    with pytest.raises(MergeError, match="at least one other photographer"):
        merge_photographers(survivor=maya, duplicates=[maya], user=editor)


def test_merge_of_a_record_deleted_meanwhile_changes_nothing(editor):
    maya, typo = PhotographerFactory(), PhotographerFactory()
    photo = PhotoFactory(photographer=typo)
    gone = PhotographerFactory()
    gone_pk = gone.pk
    gone.delete()
    gone.pk = gone_pk

    with pytest.raises(MergeError, match="no longer exists"):
        merge_photographers(survivor=maya, duplicates=[typo, gone], user=editor)

    photo.refresh_from_db()
    assert photo.photographer == typo


def test_merge_is_atomic_when_a_step_fails(editor):
    maya, typo = PhotographerFactory(), PhotographerFactory()
    photo = PhotoFactory(photographer=typo)
    before = catalog_snapshot()

    delete = QuerySet.delete

    def fail_on_photographers(queryset):
        if queryset.model is Photographer:
            raise DatabaseError("disk full")
        return delete(queryset)

    with mock.patch.object(QuerySet, "delete", fail_on_photographers), pytest.raises(DatabaseError):
        merge_photographers(survivor=maya, duplicates=[typo], user=editor)

    assert catalog_snapshot() == before
    photo.refresh_from_db()
    assert photo.photographer == typo


# -- who may merge -----------------------------------------------------------------


@pytest.mark.parametrize(
    "lacking",
    ["change_photographer", "delete_photographer", "change_photo", "add_photographeralias"],
)
def test_merging_photographers_needs_every_permission_it_uses(staff_without, lacking):
    maya, typo = PhotographerFactory(name="Maya Alleruzzo"), PhotographerFactory(name="Maya A")
    photo = PhotoFactory(photographer=typo)
    before = catalog_snapshot()

    with pytest.raises(WriteNotAllowed, match=f"catalog.{lacking}") as refused:
        merge_photographers(survivor=maya, duplicates=[typo], user=staff_without(lacking))

    assert str(refused.value).startswith("You may not merge photographers: it would ")
    assert catalog_snapshot() == before
    photo.refresh_from_db()
    assert photo.photographer == typo


@pytest.mark.parametrize("lacking", ["delete_agency", "change_photo", "change_article"])
def test_merging_agencies_needs_every_permission_it_uses(staff_without, lacking):
    ap, associated = AgencyFactory(name="AP"), AgencyFactory(name="Associated Press")
    ArticleFactory(source_agency=associated)
    PhotoFactory(agency=associated)
    before = catalog_snapshot()

    with pytest.raises(WriteNotAllowed, match=f"catalog.{lacking}"):
        merge_agencies(survivor=ap, duplicates=[associated], user=staff_without(lacking))

    assert catalog_snapshot() == before


def test_a_user_holding_every_permission_a_merge_uses_merges(staff_without):
    ap, associated = AgencyFactory(name="AP"), AgencyFactory(name="Associated Press")
    user = staff_without("add_slideshow", "delete_photo")  # neither is used by a merge

    assert merge_agencies(survivor=ap, duplicates=[associated], user=user) == 1
