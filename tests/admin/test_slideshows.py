"""Slideshows: slides in order, moved by typing a position; counts at a glance."""

import pytest
from django.urls import reverse

from catalog.models import Rendition, Slideshow, WarningKind
from catalog.services import move_slide
from tests.admin.conftest import changeform_data
from tests.factories import (
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    SlideshowFactory,
    slideshow_with_slides,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:catalog_slideshow_changelist")


def order(slideshow) -> list[int]:
    return list(slideshow.slides.order_by("position").values_list("pk", flat=True))


def positions(slideshow) -> list[int]:
    return list(slideshow.slides.order_by("position").values_list("position", flat=True))


def change_url(slideshow) -> str:
    return reverse("admin:catalog_slideshow_change", args=[slideshow.pk])


def test_the_list_shows_declared_and_present_counts(editor_client):
    incomplete = slideshow_with_slides(3, title="Drawdown")
    incomplete.declared_count = 5
    incomplete.save()
    slideshow_with_slides(2, title="Complete")
    SlideshowFactory(title="Card only", declared_count=None)

    html = editor_client.get(CHANGELIST).content.decode()

    assert "3 of 5" in html
    assert '<span class="catalog-badge catalog-badge-missing">2 missing</span>' in html
    assert '<span class="catalog-badge catalog-badge-complete">complete</span>' in html
    assert "no count declared" in html


def test_incomplete_slideshows_can_be_filtered(editor_client):
    incomplete = slideshow_with_slides(3, title="Drawdown")
    incomplete.declared_count = 5
    incomplete.save()
    complete = slideshow_with_slides(2, title="Complete")
    undeclared = SlideshowFactory(declared_count=None)

    def filtered(value):
        response = editor_client.get(CHANGELIST, {"slides": value})
        return list(response.context["cl"].result_list)

    assert filtered("incomplete") == [incomplete]
    assert filtered("complete") == [complete]
    assert filtered("undeclared") == [undeclared]


@pytest.mark.parametrize("rows", [3, 30])
def test_changelist_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    for _ in range(rows):
        show = slideshow_with_slides(2)
        ContentWarningFactory(photo=None, slideshow=show)

    # session, user, permissions (2), count, page, warnings
    with django_assert_num_queries(7):
        response = editor_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_change_page_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    show = slideshow_with_slides(rows)
    for slide in show.slides.all():
        ContentWarningFactory(photo=slide.photo)
    ContentWarningFactory.create_batch(rows, photo=None, slideshow=show)

    # session, user, slideshow, its warnings, permissions (2), slides, their
    # photos' warnings and renditions, slideshow warnings, content type
    with django_assert_num_queries(11):
        response = editor_client.get(change_url(show))

    slides = response.context["inline_admin_formsets"][0].formset.forms
    assert [form.initial["new_position"] for form in slides] == list(range(1, rows + 1))
    first_photo = reverse("admin:catalog_photo_change", args=[slides[0].instance.photo_id])
    assert f'<a href="{first_photo}">' in response.content.decode()


def test_an_editor_puts_slide_7_first(editor_client):
    show = slideshow_with_slides(9)
    ids = order(show)
    data = changeform_data(editor_client.get(change_url(show)))
    assert data["slides-6-new_position"] == 7
    data["slides-6-new_position"] = 1

    response = editor_client.post(change_url(show), data)

    assert response.status_code == 302
    assert order(show) == [ids[6], *ids[:6], ids[7], ids[8]]
    assert positions(show) == list(range(1, 10))


def test_moving_a_slide_back_and_editing_its_caption(editor_client):
    show = slideshow_with_slides(4)
    ids = order(show)
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-0-new_position"] = 3
    data["slides-0-caption"] = "As this slideshow prints it."

    editor_client.post(change_url(show), data)

    assert order(show) == [ids[1], ids[2], ids[0], ids[3]]
    assert show.slides.get(pk=ids[0]).caption == "As this slideshow prints it."


def test_removing_a_slide_closes_the_gap(editor_client):
    show = slideshow_with_slides(4)
    ids = order(show)
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-1-DELETE"] = "on"

    editor_client.post(change_url(show), data)

    assert order(show) == [ids[0], ids[2], ids[3]]
    assert positions(show) == [1, 2, 3]


def test_adding_a_slide_at_a_position(editor_client):
    show = slideshow_with_slides(3)
    ids = order(show)
    photo = PhotoFactory()
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-2-0-photo"] = photo.pk
    data["slides-2-0-new_position"] = 2

    response = editor_client.post(change_url(show), data)

    assert response.status_code == 302
    added = show.slides.get(photo=photo).pk
    assert order(show) == [ids[0], added, ids[1], ids[2]]


def test_adding_a_photo_already_in_the_slideshow_is_refused(editor_client):
    show = slideshow_with_slides(2)
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-2-0-photo"] = show.slides.first().photo_id

    response = editor_client.post(change_url(show), data)

    assert response.status_code == 200
    [form] = response.context["inline_admin_formsets"][1].formset.forms
    assert form.errors.as_data()["photo"][0].code == "already_in"
    assert show.slides.count() == 2


def test_warnings_are_added_on_the_slideshow_page(editor_client):
    show = slideshow_with_slides(1)
    data = changeform_data(editor_client.get(change_url(show)))
    data["warnings-TOTAL_FORMS"] = "1"
    data["warnings-0-kind"] = WarningKind.DEATH

    response = editor_client.post(change_url(show), data)

    assert response.status_code == 302
    assert list(show.warnings.values_list("kind", flat=True)) == ["death"]


def test_the_slideshow_changelist_orders_for_stable_pages():
    from catalog.admin.slideshows import SlideshowAdmin

    assert SlideshowAdmin.ordering == ("title",)
    assert Slideshow._meta.ordering == ["title"]


def test_declared_count_can_be_corrected(editor_client):
    show = SlideFactory().slideshow
    data = changeform_data(editor_client.get(change_url(show)))
    data["declared_count"] = 1

    editor_client.post(change_url(show), data)

    show.refresh_from_db()
    assert show.declared_count == 1


def test_a_reorder_since_the_page_was_opened_is_reported_not_undone(editor_client):
    show = slideshow_with_slides(9)
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-6-new_position"] = 1
    move_slide(slide=show.slides.get(position=9), position=1)  # another editor, meanwhile
    theirs = order(show)

    response = editor_client.post(change_url(show), data)

    assert response.status_code == 200
    errors = " ".join(
        str(formset.non_form_errors()) for formset in response.context["inline_admin_formsets"]
    )
    assert "Someone else reordered these slides since you opened this page" in errors
    assert order(show) == theirs


def test_an_untouched_form_saves_after_someone_elses_reorder_only_if_reloaded(editor_client):
    show = slideshow_with_slides(3)
    move_slide(slide=show.slides.get(position=3), position=1)
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-0-caption"] = "Fresh page, fresh positions."

    response = editor_client.post(change_url(show), data)

    assert response.status_code == 302


def test_each_slide_shows_its_picture_or_a_placeholder_with_a_drag_handle(editor_client):
    show = slideshow_with_slides(2)
    first, second = show.slides.order_by("position")
    Rendition.objects.create(
        photo=first.photo, spec="thumbnail", file="renditions/x/t.jpg", width=240, height=180
    )

    html = editor_client.get(change_url(show)).content.decode()

    assert '<img src="/media/renditions/x/t.jpg" width="80" height="60"' in html
    assert html.count('class="catalog-slide-placeholder">No picture</span>') == 1
    assert html.count('class="catalog-drag-handle"') == 2
    assert second.photo.credit_line in html
    assert '<script src="/static/catalog/admin/slide_order.js"></script>' in html


def named_slides(*captions: str):
    show = SlideshowFactory()
    for position, caption in enumerate(captions, start=1):
        SlideFactory(slideshow=show, position=position, photo=PhotoFactory(caption=caption))
    return show


def test_a_position_past_the_end_says_where_the_slide_went(editor_client):
    show = named_slides("Alpha", "Bravo", "Charlie", "Delta")
    ids = order(show)
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-1-new_position"] = 99

    response = editor_client.post(change_url(show), data, follow=True)

    assert order(show) == [ids[0], ids[2], ids[3], ids[1]]
    messages = [str(m) for m in response.context["messages"]]
    assert "Slides reordered: 'Bravo' asked for 99: moved to 4 (last)" in messages


def test_two_slides_asking_for_one_position_are_told_who_got_it(editor_client):
    show = named_slides("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot")
    ids = order(show)
    data = changeform_data(editor_client.get(change_url(show)))
    data["slides-1-new_position"] = 5  # Bravo
    data["slides-2-new_position"] = 5  # Charlie

    response = editor_client.post(change_url(show), data, follow=True)

    assert order(show) == [ids[0], ids[3], ids[4], ids[5], ids[1], ids[2]]
    assert positions(show) == [1, 2, 3, 4, 5, 6]
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "Slides reordered: 'Bravo' and 'Charlie' both asked for 5: "
        "'Bravo' is 5, 'Charlie' is 6 (last)" in messages
    )


def test_a_drag_renumbering_every_slide_is_reported_plainly(editor_client):
    show = named_slides("Alpha", "Bravo", "Charlie")
    ids = order(show)
    data = changeform_data(editor_client.get(change_url(show)))
    # what slide_order.js sends after dragging the third slide to the top
    data["slides-2-new_position"], data["slides-0-new_position"] = 1, 2
    data["slides-1-new_position"] = 3

    response = editor_client.post(change_url(show), data, follow=True)

    assert order(show) == [ids[2], ids[0], ids[1]]
    assert "Slides reordered." in [str(m) for m in response.context["messages"]]


def test_a_slide_whose_photo_has_no_caption_is_named_by_its_credit(editor_client):
    show = SlideshowFactory()
    photo = PhotoFactory(caption="", title="", photographer=PhotographerFactory(name="Ira Lee"))
    SlideFactory(slideshow=show, photo=photo, position=1)

    html = editor_client.get(change_url(show)).content.decode()

    assert f"Photo by {photo.credit_line}, " in html
    assert str(photo.uid) not in html
