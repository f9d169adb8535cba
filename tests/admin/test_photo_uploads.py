"""What the photo page and "Add photos from files" tell the editor: credit
conflicts named, results per file, an image removed, the preview's alt text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.images.store import ingest_image
from catalog.models import Photo, Rendition
from tests.admin.conftest import changeform_data
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory
from tests.images.test_store import stored_files, wire_photo

pytestmark = pytest.mark.django_db

ADD_FILES = reverse("admin:catalog_photo_upload")


def change_url(photo) -> str:
    return reverse("admin:catalog_photo_change", args=[photo.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_an_upload_whose_credit_disagrees_names_both_credits(editor_client):
    photo = PhotoFactory(
        caption="Soldiers board a plane.",
        photographer=PhotographerFactory(name="Maya Alleruzzo"),
        agency=AgencyFactory(name="AP"),
    )
    data = changeform_data(editor_client.get(change_url(photo)))
    data["upload"] = SimpleUploadedFile("wire.jpg", wire_photo("Jim Roe", "Reuters"))

    response = editor_client.post(change_url(photo), data, follow=True)

    photo.refresh_from_db()
    assert photo.credit_conflict
    assert photo.credit_line == "Maya Alleruzzo / AP"  # the catalog's credit is kept
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert [str(m) for m in warnings] == [
        "File wire.jpg: credit conflict: the credit embedded in the file, “Jim Roe / Reuters”, "
        "disagrees with the photo's credit, “Maya Alleruzzo / AP”; the photo is marked as "
        "having a credit conflict"
    ]


def test_an_upload_whose_credit_agrees_says_nothing_of_credits(editor_client):
    photo = PhotoFactory(
        photographer=PhotographerFactory(name="Jim Roe"), agency=AgencyFactory(name="Reuters")
    )
    data = changeform_data(editor_client.get(change_url(photo)))
    data["upload"] = SimpleUploadedFile("wire.jpg", wire_photo("Jim Roe", "Reuters"))

    response = editor_client.post(change_url(photo), data, follow=True)

    photo.refresh_from_db()
    assert not photo.credit_conflict
    assert not any("credit conflict" in message for message in messages_of(response))


def test_add_photos_from_files_shows_a_row_per_file_with_its_conflict(editor_client):
    PhotographerFactory(name="Jim Roe")
    files = [
        SimpleUploadedFile("a.jpg", wire_photo("Jim Roe", "Reuters", "Troops leave. (AP Photo)")),
        SimpleUploadedFile("b.jpg", b"not an image"),
    ]

    response = editor_client.post(ADD_FILES, {"files": files})

    made, refused = response.context["results"]
    photo = Photo.objects.get()
    assert (made["outcome"], made["photo"], made["url"]) == ("created", photo, change_url(photo))
    assert made["thumbnail"] == photo.renditions.get(spec="thumbnail")
    assert any(
        notice.startswith("credit conflict: the credit embedded in the file, “Jim Roe / Reuters”")
        for notice in made["notices"]
    )
    assert (refused["name"], refused["outcome"], refused["url"]) == ("b.jpg", "refused", None)
    html = response.content.decode()
    assert '<table class="catalog-results" id="import-files">' in html
    assert f'<a href="{change_url(photo)}">Troops leave. (AP Photo)</a>' in html


def test_a_dry_run_links_to_nothing(editor_client):
    response = editor_client.post(
        ADD_FILES,
        {"files": [SimpleUploadedFile("a.jpg", wire_photo("Jim Roe", "Reuters"))], "dry_run": "on"},
    )

    [row] = response.context["results"]
    assert (row["outcome"], row["url"], row["thumbnail"]) == ("created", None, None)
    assert "would be created" in response.content.decode()
    assert not Photo.objects.exists()


def test_removing_the_image_deletes_the_file_and_renditions_and_keeps_the_photo(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(caption="Troops leave.")
    ingest_image(wire_photo("Jim Roe", "Reuters"), name="wire.jpg", photo=photo)
    assert len(stored_files(media_root)) == 3  # the original and two renditions
    data = changeform_data(editor_client.get(change_url(photo)))
    data["remove_image"] = "on"

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(photo), data, follow=True)

    photo.refresh_from_db()
    assert (photo.image.name, photo.image_sha256, photo.image_name) == ("", None, "")
    assert photo.embedded == {}
    assert photo.caption == "Troops leave."
    assert not Rendition.objects.filter(photo=photo).exists()
    assert stored_files(media_root) == []
    assert (
        "The image file wire.jpg was removed from this photo, with its thumbnail and web size."
        in (messages_of(response))
    )
    assert 'name="remove_image"' not in response.content.decode()  # nothing left to remove


def test_removing_and_uploading_at_once_is_refused(editor_client, media_root):
    photo = PhotoFactory()
    ingest_image(wire_photo("Jim Roe", "Reuters"), name="wire.jpg", photo=photo)
    data = changeform_data(editor_client.get(change_url(photo)))
    data["remove_image"] = "on"
    data["upload"] = SimpleUploadedFile("b.jpg", wire_photo("Jim Roe", "AP"))

    response = editor_client.post(change_url(photo), data)

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors.as_data()["remove_image"]
    assert error.code == "remove_and_upload"
    photo.refresh_from_db()
    assert photo.image_name == "wire.jpg"


def test_a_photo_without_an_image_offers_no_removal(editor_client):
    html = editor_client.get(change_url(PhotoFactory())).content.decode()

    assert 'name="remove_image"' not in html
    assert 'name="upload"' in html


def test_the_preview_is_described_by_the_caption(editor_client):
    photo = PhotoFactory(caption="Soldiers board a C-17 at Baghdad airport.")
    ingest_image(wire_photo("Jim Roe", "Reuters"), name="wire.jpg", photo=photo)

    html = editor_client.get(change_url(photo)).content.decode()

    assert 'alt="Soldiers board a C-17 at Baghdad airport." class="catalog-preview"' in html


def test_the_preview_is_described_by_the_alt_text_when_there_is_one(editor_client):
    photo = PhotoFactory(caption="Troops leave.", alt_text="A soldier waves from a ramp.")
    ingest_image(wire_photo("Jim Roe", "Reuters"), name="wire.jpg", photo=photo)

    html = editor_client.get(change_url(photo)).content.decode()

    assert 'alt="A soldier waves from a ramp." class="catalog-preview"' in html


def test_editors_write_the_alt_text_in_the_photo_form(editor_client):
    photo = PhotoFactory(caption="Troops leave.")
    page = editor_client.get(change_url(photo))
    assert "screen reader" in page.content.decode()
    data = changeform_data(page)
    data["alt_text"] = "A soldier waves from a ramp."

    response = editor_client.post(change_url(photo), data)

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.alt_text == "A soldier waves from a ramp."
