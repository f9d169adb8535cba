"""Writes: refused to the public and to non-staff, done for staff with permissions."""

import pytest
from django.contrib.auth.models import User
from knox.models import AuthToken
from rest_framework.test import APIClient

from catalog.models import Agency, ContentWarning, Photo, Slideshow
from tests.factories import PhotoFactory, slideshow_with_slides
from tests.snapshots import catalog_snapshot

pytestmark = pytest.mark.django_db

DRAWDOWN_2010 = "us-troops-leave-iraq-2010-drawdown"


def token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


@pytest.fixture
def photo(db):
    return PhotoFactory(caption="Before.")


def write_attempts(photo):
    return [
        ("post", "/api/photos/", {"caption": "New."}),
        ("patch", f"/api/photos/{photo.uid}/", {"caption": "Changed."}),
        ("delete", f"/api/photos/{photo.uid}/", None),
        ("post", "/api/slideshows/", {"title": "New show"}),
        ("post", "/api/warnings/", {"photo": str(photo.uid), "kind": "graphic"}),
    ]


def test_anonymous_writes_are_refused(api, photo):
    for method, url, data in write_attempts(photo):
        response = getattr(api, method)(url, data, format="json")
        assert response.status_code in (401, 403), (method, url)
        assert "detail" in response.json()
    photo.refresh_from_db()
    assert photo.caption == "Before."
    assert Slideshow.objects.count() == 0
    assert ContentWarning.objects.count() == 0


def test_token_users_who_are_not_staff_read_but_do_not_write(photo):
    reader = token_client(User.objects.create_user("reader", password="unused-in-tests"))

    assert reader.get("/api/photos/").status_code == 200
    for method, url, data in write_attempts(photo):
        assert getattr(reader, method)(url, data, format="json").status_code == 403


def test_staff_without_model_permissions_cannot_write(photo):
    clerk = token_client(User.objects.create_user("clerk", password="unused", is_staff=True))
    for method, url, data in write_attempts(photo):
        assert getattr(clerk, method)(url, data, format="json").status_code == 403


def test_staff_changes_a_caption(staff_api, photo):
    response = staff_api.patch(f"/api/photos/{photo.uid}/", {"caption": "Fixed."}, format="json")

    assert response.status_code == 200
    assert response.json()["caption"] == "Fixed."
    photo.refresh_from_db()
    assert photo.caption == "Fixed."


def test_staff_adds_a_photo_from_a_credit_line(staff_api, imported_seed):
    response = staff_api.post(
        "/api/photos/",
        {"caption": "A new picture.", "credit_text": "Jane Doe / ASSOCIATED PRESS"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    credit = response.json()["credit"]
    assert credit["photographer"]["name"] == "Jane Doe"
    assert credit["agency"]["slug"] == "ap"
    assert credit["line"] == "Jane Doe / AP"
    assert Agency.objects.count() == 4


def test_staff_adds_a_photo_with_credit_parts(staff_api, imported_seed):
    response = staff_api.post(
        "/api/photos/",
        {"caption": "Another.", "photographer": "holly-pickett", "agency": "getty-images"},
        format="json",
    )

    assert response.status_code == 201
    photo = Photo.objects.get(uid=response.json()["id"])
    assert photo.credit_line == "Holly Pickett / Getty Images"


def test_write_errors_say_what_was_wrong(staff_api, imported_seed):
    response = staff_api.post(
        "/api/photos/",
        {"agency": "ap", "distributor": "ap", "photographer": "nobody"},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "photographer" in errors


def test_staff_deletes_a_photo(staff_api, photo):
    assert staff_api.delete(f"/api/photos/{photo.uid}/").status_code == 204
    assert not Photo.objects.filter(pk=photo.pk).exists()


def test_staff_creates_and_changes_a_slideshow(staff_api, photo):
    created = staff_api.post(
        "/api/slideshows/",
        {"title": "Election night", "declared_count": 12, "cover": str(photo.uid)},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["slug"] == "election-night"
    assert created.json()["incomplete"] is True

    changed = staff_api.patch(
        "/api/slideshows/election-night/", {"declared_count": 0}, format="json"
    )
    assert changed.json()["incomplete"] is False


def test_staff_reorders_slides(staff_api, imported_seed):
    show = Slideshow.objects.get(slug=DRAWDOWN_2010)
    order = [str(uid) for uid in show.slides.values_list("photo__uid", flat=True)]
    wanted = [order[6], *order[:6], *order[7:]]  # slide 7 first

    response = staff_api.post(
        f"/api/slideshows/{DRAWDOWN_2010}/order/",
        {"photos": wanted, "expected": order},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert [s["photo"]["id"] for s in response.json()["slides"]] == wanted
    assert list(show.slides.values_list("position", flat=True)) == list(range(1, 17))
    assert [str(uid) for uid in show.slides.values_list("photo__uid", flat=True)] == wanted


def test_reorder_against_a_stale_view_is_a_conflict(staff_api, db):
    show = slideshow_with_slides(3)
    seen = [str(uid) for uid in show.slides.values_list("photo__uid", flat=True)]
    url = f"/api/slideshows/{show.slug}/order/"
    staff_api.post(url, {"photos": seen[::-1]}, format="json")

    response = staff_api.post(url, {"photos": seen[1:] + seen[:1], "expected": seen}, format="json")

    assert response.status_code == 409
    assert "reordered by someone else" in response.json()["detail"]
    assert [str(uid) for uid in show.slides.values_list("photo__uid", flat=True)] == seen[::-1]


def test_reorder_must_name_every_slide(staff_api, db):
    show = slideshow_with_slides(3)
    seen = [str(uid) for uid in show.slides.values_list("photo__uid", flat=True)]
    url = f"/api/slideshows/{show.slug}/order/"

    missing = staff_api.post(url, {"photos": seen[:2]}, format="json")
    stranger = staff_api.post(url, {"photos": [*seen[:2], str(PhotoFactory().uid)]}, format="json")

    assert missing.status_code == stranger.status_code == 400
    assert "is not in this slideshow" in stranger.json()["errors"]["photos"][0]


def test_anonymous_reorder_is_refused(api, db):
    show = slideshow_with_slides(2)
    seen = [str(uid) for uid in show.slides.values_list("photo__uid", flat=True)]
    response = api.post(
        f"/api/slideshows/{show.slug}/order/", {"photos": seen[::-1]}, format="json"
    )
    assert response.status_code in (401, 403)


def test_staff_flags_and_unflags_a_photo(staff_api, photo):
    created = staff_api.post(
        "/api/warnings/",
        {"photo": str(photo.uid), "kind": "violence", "note": "Shows a beating."},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert [w["kind"] for w in staff_api.get(f"/api/photos/{photo.uid}/").json()["warnings"]] == [
        "violence"
    ]

    assert staff_api.delete(f"/api/warnings/{created.json()['id']}/").status_code == 204
    assert ContentWarning.objects.count() == 0


def test_warning_needs_exactly_one_target(staff_api, photo):
    show = slideshow_with_slides(1)
    both = staff_api.post(
        "/api/warnings/",
        {"photo": str(photo.uid), "slideshow": show.slug, "kind": "graphic"},
        format="json",
    )
    neither = staff_api.post("/api/warnings/", {"kind": "graphic"}, format="json")
    assert both.status_code == neither.status_code == 400


def test_session_login_works_for_the_browsable_api(client, staff, photo):
    client.force_login(staff)
    response = client.patch(
        f"/api/photos/{photo.uid}/", {"caption": "Via session."}, content_type="application/json"
    )
    assert response.status_code == 200


def test_slideshow_slug_must_be_free(staff_api, db):
    slideshow_with_slides(1, title="Taken", slug="taken")
    response = staff_api.post(
        "/api/slideshows/", {"title": "Other", "slug": "taken"}, format="json"
    )
    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


# -- credits naming someone new ----------------------------------------------------


@pytest.fixture
def desk_without(staff_without):
    """A token client for a staff user short of the named permissions."""
    return lambda *codenames: token_client(staff_without(*codenames))


def test_a_credit_naming_a_new_photographer_needs_permission_to_add_them(
    desk_without, imported_seed
):
    client = desk_without("add_photographer")
    before = catalog_snapshot()

    response = client.post(
        "/api/photos/",
        {"caption": "A new picture.", "credit_text": "Jane Doe / ASSOCIATED PRESS"},
        format="json",
    )

    assert response.status_code == 403
    assert response.json() == {
        "detail": "You may not save this credit: it would add photographers "
        "(catalog.add_photographer)",
        "errors": {},
    }
    assert catalog_snapshot() == before


def test_changing_a_credit_to_a_new_agency_needs_permission_to_add_it(desk_without, photo):
    client = desk_without("add_agency", "add_agencyalias")

    response = client.patch(
        f"/api/photos/{photo.uid}/", {"credit_text": "Jane Doe / Harbour Wire"}, format="json"
    )

    assert response.status_code == 403
    assert "add agencies and add agency aliases" in response.json()["detail"]
    assert not Agency.objects.filter(name="Harbour Wire").exists()
    photo.refresh_from_db()
    assert photo.credit_text != "Jane Doe / Harbour Wire"


def test_a_credit_naming_known_parties_needs_no_permission_on_them(desk_without, imported_seed):
    client = desk_without(
        "add_agency", "add_agencyalias", "add_photographer", "add_photographeralias"
    )

    response = client.post(
        "/api/photos/",
        {"caption": "Known.", "credit_text": "Holly Pickett / Redux Pictures"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["credit"]["line"] == "Holly Pickett / Redux Pictures"


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/warnings/", {"slideshow": "a\x00b", "kind": "graphic"}, "slideshow"),
        ("/api/photos/", {"title": "x", "photographer": "a\x00b"}, "photographer"),
    ],
)
def test_a_slug_with_a_nul_character_names_no_record(staff_api, url, body, field):
    """Before, PostgreSQL refused the lookup query: a 500."""
    response = staff_api.post(url, body, format="json")
    assert response.status_code == 400
    assert "does not exist" in response.json()["errors"][field][0]


def test_staff_write_the_alt_text_and_everyone_reads_it(staff_api, api, photo):
    created = staff_api.post(
        "/api/photos/",
        {"caption": "Troops leave.", "alt_text": "Soldiers on a ramp."},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["alt_text"] == "Soldiers on a ramp."
    changed = staff_api.patch(
        f"/api/photos/{photo.uid}/", {"alt_text": "A tank at dusk."}, format="json"
    )
    assert changed.json()["alt_text"] == "A tank at dusk."
    assert api.get(f"/api/photos/{photo.uid}/").json()["alt_text"] == "A tank at dusk."
    too_long = staff_api.patch(f"/api/photos/{photo.uid}/", {"alt_text": "x" * 501}, format="json")
    assert too_long.status_code == 400
    assert "alt_text" in too_long.json()["errors"]
