"""Every 4xx of the API is JSON `{"detail": ..., "errors": {...}}`, DEBUG on or off."""

import pytest

from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"detail", "errors"}, body
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["errors"], dict)
    return body


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5"])
def test_a_page_that_is_no_page_number_is_a_400(api, debug, page):
    PhotoFactory()
    body = error(api.get("/api/photos/", {"page": page}), 400)
    assert body["errors"]["page"] == ["Must be a whole number from 1, or `last`."]


@pytest.mark.parametrize("url", ["/api/photos/", "/api/agencies/", "/api/warnings/"])
def test_a_page_past_the_end_is_a_404_in_the_error_shape(api, debug, url):
    PhotoFactory()
    body = error(api.get(url, {"page": 7}), 404)
    assert body["errors"]["page"][0].startswith("Past the last page, 1")


def test_the_last_page_is_still_found_by_name(api):
    PhotoFactory()
    assert api.get("/api/photos/", {"page": "last"}).status_code == 200


@pytest.mark.parametrize(
    "url", ["/api/photos/not-a-uuid/", "/api/slideshows/no%20such/", "/api/nothing-here/"]
)
def test_urls_no_view_matches_are_json_404s(api, debug, url):
    assert error(api.get(url), 404)["detail"] == "Not found."


def test_a_missing_record_is_a_json_404(api, debug):
    body = error(api.get("/api/photos/00000000-0000-0000-0000-000000000000/"), 404)
    assert body["errors"] == {}


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_a_url_without_its_slash_is_a_404_naming_the_right_one(staff_api, debug, method):
    response = getattr(staff_api, method)("/api/photos", {"title": "x"}, format="json")
    body = error(response, 404)
    assert body["errors"] == {"url": ["/api/photos/"]}
    assert "/api/photos/" in body["detail"]
    assert "Location" not in response


def test_method_not_allowed_and_unauthenticated_in_the_shape(api, staff_api, debug):
    assert error(api.post("/api/photos/", {}, format="json"), 401)["errors"] == {}
    assert error(staff_api.delete("/api/photos/"), 405)["errors"] == {}


@pytest.mark.parametrize(("size", "status"), [("0", 400), ("101", 400), ("100", 200)])
def test_page_size_outside_its_range_is_a_400_saying_the_range(api, debug, size, status):
    PhotoFactory()
    response = api.get("/api/photos/", {"page_size": size})
    if status == 400:
        assert error(response, 400)["errors"]["page_size"] == [
            "Must be a whole number from 1 to 100."
        ]
    else:
        assert response.status_code == 200
