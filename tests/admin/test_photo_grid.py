"""The photo list as a grid of pictures (?view=grid), and its order."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from catalog.models import Rendition, WarningKind
from tests.factories import (
    AgencyFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    SlideshowFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:catalog_photo_changelist")


def cards(html: str) -> list[str]:
    return re.findall(r'<li class="catalog-card">(.*?)</li>', html, re.S)


def with_thumbnail(photo, name="renditions/ab/thumb.jpg"):
    Rendition.objects.create(photo=photo, spec="thumbnail", file=name, width=240, height=160)
    return photo


def test_the_grid_shows_picture_caption_credit_warnings_and_slideshows(editor_client):
    photo = with_thumbnail(
        PhotoFactory(
            caption="Soldiers of the 4th Stryker Brigade cross the border from Iraq into "
            "Kuwait at dawn on the last day of the combat mission in the country.",
            photographer=PhotographerFactory(name="Maya Alleruzzo"),
            agency=AgencyFactory(name="AP"),
        )
    )
    SlideFactory(photo=photo, slideshow=SlideshowFactory(title="2010 drawdown"))
    ContentWarningFactory(photo=photo, kind=WarningKind.VIOLENCE)

    response = editor_client.get(CHANGELIST, {"view": "grid"})

    html = response.content.decode()
    assert response.status_code == 200
    [card] = cards(html)
    change_url = reverse("admin:catalog_photo_change", args=[photo.pk])
    assert f'href="{change_url}"' in card
    assert 'src="/media/renditions/ab/thumb.jpg" width="240" height="160"' in card
    # 24 words, then the cut on a word boundary
    assert (
        "Soldiers of the 4th Stryker Brigade cross the border from Iraq into Kuwait at "
        "dawn on the last day of the combat mission in…</a>" in card
    )
    assert "Maya Alleruzzo / AP" in card
    assert ">Violence</span>" in card
    assert ">2010 drawdown</a>" in card
    assert f'name="_selected_action" value="{photo.pk}"' in card
    assert 'id="result_list"' not in html


def test_a_photo_without_a_file_or_caption_has_a_placeholder_and_a_name(editor_client):
    photo = PhotoFactory(caption="", title="", photographer=PhotographerFactory(name="Ira Lee"))

    html = editor_client.get(CHANGELIST, {"view": "grid"}).content.decode()

    [card] = cards(html)
    assert "No picture" in card
    assert f"Photo by Ira Lee / {photo.agency.name}, {photo.created_at.day} " in card
    assert str(photo.uid) not in card


def test_the_grid_keeps_search_filters_and_paging(editor_client):
    ap = AgencyFactory(name="AP")
    PhotoFactory.create_batch(55, agency=ap, caption="Kuwait border crossing.")
    PhotoFactory(agency=ap, caption="Baghdad airport.")
    PhotoFactory(caption="Kuwait, taken for someone else.")

    response = editor_client.get(
        CHANGELIST, {"view": "grid", "q": "kuwait", "agency__id__exact": ap.pk}
    )

    html = response.content.decode()
    assert response.context["cl"].result_count == 55
    assert len(cards(html)) == 50  # a page
    assert all("Kuwait border crossing." in card for card in cards(html))
    # the search keeps the view; the pages and filters link to it
    assert '<input type="hidden" name="view" value="grid">' in html
    assert re.search(r'href="\?[^"]*p=2[^"]*view=grid', html)
    assert re.search(r'href="\?[^"]*has_image=yes[^"]*view=grid', html)  # a filter's link
    page_two = editor_client.get(
        CHANGELIST, {"view": "grid", "q": "kuwait", "agency__id__exact": ap.pk, "p": 2}
    )
    assert len(cards(page_two.content.decode())) == 5


def test_the_toggle_links_between_list_and_grid_keeping_the_filters(editor_client):
    ap = AgencyFactory()
    PhotoFactory(agency=ap)

    as_list = editor_client.get(CHANGELIST, {"agency__id__exact": ap.pk}).content.decode()
    as_grid = editor_client.get(
        CHANGELIST, {"agency__id__exact": ap.pk, "view": "grid"}
    ).content.decode()

    assert f'<a href="?agency__id__exact={ap.pk}&amp;view=grid">pictures</a>' in as_list
    assert f'<a href="?agency__id__exact={ap.pk}">list</a>' in as_grid


def test_photos_are_listed_newest_first(editor_client):
    old, middle, new = PhotoFactory.create_batch(3)

    for params in ({}, {"view": "grid"}):
        response = editor_client.get(CHANGELIST, params)
        assert list(response.context["cl"].result_list) == [new, middle, old]


@pytest.mark.parametrize("params", [{}, {"view": "grid"}])
def test_newest_first_comes_from_an_index_not_a_sort(editor_client, params):
    PhotoFactory.create_batch(3)
    page = editor_client.get(CHANGELIST, params).context["cl"].result_list

    # The page's own query, without the prefetches: does the database sort it?
    # (PostgreSQL is told to avoid sorting, so a Sort left in its plan means
    # no index gives the order.)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")
        plan = page.explain()
    assert set(page.query.order_by) == {"-id"}  # newest first
    assert "TEMP B-TREE FOR ORDER BY" not in plan  # SQLite
    assert "Sort" not in plan  # PostgreSQL: an Index Scan Backward on the primary key


@pytest.mark.parametrize("rows", [3, 30])
def test_grid_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries, rows):
    show = SlideshowFactory()
    ContentWarningFactory(photo=None, slideshow=show)
    for photo in PhotoFactory.create_batch(rows):
        with_thumbnail(photo, f"renditions/{photo.pk}.jpg")
        SlideFactory(slideshow=show, photo=photo)
        ContentWarningFactory(photo=photo)

    # the list's queries: session, user, user and group permissions, the
    # table's estimated size (small here, so also an exact count), page,
    # renditions, warnings, slides with their slideshows, those slideshows' warnings
    with django_assert_num_queries(11):
        response = editor_client.get(CHANGELIST, {"view": "grid"})
    assert len(cards(response.content.decode())) == rows
