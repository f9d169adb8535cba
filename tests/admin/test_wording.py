"""How the admin words things: articles, plurals, labels, cuts, the tab's icon."""

import pytest
from django.urls import reverse

from catalog.models import Article, Photo
from tests.factories import PhotoFactory, PhotographerFactory, SlideFactory, SlideshowFactory

pytestmark = pytest.mark.django_db

PHOTOS = reverse("admin:catalog_photo_changelist")


def test_the_autocomplete_filters_say_an_agency_and_a_photographer(editor_client):
    html = editor_client.get(PHOTOS).content.decode()

    assert 'data-placeholder="Type to find an agency"' in html
    assert 'data-placeholder="Type to find a photographer"' in html
    assert 'data-placeholder="Type to find a slideshow"' in html
    assert "a agency" not in html


def test_the_merge_page_counts_one_photo_and_two_photos(editor_client):
    one, two = PhotographerFactory(name="Ira One"), PhotographerFactory(name="Ira Two")
    PhotoFactory(photographer=one)
    PhotoFactory.create_batch(2, photographer=two)

    response = editor_client.post(
        reverse("admin:catalog_photographer_changelist"),
        {"action": "merge_selected", "_selected_action": [one.pk, two.pk]},
    )

    html = response.content.decode()
    assert "Ira One (1 photo)" in html
    assert "Ira Two (2 photos)" in html


def test_the_photographer_page_labels_its_count_and_its_latest_photos_apart(editor_client):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    PhotoFactory(photographer=maya, caption="Soldiers board a plane.")

    html = editor_client.get(
        reverse("admin:catalog_photographer_change", args=[maya.pk])
    ).content.decode()

    assert html.count("<label>Photos:</label>") == 1
    assert "<label>Latest photos:</label>" in html
    assert "All 1 photo by Maya Alleruzzo" in html


def test_help_texts_show_no_markup_backticks(editor_client):
    html = editor_client.get(reverse("admin:catalog_photo_add")).content.decode()

    assert "when the credit says “X via Y”." in html
    assert "`" not in html


def test_a_slideshow_title_is_cut_between_words_in_the_photo_list(editor_client):
    show = SlideshowFactory(title="Soldiers cross the border from Iraq into Kuwait at dawn")
    SlideFactory(slideshow=show)

    html = editor_client.get(PHOTOS).content.decode()

    assert ">Soldiers cross the border from Iraq…</a>" in html


def test_a_photo_is_named_by_its_caption_cut_between_words():
    photo = Photo(
        caption="Soldiers of the 4th Stryker Brigade cross the border from Iraq into Kuwait."
    )

    assert str(photo) == "Soldiers of the 4th Stryker Brigade cross the border from…"


def test_every_admin_page_links_the_catalog_icon(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert '<link rel="icon" href="/static/catalog/favicon.svg" type="image/svg+xml">' in html


def test_an_article_without_a_headline_is_named_by_its_summary_cut_between_words():
    article = Article(
        headline="",
        summary="Soldiers of the 4th Stryker Brigade crossed the border from Iraq into Kuwait "
        "on Thursday, the last combat brigade to leave.",
    )

    assert str(article) == (
        "Soldiers of the 4th Stryker Brigade crossed the border from Iraq into Kuwait on…"
    )
