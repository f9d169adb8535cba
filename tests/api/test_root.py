"""`/api/` says what the API is and where its documentation is, and still
lists every endpoint as JSON."""

import pytest

from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "slideshows",
    "photos",
    "photographers",
    "agencies",
    "warnings",
    "videos",
    "articles",
    "uses",
]


def test_the_root_lists_every_endpoint_as_json(api):
    response = api.get("/api/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {name: f"http://testserver/api/{name}/" for name in ENDPOINTS}


def test_the_root_links_its_documentation_for_programs(api):
    response = api.get("/api/")

    assert response["Link"] == (
        '<http://testserver/api/docs/>; rel="service-doc", '
        '<http://testserver/api/schema/>; rel="service-desc"'
    )


def test_the_browsable_root_says_what_the_api_is(api):
    html = api.get("/api/", HTTP_ACCEPT="text/html").content.decode()

    assert "The default basic root view" not in html
    assert "<h1>Media Catalog API</h1>" in html
    assert "The Media Catalog API: the catalog&#x27;s slideshows, photos" in html
    assert '<a href="/api/docs/">Swagger UI</a>' in html
    assert '<a href="/api/redoc/">Redoc</a>' in html
    assert '<a href="/api/schema/">OpenAPI schema</a>' in html


def test_options_describe_the_api_in_plain_text(api):
    description = api.options("/api/").json()["description"]

    assert description.startswith("The Media Catalog API: ")
    assert "Documentation: /api/docs/ (Swagger UI), /api/redoc/ (Redoc)" in description


def test_the_browsable_api_carries_the_catalogs_name_and_leads_home(api):
    html = api.get("/api/photos/", HTTP_ACCEPT="text/html").content.decode()

    assert "<title>Photo List \u2013 Media Catalog API</title>" in html
    assert '<a class="navbar-brand" rel="nofollow" href="/">Media Catalog</a>' in html
    assert "Django REST framework" not in html
    assert 'rel="icon"' in html


def test_a_records_page_is_called_by_its_kind(api):
    photo = PhotoFactory()

    html = api.get(f"/api/photos/{photo.uid}/", HTTP_ACCEPT="text/html").content.decode()

    assert "<title>Photo \u2013 Media Catalog API</title>" in html
    assert "Photo Instance" not in html
