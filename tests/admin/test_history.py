"""The admin's History page: who changed what, before → after, and revert."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Photo, Slideshow
from tests.admin.conftest import changeform_data
from tests.factories import (
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    slideshow_with_slides,
)

pytestmark = pytest.mark.django_db


def history_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def fix_credit(client, photo, photographer):
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(client.get(url))
    data["photographer"] = photographer.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors


def test_an_edit_in_the_admin_is_in_the_history_with_user_time_and_before_after(
    editor_client, editor
):
    photo = PhotoFactory(photographer__name="Jim Roe")
    fix_credit(editor_client, photo, PhotographerFactory(name="Jane Roe"))

    version = Photo.history.filter(id=photo.pk).latest("history_date")
    assert (version.history_type, version.history_user, version.history_via) == (
        "~",
        editor,
        "admin",
    )
    page = editor_client.get(history_url(photo))
    entry = page.context["rows"][0]["entry"]
    assert entry.user == editor
    assert entry.date == version.history_date
    assert [(c.label, c.before, c.after) for c in entry.changes] == [
        ("Photographer", "Jim Roe", "Jane Roe")
    ]
    html = page.content.decode()
    assert "<del>Jim Roe</del>" in html
    assert "<ins>Jane Roe</ins>" in html
    assert "editor" in html
    assert "Admin" in html


def test_reverting_restores_the_value_and_is_itself_recorded(editor_client, editor):
    photo = PhotoFactory(photographer__name="Jim Roe")
    original = photo.photographer
    fix_credit(editor_client, photo, PhotographerFactory(name="Jane Roe"))
    first = Photo.history.filter(id=photo.pk).earliest("history_date")

    page = editor_client.get(history_url(photo))
    revertible = [row["entry"].history_id for row in page.context["rows"] if row["revert"]]
    assert revertible == [first.history_id]  # the current version has no button
    url = reverse("admin:catalog_photo_revert", args=[photo.pk, "photo", first.history_id])
    response = editor_client.post(url)

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.photographer == original
    latest = Photo.history.filter(id=photo.pk).latest("history_date")
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Reverted to the version of")
    assert Photo.history.filter(id=photo.pk).count() == 3
    entry = editor_client.get(history_url(photo)).context["rows"][0]["entry"]
    assert [(c.before, c.after) for c in entry.changes] == [("Jane Roe", "Jim Roe")]


def test_revert_needs_a_post_and_the_change_permission(client, editor_client, staff_without):
    photo = PhotoFactory()
    photo.caption = "Changed"
    photo.save()
    first = Photo.history.filter(id=photo.pk).earliest("history_date")
    url = reverse("admin:catalog_photo_revert", args=[photo.pk, "photo", first.history_id])

    assert editor_client.get(url).status_code == 405
    client.force_login(staff_without("change_photo"))
    assert client.post(url).status_code == 403
    other = PhotoFactory()
    wrong = reverse("admin:catalog_photo_revert", args=[other.pk, "photo", first.history_id])
    assert editor_client.post(wrong).status_code == 404
    photo.refresh_from_db()
    assert photo.caption == "Changed"


def test_a_slideshow_history_shows_its_slide_order_and_reverts_a_move(editor_client):
    from catalog.services import move_slide

    show = slideshow_with_slides(3)
    third = show.slides.get(position=3)
    move_slide(slide=third, position=1)

    rows = editor_client.get(history_url(show)).context["rows"]
    moves = [row["entry"] for row in rows if row["entry"].kind == "changed"]
    assert {(e.subject.split(":")[0], e.changes[0].before, e.changes[0].after) for e in moves} == {
        ("Slide #1", "3", "1"),
        ("Slide #2", "1", "2"),
        ("Slide #3", "2", "3"),
    }
    moved = next(e for e in moves if e.version.id == third.pk)
    before = third.history.filter(history_type="+").get()
    url = reverse("admin:catalog_slideshow_revert", args=[show.pk, "slide", before.history_id])
    assert editor_client.post(url).status_code == 302
    assert list(show.slides.order_by("position").values_list("pk", flat=True))[2] == third.pk
    assert moved.changes[0].label == "Position"


def history_page_queries(client, versions: int) -> int:
    photo = PhotoFactory()
    for number in range(versions):
        photo.caption = f"Caption {number}"
        photo.photographer = PhotographerFactory()
        photo.save()
        ContentWarningFactory(photo=photo)
    url = history_url(photo)
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert len(page.context["rows"]) == 1 + 2 * versions
    return len(queries)


def test_history_page_queries_do_not_grow_with_versions(editor_client):
    assert history_page_queries(editor_client, 1) == history_page_queries(editor_client, 12)


def test_the_slideshow_history_page_lists_a_slideshow_change(editor_client):
    show = slideshow_with_slides(2)
    show.title = "Renamed"
    show.save()
    page = editor_client.get(history_url(Slideshow.objects.get(pk=show.pk)))
    changes = [c for row in page.context["rows"] for c in row["entry"].changes]
    assert ("Title", "Renamed") in [(c.label, c.after) for c in changes]
