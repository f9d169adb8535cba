"""The front page at `/`: what the catalog is, how much it holds, the ways in."""

import pytest

from catalog import paginators
from tests.factories import PhotoFactory, SlideshowFactory, VideoFactory

pytestmark = pytest.mark.django_db


def counts(response) -> dict[str, str]:
    """What the page says it holds: {"photos": "3", ...}, from the context."""
    return {
        counted["name"]: f"{'about ' if counted['estimated'] else ''}{counted['count']}"
        for counted in response.context["counts"]
    }


def test_the_front_page_says_what_the_catalog_holds(client):
    PhotoFactory.create_batch(3)  # each with its photographer and agency
    SlideshowFactory()
    VideoFactory.create_batch(2)

    response = client.get("/")

    assert response.status_code == 200
    assert counts(response) == {
        "photos": "3",
        "slideshow": "1",
        "photographers": "3",
        "agencies": "3",
        "videos": "2",
    }
    html = response.content.decode()
    assert "A catalog of news photos and videos" in html
    for number, noun, url in [
        (3, "photos", "/api/photos/"),
        (1, "slideshow", "/api/slideshows/"),
        (2, "videos", "/api/videos/"),
    ]:
        assert (
            f'<a href="{url}">\n              <span class="catalog-front-number">{number}</span>\n'
            f'              <span class="catalog-front-noun">{noun}</span>'
        ) in html


def test_the_front_page_links_the_admin_the_api_and_its_documentation(client):
    html = client.get("/").content.decode()

    for link in [
        '<a class="button catalog-front-button" href="/admin/">Admin</a>',
        '<a href="/api/">API root</a>',
        '<a href="/api/docs/">API documentation</a>',
        '<a href="/api/redoc/">API reference</a>',
        '<a href="/api/schema/">OpenAPI schema</a>',
    ]:
        assert link in html
    for target in ("/admin/", "/api/", "/api/docs/", "/api/redoc/", "/api/schema/"):
        assert client.get(target, follow=True).status_code == 200, target


def test_large_tables_are_estimated_and_said_to_be(client, monkeypatch):
    monkeypatch.setattr(paginators, "estimated_rows", lambda model, using: 1_234_567)

    response = client.get("/")

    assert set(counts(response).values()) == {"about 1234567"}
    assert '<span class="catalog-front-number">about 1,234,567</span>' in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_front_page_queries_do_not_grow_with_rows(client, django_assert_num_queries, rows):
    PhotoFactory.create_batch(rows)
    SlideshowFactory.create_batch(rows)
    VideoFactory.create_batch(rows)

    # per model, the table's estimated size, then (small here) its exact count
    with django_assert_num_queries(10):
        response = client.get("/")
    assert [counted["count"] for counted in response.context["counts"]] == [
        rows,
        rows,
        rows,
        rows,
        rows,
    ]


def test_the_front_page_is_the_same_for_everyone_and_may_be_cached(client, editor):
    anonymous = client.get("/")
    client.force_login(editor)
    signed_in = client.get("/")

    assert signed_in.content == anonymous.content
    for response in (anonymous, signed_in):
        assert response["Cache-Control"] == "public, max-age=60"
        assert "Cookie" not in response.get("Vary", "")
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert not response.cookies


def test_the_front_page_only_answers_reads(client):
    assert client.post("/").status_code == 405
    assert client.head("/").status_code == 200
