"""Request bodies over Django's limits are a 400 with a JSON body saying so,
whichever way they are sent, and before any of them is read into memory."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from catalog.models import Photo
from tests.images.test_store import sample

pytestmark = pytest.mark.django_db

TOO_BIG = {
    "detail": "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.",
    "errors": {},
}


@pytest.fixture
def small_bodies(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000


@pytest.mark.parametrize("format", ["json", "multipart"])
def test_a_write_over_the_body_limit_is_a_400(staff_api, small_bodies, format):
    response = staff_api.post("/api/photos/", {"caption": "x" * 2000}, format=format)

    assert response.status_code == 400
    assert response.json() == TOO_BIG
    assert Photo.objects.count() == 0


def test_a_form_body_over_the_limit_is_a_400(staff_api, small_bodies):
    response = staff_api.post(
        "/api/photos/",
        "caption=" + "x" * 2000,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert response.json() == TOO_BIG


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (json.dumps({"username": "x" * 2000, "password": "y"}), "application/json"),
        ("username=" + "x" * 2000 + "&password=y", "application/x-www-form-urlencoded"),
    ],
)
def test_anyone_may_not_send_the_token_endpoint_a_large_body(small_bodies, body, content_type):
    response = APIClient().post("/api/token/", body, content_type=content_type)

    assert response.status_code == 400
    assert response.json() == TOO_BIG


def test_a_body_within_the_limit_is_read(staff_api, small_bodies):
    response = staff_api.post("/api/photos/", {"caption": "x" * 500}, format="json")

    assert response.status_code == 201


def test_more_files_than_a_request_may_carry_are_a_400(staff_api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    files = [SimpleUploadedFile(f"{n}.jpg", sample("pillow_hopper.jpg")) for n in range(2)]

    response = staff_api.post("/api/photos/", {"image": files}, format="multipart")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.",
        "errors": {},
    }
    assert Photo.objects.count() == 0
