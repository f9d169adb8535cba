"""Cross-origin access: the API answers only the origins in CORS_ALLOWED_ORIGINS,
never with credentials, and nothing outside /api/ is shared."""

import pytest

pytestmark = pytest.mark.django_db

NEWSROOM = "https://newsroom.example.org"
STRANGER = "https://evil.example.net"


@pytest.fixture
def allowed(settings):
    settings.CORS_ALLOWED_ORIGINS = [NEWSROOM]


def preflight(client, path: str, origin: str):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


def test_no_origin_is_allowed_by_default(client, settings):
    assert settings.CORS_ALLOWED_ORIGINS == []

    response = client.get("/api/photos/", HTTP_ORIGIN=NEWSROOM)

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_an_allowed_origin_may_read_the_api(client, allowed):
    response = client.get("/api/photos/", HTTP_ORIGIN=NEWSROOM)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == NEWSROOM
    assert "Access-Control-Allow-Credentials" not in response
    assert "origin" in response["Vary"].lower()


def test_another_origin_is_refused(client, allowed):
    response = client.get("/api/photos/", HTTP_ORIGIN=STRANGER)

    assert "Access-Control-Allow-Origin" not in response


def test_a_preflight_from_an_allowed_origin_is_answered(client, allowed):
    response = preflight(client, "/api/photos/", NEWSROOM)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == NEWSROOM
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_from_another_origin_is_not(client, allowed):
    response = preflight(client, "/api/photos/", STRANGER)

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response


def test_the_token_endpoint_is_part_of_the_api(client, allowed):
    response = preflight(client, "/api/token/", NEWSROOM)

    assert response["Access-Control-Allow-Origin"] == NEWSROOM


@pytest.mark.parametrize("path", ["/admin/login/", "/media/photos/x.jpg", "/"])
def test_nothing_outside_the_api_is_shared(client, allowed, path):
    assert "Access-Control-Allow-Origin" not in client.get(path, HTTP_ORIGIN=NEWSROOM)
    assert "Access-Control-Allow-Origin" not in preflight(client, path, NEWSROOM)
