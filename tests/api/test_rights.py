"""`rights` on each photo, and the filters on it: usable, cost, rights_category, usable_at."""

from datetime import UTC, datetime, timedelta

import pytest

from catalog.models import (
    Agency,
    AgencyAgreement,
    AgreementTerms,
    Lease,
    LeaseAccess,
    Photo,
    RightsCategory,
)
from catalog.rights import BLOCKERS, COST_RULES
from tests.api.conftest import results
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def agreements_for_the_seed():
    """AP on subscription, Getty Images paid per use; the others have none."""
    AgencyAgreement.objects.create(agency=Agency.objects.get(name="AP"))
    AgencyAgreement.objects.create(
        agency=Agency.objects.get(name="Getty Images"), terms=AgreementTerms.PER_USE
    )


def count(api, **params) -> int:
    response = api.get("/api/photos/", params)
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_the_seeds_costs_with_ap_free_and_getty_paid(api, imported_seed):
    agreements_for_the_seed()
    assert count(api, cost="free") == 17
    assert count(api, cost="pay") == 3
    assert count(api, cost="conditional") == 0
    assert count(api, cost="overquota") == 0
    assert count(api, rights_category="agency") == 20
    free = results(api.get("/api/photos/", {"cost": "free", "page_size": 50}))
    assert {photo["credit"]["agency"]["name"] for photo in free} == {"AP"}
    assert all(photo["rights"]["cost"] == "free" for photo in free)


def test_the_seeds_usable_photos_are_the_captioned_ones(api, imported_seed):
    # The two slideshow covers have no caption.
    assert count(api, usable="true") == 18
    assert count(api, usable="false") == 2
    uncaptioned = results(api.get("/api/photos/", {"usable": "false"}))
    assert all(BLOCKERS["no_caption"] in photo["rights"]["reasons"] for photo in uncaptioned)


def test_a_photos_rights(api):
    photo = PhotoFactory(
        rights_category=RightsCategory.CREATIVE_COMMONS,
        rights_licence="CC BY-SA 4.0",
        rights_source="https://example.org/licence",
        rights_restrictions="Credit the author.",
    )
    rights = api.get(f"/api/photos/{photo.uid}/").json()["rights"]
    assert rights == {
        "category": "creative_commons",
        "restrictions": "Credit the author.",
        "licence": "CC BY-SA 4.0",
        "source": "https://example.org/licence",
        "cost": "conditional",
        "usable": True,
        "reasons": [COST_RULES["restricted"][1]],
        "embargo_until": None,
        "leases": [],
    }


def test_a_deny_lease_makes_a_photo_unusable_in_the_api(api, staff_api):
    photo = PhotoFactory(rights_category=RightsCategory.STAFF)
    assert count(api, usable="true") == 1
    Lease.objects.create(photo=photo, access=LeaseAccess.DENY, note="Legal hold.")
    assert count(api, usable="true") == 0
    assert count(api, usable="false") == 1
    rights = api.get(f"/api/photos/{photo.uid}/").json()["rights"]
    assert rights["usable"] is False
    assert BLOCKERS["denied"] in rights["reasons"]
    # The note is for staff only: null for anyone else.
    assert rights["leases"] == [
        {"access": "deny", "starts_at": None, "ends_at": None, "note": None}
    ]
    staff_rights = staff_api.get(f"/api/photos/{photo.uid}/").json()["rights"]
    assert staff_rights["leases"][0]["note"] == "Legal hold."


def test_usable_at_plans_past_an_embargo(api):
    until = datetime(2031, 5, 4, 9, 0, tzinfo=UTC)
    photo = PhotoFactory(rights_category=RightsCategory.STAFF, embargo_until=until)
    PhotoFactory(rights_category=RightsCategory.STAFF)
    assert count(api, usable="false") == 1
    later = (until + timedelta(minutes=1)).isoformat()
    assert count(api, usable_at=later) == 2
    assert count(api, usable_at="2031-05-04T08:59:00Z") == 1
    assert count(api, usable="false", usable_at=later) == 0
    shown = api.get(f"/api/photos/{photo.uid}/", {"usable_at": later}).json()["rights"]
    assert shown["usable"] is True
    assert shown["embargo_until"] == "2031-05-04T09:00:00Z"
    listed = results(api.get("/api/photos/", {"usable_at": later, "ordering": "id"}))
    assert [entry["rights"]["usable"] for entry in listed] == [True, True]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("cost", "cheap"),
        ("usable", "maybe"),
        ("rights_category", "stolen"),
        ("usable_at", "next tuesday"),
        # Whose month, or whose instant in UTC, the calendar cannot hold.
        ("usable_at", "0001-01-01T00:00:00+01:00"),
        ("usable_at", "9999-12-31T23:00:00Z"),
    ],
)
def test_bad_rights_filters_are_400(api, name, value):
    response = api.get("/api/photos/", {name: value})
    assert response.status_code == 400
    assert name in response.content.decode()


@pytest.mark.parametrize("reader", ["api", "staff_api"])
def test_usable_at_with_any_offset_iso_8601_allows_is_that_instant(request, reader):
    """PostgreSQL refuses offsets past 15:59; the time is judged in UTC."""
    client = request.getfixturevalue(reader)
    until = datetime(2031, 5, 4, 9, 0, tzinfo=UTC)
    photo = PhotoFactory(rights_category=RightsCategory.STAFF, embargo_until=until)
    # 08:59 UTC, then 09:01 UTC, written 16 h 16 min behind.
    for written, usable in (("2031-05-03T16:43:00-16:16", False), ("2031-05-03T16:45-16:16", True)):
        listed = client.get("/api/photos/", {"usable_at": written})  # alone: usable then
        assert listed.status_code == 200
        assert [entry["id"] for entry in results(listed)] == ([str(photo.uid)] if usable else [])
        shown = client.get(f"/api/photos/{photo.uid}/", {"usable_at": written}).json()
        assert shown["rights"]["usable"] is usable


@pytest.mark.parametrize("usable_at", ["0001-01-01T00:00:00+01:00", "next tuesday"])
def test_a_detail_asked_at_a_time_out_of_range_or_unreadable_is_judged_now(api, usable_at):
    photo = PhotoFactory(rights_category=RightsCategory.STAFF)
    response = api.get(f"/api/photos/{photo.uid}/", {"usable_at": usable_at})
    assert response.status_code == 200
    assert response.json()["rights"]["usable"] is True


def test_filters_agree_with_every_photos_verdict(api, imported_seed):
    agreements_for_the_seed()
    PhotoFactory(rights_category=RightsCategory.SOCIAL_MEDIA)
    listed = results(api.get("/api/photos/", {"page_size": 100}))
    for cost in ("free", "pay", "conditional", "overquota"):
        expected = {p["id"] for p in listed if p["rights"]["cost"] == cost}
        got = {p["id"] for p in results(api.get("/api/photos/", {"cost": cost, "page_size": 100}))}
        assert got == expected, cost
    assert Photo.objects.count() == len(listed) == 21
