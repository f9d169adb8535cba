"""Images through the API: the representation, filters, and staff uploads."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from knox.models import AuthToken
from rest_framework.test import APIClient

from catalog.images.store import ingest_image
from catalog.models import Photo, Slide
from tests.api.conftest import results
from tests.factories import (
    AgencyFactory,
    PhotoFactory,
    PhotographerFactory,
    slideshow_with_slides,
)
from tests.images.test_store import long_credit_photo, sample, stored_files, wire_photo

pytestmark = pytest.mark.django_db


def test_photo_shows_its_image_renditions_and_embedded_metadata(api):
    photo, _ = ingest_image(sample("exiftool_IPTC.jpg"), name="IPTC.jpg")

    body = api.get(f"/api/photos/{photo.uid}/").json()

    image = body["image"]
    assert image["url"] is None  # the original is for staff only
    assert (image["name"], image["format"], image["sha256"]) == (
        "IPTC.jpg",
        "JPEG",
        photo.image_sha256,
    )
    assert (image["width"], image["height"], image["size"]) == (
        photo.image_width,
        photo.image_height,
        9851,
    )
    assert set(image["renditions"]) == {"thumbnail", "web"}
    assert image["renditions"]["thumbnail"]["url"].startswith("http://testserver/media/renditions/")
    assert body["embedded"] == {
        "creator": "Phil Harvey",
        "credit_line": "My Credit",
        "source": "I'm the source",
        "copyright_notice": "Copyright 2004 Phil Harvey",
        "caption": "A witty caption",
        "headline": "No headline",
        "date_created": "2004-02-26",
    }
    assert body["credit_conflict"] is False


def test_photo_without_a_file(api):
    photo = PhotoFactory()
    body = api.get(f"/api/photos/{photo.uid}/").json()
    assert body["image"] is None
    assert set(body["embedded"].values()) == {""}


def test_has_image_and_credit_conflict_filters(api):
    with_file, _ = ingest_image(sample("pillow_hopper.jpg"), name="hopper.jpg")
    without = PhotoFactory()
    conflicting = PhotoFactory(
        photographer=PhotographerFactory(name="Karim Kadim"), agency=AgencyFactory(name="AP")
    )
    ingest_image(wire_photo("Someone Else", "AP"), name="w.jpg", photo=conflicting)

    def ids(**params):
        return {p["id"] for p in results(api.get("/api/photos/", params))}

    assert ids(has_image="true") == {str(with_file.uid), str(conflicting.uid)}
    assert ids(has_image="false") == {str(without.uid)}
    assert ids(credit_conflict="true") == {str(conflicting.uid)}
    assert str(conflicting.uid) not in ids(credit_conflict="false")


def test_staff_uploads_a_photo_and_its_credit_is_read_from_the_file(staff_api):
    upload = sample("exiftool_IPTC.jpg")

    response = staff_api.post(
        "/api/photos/",
        {"image": SimpleUploadedFile("../../etc/passwd.jpg", upload, "image/jpeg")},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["credit"]["line"] == "Phil Harvey / My Credit"
    assert body["caption"] == "A witty caption"
    assert body["image"]["name"] == "passwd.jpg"
    assert "etc" not in body["image"]["url"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pillow_truncated_jpeg.jpg", "truncated or corrupt"),
        ("pillow_decompression_bomb.gif", "pixels"),
    ],
)
def test_a_bad_upload_is_a_400_with_the_reason_and_saves_nothing(
    staff_api, media_root, name, reason
):

    response = staff_api.post(
        "/api/photos/",
        {"caption": "Should not stay.", "image": SimpleUploadedFile(name, sample(name))},
        format="multipart",
    )

    assert response.status_code == 400
    assert reason in response.json()["errors"]["image"][0]
    assert Photo.objects.count() == 0
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_an_upload_over_the_size_limit_is_a_400_and_saves_nothing(staff_api, settings, media_root):
    settings.MAX_IMAGE_BYTES = 1000
    data = sample("pillow_hopper.jpg")

    response = staff_api.post(
        "/api/photos/",
        {"caption": "Should not stay.", "image": SimpleUploadedFile("big.jpg", data)},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "image": [f"the file has {len(data):,} bytes; the limit is 1,000"]
    }
    assert Photo.objects.count() == 0
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_staff_adds_a_file_to_an_existing_photo(staff_api):

    photo = PhotoFactory(caption="Kept.")
    response = staff_api.patch(
        f"/api/photos/{photo.uid}/",
        {"image": SimpleUploadedFile("h.jpg", sample("pillow_hopper.jpg"))},
        format="multipart",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["caption"] == "Kept."
    assert response.json()["image"]["format"] == "JPEG"


def test_anonymous_upload_is_refused(api):

    response = api.post(
        "/api/photos/",
        {"image": SimpleUploadedFile("h.jpg", sample("pillow_hopper.jpg"))},
        format="multipart",
    )
    assert response.status_code in (401, 403)
    assert Photo.objects.count() == 0


def test_an_upload_with_a_value_cut_to_fit_says_so_in_a_header(staff_api):
    response = staff_api.post(
        "/api/photos/",
        {"image": SimpleUploadedFile("long.jpg", long_credit_photo(), "image/jpeg")},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    assert response["Import-Notices"].startswith(
        "the XMP credit line has 16,000 characters; cut to 500"
    )
    assert len(response.json()["credit"]["line"]) <= 500


def test_an_upload_with_nothing_cut_has_no_notices_header(staff_api):
    response = staff_api.post(
        "/api/photos/",
        {"image": SimpleUploadedFile("a.jpg", sample("exiftool_IPTC.jpg"), "image/jpeg")},
        format="multipart",
    )

    assert response.status_code == 201
    assert "Import-Notices" not in response


def test_a_file_crediting_someone_new_needs_permission_to_add_them(staff_without, media_root):
    client = APIClient()
    client.force_authenticate(staff_without("add_photographer"))

    response = client.post(
        "/api/photos/",
        {"image": SimpleUploadedFile("credit.jpg", sample("exiftool_IPTC.jpg"), "image/jpeg")},
        format="multipart",
    )

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "You may not save this credit: it would add photographers (catalog.add_photographer)"
    )
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


# -- originals: staff only; renditions public ---------------------------------------------


@pytest.fixture
def photo_with_file():
    photo, _ = ingest_image(sample("exiftool_IPTC.jpg"), name="wire photo.jpg")
    return photo


def original(client, photo):
    return client.get(f"/api/photos/{photo.uid}/original/")


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def test_staff_get_the_original_file_byte_for_byte(staff_api, photo_with_file):
    response = original(staff_api, photo_with_file)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == sample("exiftool_IPTC.jpg")
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="wire photo.jpg"'
    assert response["Cache-Control"] == "private, no-cache"


def test_staff_see_the_originals_url_and_others_do_not(api, staff_api, photo_with_file):
    endpoint = f"http://testserver/api/photos/{photo_with_file.uid}/original/"
    reader = token_client(User.objects.create_user("reader", password="unused"))

    for client, url in ((staff_api, endpoint), (api, None), (reader, None)):
        detail = client.get(f"/api/photos/{photo_with_file.uid}/").json()["image"]
        listed = results(client.get("/api/photos/"))[0]["image"]
        assert detail["url"] == listed["url"] == url
        thumbnail = detail["renditions"]["thumbnail"]["url"]
        assert thumbnail.startswith("http://testserver/media/renditions/")


def test_anyone_else_is_refused_the_original(api, photo_with_file):
    reader = token_client(User.objects.create_user("reader", password="unused"))
    clerk = token_client(User.objects.create_user("clerk", password="unused", is_staff=True))

    assert original(api, photo_with_file).status_code == 401
    assert original(reader, photo_with_file).status_code == 403
    assert original(clerk, photo_with_file).status_code == 403  # staff, but may not view photos


def test_a_slideshow_shows_no_original_to_the_public(api, staff_api, photo_with_file):
    slideshow = slideshow_with_slides(1)
    Slide.objects.filter(slideshow=slideshow).update(photo=photo_with_file)

    def first_image(client):
        return client.get(f"/api/slideshows/{slideshow.slug}/").json()["slides"][0]["photo"][
            "image"
        ]

    assert first_image(api)["url"] is None
    assert first_image(staff_api)["url"].endswith(f"/api/photos/{photo_with_file.uid}/original/")


def test_no_original_is_a_404(staff_api, photo_with_file, media_root):
    assert original(staff_api, PhotoFactory()).status_code == 404
    (media_root / photo_with_file.image.name).unlink()
    assert original(staff_api, photo_with_file).status_code == 404


def test_photo_and_slideshow_answers_vary_by_account(api, photo_with_file):
    """Staff see the original's link and others do not: a shared cache must
    not hand one's answer to the other."""
    slideshow = slideshow_with_slides(1)
    for url in (
        "/api/photos/",
        f"/api/photos/{photo_with_file.uid}/",
        f"/api/slideshows/{slideshow.slug}/",
    ):
        vary = {part.strip() for part in api.get(url)["Vary"].split(",")}
        assert "Authorization" in vary, url
