"""The orjson renderer writes byte for byte what DRF's JSONRenderer writes."""

import datetime
import decimal
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.exceptions import ErrorDetail
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from catalog.api.renderers import JSONRenderer
from catalog.models import WarningKind
from tests.factories import PhotoFactory

TRICKY_TEXT = 'Quote " backslash \\ slash / é ☂ 😀 \x00 \x1f \x7f \n\t\r\b\f \u2028 \u2029'


def both(data, media_type="application/json", context=None):
    ours = JSONRenderer().render(data, media_type, context)
    theirs = renderers.JSONRenderer().render(data, media_type, context)
    return ours, theirs


@pytest.mark.parametrize(
    "data",
    [
        {"text": TRICKY_TEXT, "numbers": [0, -1, 2**62, 1.5, -0.0], "flags": [True, False, None]},
        {1: "int keys", "nested": {"list": [[], {}, ""]}},
        {
            "utc": datetime.datetime(2011, 10, 22, 17, 58, 39, tzinfo=datetime.UTC),
            "micro": datetime.datetime(2011, 10, 22, 17, 58, 39, 120, tzinfo=datetime.UTC),
            "paris": datetime.datetime(2011, 10, 22, 19, 58, tzinfo=ZoneInfo("Europe/Paris")),
            "naive": datetime.datetime(2011, 10, 22, 17, 58, 39),
            "date": datetime.date(2011, 10, 22),
            "time": datetime.time(17, 58, 39),
            "span": datetime.timedelta(minutes=3),
        },
        {
            "uuid": uuid.UUID("6f1f5a1e-4c0b-4d47-9a52-3c1f2f8e7d10"),
            "decimal": decimal.Decimal("1.10"),
            "lazy": gettext_lazy("This field is required."),
            "choice": WarningKind.GRAPHIC,
            "error": ErrorDetail("No agency is called 'x'.", code="invalid"),
            "tuple": (1, "two"),
            "set": frozenset(),
        },
        ReturnDict({"results": ReturnList([{"a": 1}], serializer=None)}, serializer=None),
        [],
        "a bare string",
    ],
    ids=["text", "keys", "times", "types", "serializer-data", "empty", "string"],
)
def test_same_bytes_as_drf(data):
    ours, theirs = both(data)
    assert ours == theirs


def test_indented_json_is_drfs():
    data = {"text": TRICKY_TEXT, "list": [1, 2]}
    ours, theirs = both(data, "application/json; indent=4")
    assert ours == theirs
    assert b"\n    " in ours
    ours, theirs = both(data, context={"indent": 2})
    assert ours == theirs
    assert b"\n  " in ours


def test_what_neither_can_encode_fails_as_drfs_does():
    with pytest.raises(TypeError) as ours:
        JSONRenderer().render({"object": object()})
    with pytest.raises(TypeError) as theirs:
        renderers.JSONRenderer().render({"object": object()})
    assert str(ours.value) == str(theirs.value)


def test_none_is_an_empty_body():
    assert both(None) == (b"", b"")


@pytest.mark.parametrize(
    "path",
    [
        "/api/photos/?page_size=100",
        "/api/slideshows/",
        "/api/photographers/",
        "/api/agencies/",
        "/api/videos/",
        "/api/articles/",
        "/api/photos/?photographer=nobody",
    ],
)
def test_api_answers_are_drfs_bytes(client, imported_seed, path):
    response = client.get(path)
    assert response.status_code in (200, 400)
    assert response.content == renderers.JSONRenderer().render(response.data)


@pytest.mark.django_db
def test_the_browsable_detail_draws_its_edit_forms_from_the_record(client, editor):
    photo = PhotoFactory(caption="Soldiers cross into Kuwait at dawn.")
    client.force_login(editor)

    html = client.get(f"/api/photos/{photo.uid}/", HTTP_ACCEPT="text/html").content.decode()

    assert (
        '<textarea name="caption" class="form-control"  >'
        "Soldiers cross into Kuwait at dawn.</textarea>"
    ) in html
    assert "&quot;caption&quot;: &quot;Soldiers cross into Kuwait at dawn.&quot;" in html
    assert f'<option value="{photo.photographer.slug}" selected >' in html
