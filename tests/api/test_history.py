"""`/api/<resource>/<key>/history/` and its revert: staff only, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from catalog.models import Photo
from tests.factories import (
    AgencyFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideshowFactory,
)

pytestmark = pytest.mark.django_db


def test_an_edit_through_the_api_is_in_the_history_with_user_time_and_before_after(
    staff_api, staff
):
    photo = PhotoFactory(photographer__name="Jim Roe")
    PhotographerFactory(name="Jane Roe", slug="jane-roe")

    changed = staff_api.patch(
        f"/api/photos/{photo.uid}/", {"photographer": "jane-roe"}, format="json"
    )
    assert changed.status_code == 200, changed.content

    response = staff_api.get(f"/api/photos/{photo.uid}/history/")
    assert response.status_code == 200
    latest, created = response.json()
    version = Photo.history.filter(id=photo.pk).latest("history_date")
    assert latest["version"] == version.history_id
    assert (latest["kind"], latest["user"], latest["via"]) == ("changed", "desk", "api")
    assert latest["date"].startswith(version.history_date.strftime("%Y-%m-%dT%H:%M:%S"))
    assert {"field": "photographer", "label": "Photographer", "before": "Jim Roe",
            "after": "Jane Roe"} in latest["changes"]  # fmt: skip
    assert created["kind"] == "created"
    assert created["user"] is None
    assert response["Cache-Control"] == "private, no-store"


def test_history_is_for_staff_only(api, django_user_model):
    photo = PhotoFactory()
    url = f"/api/photos/{photo.uid}/history/"
    assert api.get(url).status_code in (401, 403)
    user = django_user_model.objects.create_user("reader", password="x", is_staff=False)
    client = APIClient()
    client.force_authenticate(user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        lambda: f"/api/photographers/{PhotographerFactory().slug}/history/",
        lambda: f"/api/agencies/{AgencyFactory().slug}/history/",
        lambda: f"/api/slideshows/{SlideshowFactory().slug}/history/",
        lambda: f"/api/warnings/{ContentWarningFactory().uid}/history/",
    ],
    ids=["photographers", "agencies", "slideshows", "warnings"],
)
def test_every_resource_has_its_history(editor, url):
    client = APIClient()
    client.force_authenticate(editor)
    response = client.get(url())
    assert response.status_code == 200, response.content
    assert response.json()[0]["kind"] == "created"


def test_a_revert_through_the_api_restores_and_is_recorded(staff_api):
    photo = PhotoFactory(caption="Right.")
    first = Photo.history.get(id=photo.pk)
    staff_api.patch(f"/api/photos/{photo.uid}/", {"caption": "Wrong."}, format="json")

    response = staff_api.post(f"/api/photos/{photo.uid}/history/{first.history_id}/revert/")

    assert response.status_code == 200, response.content
    photo.refresh_from_db()
    assert photo.caption == "Right."
    latest = staff_api.get(f"/api/photos/{photo.uid}/history/").json()[0]
    assert latest["changes"] == [
        {"field": "caption", "label": "Caption", "before": "Wrong.", "after": "Right."}
    ]
    assert latest["reason"].startswith("Reverted to the version of")
    other = PhotoFactory()
    wrong = staff_api.post(f"/api/photos/{other.uid}/history/{first.history_id}/revert/")
    assert wrong.status_code == 404


def test_a_revert_needs_the_change_permission(api, django_user_model):
    from django.contrib.auth.models import Permission

    photo = PhotoFactory()
    first = Photo.history.get(id=photo.pk)
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_photo"))
    api.force_authenticate(user)

    response = api.post(f"/api/photos/{photo.uid}/history/{first.history_id}/revert/")

    assert response.status_code == 403


def history_queries(client, versions: int) -> int:
    photo = PhotoFactory()
    for number in range(versions):
        photo.caption = f"Caption {number}"
        photo.agency = AgencyFactory()
        photo.save()
        ContentWarningFactory(photo=photo)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/photos/{photo.uid}/history/")
    assert len(response.json()) == 1 + 2 * versions
    return len(queries)


def test_history_queries_do_not_grow_with_versions(staff_api):
    assert history_queries(staff_api, 1) == history_queries(staff_api, 15)
