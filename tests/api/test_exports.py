"""`?format=csv` and `?format=jsonl`: every matching row, streamed, for staff."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from catalog.exports import PHOTO_COLUMNS, PHOTOGRAPHER_COLUMNS
from catalog.models import Photo
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient()
    client.force_authenticate(editor)
    return client


def body(response) -> str:
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def read_csv(response) -> list[dict]:
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_a_filtered_photo_list_as_csv_has_every_match_and_no_page(editor_api):
    ap = AgencyFactory(name="AP", slug="ap")
    maya = PhotographerFactory(name="Maya Alleruzzo")
    for number in range(25):
        PhotoFactory(agency=ap, photographer=maya, caption=f"Kuwait {number}")
    PhotoFactory(caption="Elsewhere")

    response = editor_api.get("/api/photos/?agency=ap&format=csv&page_size=5")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="photos-')
    rows = read_csv(response)
    assert list(rows[0]) == [column.name for column in PHOTO_COLUMNS]
    expected = Photo.objects.filter(agency=ap).order_by("-id")
    assert [row["uid"] for row in rows] == [str(photo.uid) for photo in expected]
    assert {row["credit_line"] for row in rows} == {"Maya Alleruzzo / AP"}


def test_the_same_list_as_json_lines(editor_api):
    photo = PhotoFactory(
        title="", caption="=HYPERLINK(1)", alt_text="A crowd in a square.", credit_role="pool"
    )

    response = editor_api.get("/api/photos/", HTTP_ACCEPT="application/jsonl")

    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    (row,) = [json.loads(line) for line in body(response).splitlines()]
    assert row["uid"] == str(photo.uid)
    assert row["caption"] == "=HYPERLINK(1)"  # as it is: JSON is not a spreadsheet
    assert row["alt_text"] == "A crowd in a square."
    assert row["credit_role"] == "pool"
    assert row["image_width"] is None


def test_csv_defuses_cells_a_spreadsheet_would_run(editor_api):
    PhotoFactory(caption="=HYPERLINK(1)")
    (row,) = read_csv(editor_api.get("/api/photos/?format=csv"))
    assert row["caption"] == "'=HYPERLINK(1)"


def test_photographers_export_with_their_counts(editor_api):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    PhotoFactory.create_batch(3, photographer=maya)
    PhotographerFactory(name="Jim Roe")

    rows = read_csv(editor_api.get("/api/photographers/?format=csv"))

    assert list(rows[0]) == [column.name for column in PHOTOGRAPHER_COLUMNS]
    assert {(row["name"], row["photo_count"]) for row in rows} >= {
        ("Maya Alleruzzo", "3"),
        ("Jim Roe", "0"),
    }


def test_exports_are_for_staff(api):
    PhotoFactory()
    assert api.get("/api/photos/?format=csv").status_code in (401, 403)
    assert api.get("/api/photographers/?format=jsonl").status_code in (401, 403)
    assert api.get("/api/photos/").status_code == 200  # the list itself stays public


def test_an_unknown_format_is_not_found(editor_api):
    assert editor_api.get("/api/photos/?format=xlsx").status_code == 404


def export_queries(client, url: str, rows: int) -> int:
    body(client.get(url))  # the user's permissions, read once and kept
    for _ in range(rows):
        PhotoFactory()
    with CaptureQueriesContext(connection) as queries:
        body(client.get(url))
    return len(queries)


@pytest.mark.parametrize("url", ["/api/photos/?format=csv", "/api/photographers/?format=jsonl"])
def test_export_queries_do_not_grow_with_rows(editor_api, url):
    few = export_queries(editor_api, url, 2)
    assert few == export_queries(editor_api, url, 30) == 1
