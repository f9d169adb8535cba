"""Exports from the admin: the action, and every row that matches, streamed."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Photo
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[dict]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_all_that_match_follows_the_lists_search_and_filters(editor_client):
    reuters = AgencyFactory(name="Reuters")
    PhotoFactory.create_batch(3, agency=reuters, caption="Troops cross into Kuwait")
    PhotoFactory(agency=reuters, caption="A market in Basra")
    PhotoFactory(caption="Troops elsewhere")
    changelist = reverse("admin:catalog_photo_changelist")
    query = f"agency__id__exact={reuters.pk}&q=troops"

    page = editor_client.get(f"{changelist}?{query}")
    links = dict(page.context["export_links"])
    url = links["Export all that match (CSV)"]
    assert url.endswith(f"?{query}")
    assert url in page.content.decode().replace("&amp;", "&")

    rows = rows_of(editor_client.get(url))

    expected = Photo.objects.filter(agency=reuters, caption__startswith="Troops")
    assert sorted(row["uid"] for row in rows) == sorted(str(p.uid) for p in expected)
    assert [row["uid"] for row in rows] == [str(p.uid) for p in expected.order_by("-id")]


def test_the_export_action_writes_the_selected_rows(editor_client):
    photos = PhotoFactory.create_batch(3)
    response = editor_client.post(
        reverse("admin:catalog_photo_changelist"),
        {"action": "export_jsonl", "_selected_action": [photos[0].pk, photos[2].pk]},
    )
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 2
    assert str(photos[0].uid) in "".join(lines)
    assert str(photos[1].uid) not in "".join(lines)


def test_photographers_export_with_counts(editor_client):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    PhotoFactory.create_batch(2, photographer=maya)
    url = reverse("admin:catalog_photographer_export", args=["csv"]) + "?q=maya"

    assert rows_of(editor_client.get(url)) == [
        {"slug": maya.slug, "name": "Maya Alleruzzo", "photo_count": "2"}
    ]


def test_an_export_needs_a_staff_login(client):
    url = reverse("admin:catalog_photo_export", args=["csv"])
    assert client.get(url).status_code == 302  # to the login page


def export_queries(client, rows: int) -> int:
    PhotoFactory.create_batch(rows)
    url = reverse("admin:catalog_photo_export", args=["csv"])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        rows_of(client.get(url))
    return len(queries)


def test_export_queries_do_not_grow_with_rows(editor_client):
    assert export_queries(editor_client, 2) == export_queries(editor_client, 40)


def test_the_grid_view_exports_too_and_a_bad_filter_goes_back_to_the_list(editor_client):
    PhotoFactory.create_batch(2)
    url = reverse("admin:catalog_photo_export", args=["jsonl"])

    response = editor_client.get(f"{url}?view=grid")
    assert len(b"".join(response.streaming_content).splitlines()) == 2

    response = editor_client.get(f"{url}?agency__id__exact=nope")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
