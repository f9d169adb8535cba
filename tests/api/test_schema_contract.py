"""The schema says what the API does: what writes answer, what each body
takes, how ordering is given, and that public reads need no account."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import results
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory
from tests.images.test_store import wire_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api) -> dict:
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def response_ref(schema, path, method, status) -> str:
    content = schema["paths"][path][method]["responses"][status]["content"]
    return content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]


@pytest.mark.parametrize(
    ("path", "method", "status", "read"),
    [
        ("/api/photos/", "post", "201", "Photo"),
        ("/api/photos/{id}/", "put", "200", "Photo"),
        ("/api/photos/{id}/", "patch", "200", "Photo"),
        ("/api/photos/{id}/image/", "put", "200", "Photo"),
        ("/api/slideshows/", "post", "201", "SlideshowDetail"),
        ("/api/slideshows/{slug}/", "put", "200", "SlideshowDetail"),
        ("/api/slideshows/{slug}/", "patch", "200", "SlideshowDetail"),
    ],
)
def test_writes_declare_the_read_representation_they_answer(schema, path, method, status, read):
    assert response_ref(schema, path, method, status) == read


def test_a_created_slideshow_answers_as_declared(staff_api, schema):
    cover = PhotoFactory()
    response = staff_api.post(
        "/api/slideshows/", {"title": "Harbour at dawn", "cover": str(cover.uid)}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    declared = schema["components"]["schemas"]["SlideshowDetail"]
    assert set(body) == set(declared["properties"])
    assert body["cover"]["id"] == str(cover.uid)  # an object, as SlideshowDetail says
    assert body["slides"] == []


def test_each_request_body_has_one_content_type(schema):
    bodies = {
        (method, path): list(operation["requestBody"]["content"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }
    assert all(len(types) == 1 for types in bodies.values()), bodies
    uploads = {key for key, types in bodies.items() if types == ["multipart/form-data"]}
    assert uploads == {("put", "/api/photos/{id}/image/")}
    photo = schema["components"]["schemas"]["PhotoDataRequest"]["properties"]
    assert "image" not in photo
    upload = schema["components"]["schemas"]["PhotoImageRequest"]["properties"]
    assert upload["image"]["format"] == "binary"


def test_an_image_is_uploaded_to_its_photo(staff_api):
    photo = PhotoFactory(caption="")
    upload = SimpleUploadedFile("harbour.jpg", wire_photo("Ann Lee", "AP", "Boats."), "image/jpeg")
    response = staff_api.put(
        f"/api/photos/{photo.uid}/image/", {"image": upload}, format="multipart"
    )
    assert response.status_code == 200, response.content
    assert response.json()["image"]["name"] == "harbour.jpg"
    assert response.json()["caption"] == "Boats."
    missing = staff_api.put(f"/api/photos/{photo.uid}/image/", {}, format="multipart")
    assert missing.status_code == 400
    assert "image" in missing.json()["errors"]
    as_json = staff_api.put(f"/api/photos/{photo.uid}/image/", {"image": "x"}, format="json")
    assert as_json.status_code == 415


def test_ordering_takes_several_keys_repeated_or_comma_separated(api, schema):
    zeta, alpha = AgencyFactory(name="Zeta Wire"), AgencyFactory(name="Alpha Wire")
    bo, al = PhotographerFactory(name="Bo Smith"), PhotographerFactory(name="Al Jones")
    PhotoFactory(agency=zeta, photographer=al, title="z-al")
    PhotoFactory(agency=alpha, photographer=bo, title="a-bo")
    PhotoFactory(agency=alpha, photographer=al, title="a-al")
    expected = ["a-al", "a-bo", "z-al"]  # by agency, then photographer

    repeated = results(api.get("/api/photos/?ordering=agency&ordering=photographer"))
    commas = results(api.get("/api/photos/?ordering=agency,photographer"))
    assert [p["title"] for p in repeated] == expected
    assert [p["title"] for p in commas] == expected
    by_photographer = results(api.get("/api/photos/?ordering=photographer&ordering=-agency"))
    assert [p["title"] for p in by_photographer] == ["z-al", "a-al", "a-bo"]
    (ordering,) = [
        p for p in schema["paths"]["/api/photos/"]["get"]["parameters"] if p["name"] == "ordering"
    ]
    assert (ordering["schema"]["type"], ordering["style"], ordering["explode"]) == (
        "array",
        "form",
        False,
    )


def test_public_reads_need_no_account_and_show_no_padlock(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "get" and not path.endswith(("/original/", "/history/")):
                assert operation["security"] == [{}], (method, path)
            else:
                assert {} not in operation["security"], (method, path)
