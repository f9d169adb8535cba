"""Image files in the admin: upload on the photo page, add photos from files,
thumbnails in the list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from catalog.images.store import ingest_image
from catalog.models import Photo, Photographer
from tests.admin.conftest import changeform_data
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory
from tests.images.test_store import long_credit_photo, sample, stored_files, wire_photo

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:catalog_photo_changelist")
ADD_FILES = reverse("admin:catalog_photo_upload")


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample(name))


def test_uploading_a_file_on_the_photo_page_fills_its_credit(editor_client):
    photo = PhotoFactory(photographer=None, agency=None, credit_text="", caption="")
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["upload"] = upload("exiftool_IPTC.jpg")

    response = editor_client.post(url, data)

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.credit_line == "Phil Harvey / My Credit"
    assert photo.caption == "A witty caption"
    assert photo.image_name == "exiftool_IPTC.jpg"
    page = editor_client.get(url).content.decode()
    assert "catalog-preview" in page
    assert "Phil Harvey" in page


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("pillow_truncated_jpeg.jpg", "truncated or corrupt"),
        ("pillow_decompression_bomb.gif", "pixels"),
    ],
)
def test_a_bad_file_is_a_form_error_and_nothing_changes(editor_client, name, message):
    photo = PhotoFactory(caption="Before.")
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["caption"] = "After."
    data["upload"] = upload(name)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["upload"])
    photo.refresh_from_db()
    assert (photo.caption, photo.image.name) == ("Before.", "")


def test_a_file_over_the_size_limit_is_a_form_error(editor_client, settings):
    settings.MAX_IMAGE_BYTES = 1000
    photo = PhotoFactory(caption="Before.")
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["upload"] = upload("pillow_hopper.jpg")

    response = editor_client.post(url, data)

    assert response.status_code == 200
    size = len(sample("pillow_hopper.jpg"))
    assert response.context["adminform"].form.errors["upload"] == [
        f"the file has {size:,} bytes; the limit is 1,000"
    ]
    photo.refresh_from_db()
    assert not photo.image


def test_a_file_another_photo_holds_is_refused(editor_client):
    ingest_image(sample("pillow_hopper.jpg"), name="hopper.jpg")
    photo = PhotoFactory()
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["upload"] = upload("pillow_hopper.jpg")

    response = editor_client.post(url, data)

    assert response.context["adminform"].form.errors["upload"] == [
        "This file is already the image of another photo."
    ]


def test_add_photos_from_files(editor_client):
    files = [upload(name) for name in ("exiftool_IPTC.jpg", "pillow_hopper.jpg")]
    files.append(upload("pillow_truncated_jpeg.jpg"))

    response = editor_client.post(ADD_FILES, {"files": files})

    assert response.status_code == 200
    rows = response.context["results"]
    assert [(row["name"], row["outcome"]) for row in rows] == [
        ("exiftool_IPTC.jpg", "created"),
        ("pillow_hopper.jpg", "created"),
        ("pillow_truncated_jpeg.jpg", "refused"),
    ]
    assert "the image is truncated or corrupt" in rows[2]["error"]
    assert rows[2]["photo"] is None
    page = response.content.decode()
    for photo in Photo.objects.all():
        thumbnail = photo.renditions.get(spec="thumbnail")
        assert f'<a href="{reverse("admin:catalog_photo_change", args=[photo.pk])}">' in page
        assert f'<img src="{thumbnail.file.url}"' in page
    assert "2 of 3 files imported" in page
    assert Photo.objects.count() == 2


def test_add_photos_refuses_a_file_over_the_size_limit_and_keeps_the_others(
    editor_client, settings
):
    settings.MAX_IMAGE_BYTES = len(sample("pillow_hopper.jpg"))
    size = len(sample("exiftool_IPTC.jpg"))
    assert size > settings.MAX_IMAGE_BYTES

    response = editor_client.post(
        ADD_FILES, {"files": [upload("exiftool_IPTC.jpg"), upload("pillow_hopper.jpg")]}
    )

    assert response.status_code == 200
    first, second = response.context["results"]
    assert (first["name"], first["outcome"]) == ("exiftool_IPTC.jpg", "refused")
    assert first["error"].startswith(f"the file has {size:,} bytes; the limit is")
    assert (second["name"], second["outcome"]) == ("pillow_hopper.jpg", "created")
    assert Photo.objects.count() == 1


def test_more_files_than_a_request_may_carry_are_a_400(editor_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [upload(name) for name in ("exiftool_IPTC.jpg", "pillow_hopper.jpg", "pillow_iptc.jpg")]

    response = editor_client.post(ADD_FILES, {"files": files})

    assert response.status_code == 400
    assert Photo.objects.count() == 0


def test_add_photos_twice_keeps_one_photo_per_file(editor_client):
    editor_client.post(ADD_FILES, {"files": [upload("exiftool_IPTC.jpg")]})
    response = editor_client.post(ADD_FILES, {"files": [upload("exiftool_IPTC.jpg")]})

    [row] = response.context["results"]
    assert (row["name"], row["outcome"], row["photo"]) == (
        "exiftool_IPTC.jpg",
        "unchanged",
        Photo.objects.get(),
    )


def test_the_list_links_to_adding_files(editor_client):
    assert ADD_FILES in editor_client.get(CHANGELIST).content.decode()


@pytest.mark.parametrize("rows", [3, 12])
def test_thumbnails_need_no_query_per_row(editor_client, django_assert_num_queries, rows):
    for number in range(rows):
        photo = PhotoFactory()
        ingest_image(
            wire_photo(f"Person {number}", "AP", f"Caption {number}."), name="w.jpg", photo=photo
        )

    # session, user, permissions (2), the table's estimated size (small here,
    # so also an exact count), page, renditions (all in one query), warnings, slides
    with django_assert_num_queries(10):
        response = editor_client.get(CHANGELIST)

    assert response.content.decode().count('class="catalog-thumbnail"') == rows


def test_filters_for_image_and_credit_conflict(editor_client):
    with_file, _ = ingest_image(sample("pillow_hopper.jpg"), name="h.jpg")
    without = PhotoFactory()
    conflicting = PhotoFactory(
        photographer=PhotographerFactory(name="Karim Kadim"), agency=AgencyFactory(name="AP")
    )
    ingest_image(wire_photo("Someone Else", "AP"), name="w.jpg", photo=conflicting)

    def listed(**params):
        return {
            photo.pk for photo in editor_client.get(CHANGELIST, params).context["cl"].result_list
        }

    assert listed(has_image="yes") == {with_file.pk, conflicting.pk}
    assert listed(has_image="no") == {without.pk}
    assert listed(credit_conflict__exact="1") == {conflicting.pk}


def test_a_value_cut_to_fit_is_reported_on_the_photo_page(editor_client):
    photo = PhotoFactory(photographer=None, agency=None, credit_text="", caption="")
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["upload"] = SimpleUploadedFile("long.jpg", long_credit_photo())

    response = editor_client.post(url, data, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert "File long.jpg: the XMP credit line has 16,000 characters; cut to 500" in shown
    photo.refresh_from_db()
    assert len(photo.credit_text) <= 500


def test_add_photos_from_files_lists_what_was_cut(editor_client):
    files = [SimpleUploadedFile("long.jpg", long_credit_photo())]

    response = editor_client.post(ADD_FILES, {"files": files})

    [row] = response.context["results"]
    assert row["notices"][0] == "the XMP credit line has 16,000 characters; cut to 500"
    page = response.content.decode()
    assert "the XMP credit line has 16,000 characters; cut to 500" in page
    assert "1 of 1 files imported" in page


def test_a_file_crediting_someone_new_needs_permission_to_add_them(
    client, staff_without, media_root
):
    photo = PhotoFactory(photographer=None, agency=None, credit_text="", caption="Before.")
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    client.force_login(staff_without("add_agency"))
    data = changeform_data(client.get(url))
    data["caption"] = "Changed."
    data["upload"] = upload("exiftool_IPTC.jpg")  # credits Phil Harvey / My Credit

    response = client.post(url, data)

    assert response.status_code == 302
    assert response.url == url
    assert [str(m) for m in response.wsgi_request._messages] == [
        "You may not save this credit: it would add agencies (catalog.add_agency). "
        "Nothing was saved."
    ]
    photo.refresh_from_db()
    assert (photo.caption, photo.image.name, photo.agency) == ("Before.", "", None)
    assert not Photographer.objects.filter(name="Phil Harvey").exists()
    assert stored_files(media_root) == []


def test_add_photos_from_files_refuses_a_file_crediting_someone_new(client, staff_without):
    client.force_login(staff_without("add_photographer"))

    response = client.post(
        ADD_FILES, {"files": [upload("exiftool_IPTC.jpg"), upload("pillow_hopper.jpg")]}
    )

    refused, created = response.context["results"]
    assert refused["name"] == "exiftool_IPTC.jpg"
    assert refused["error"] == (
        "You may not import this file: it would add photographers "
        "(catalog.add_photographer); nothing was saved"
    )
    assert (created["name"], created["outcome"]) == ("pillow_hopper.jpg", "created")
    assert Photo.objects.get().image_name == "pillow_hopper.jpg"


def test_the_preview_links_to_the_staff_only_original(editor_client):
    photo, _ = ingest_image(sample("exiftool_IPTC.jpg"), name="wire.jpg")
    page = editor_client.get(reverse("admin:catalog_photo_change", args=[photo.pk]))
    html = page.content.decode()
    endpoint = f"/api/photos/{photo.uid}/original/"

    assert f'<a href="{endpoint}" title="The original file">' in html
    assert photo.image.url not in html  # /media/photos/..., not served to anyone
    assert photo.rendition("web").file.url in html
    response = editor_client.get(endpoint)  # the editor's session is enough
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == sample("exiftool_IPTC.jpg")
    assert Client().get(endpoint).status_code == 401  # logged out: no token, no session
