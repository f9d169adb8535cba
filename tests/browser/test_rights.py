"""An editor denies the use of a photo in the admin, and the list and the API
say it may not be used."""

import json
import re

import pytest
from playwright.sync_api import expect

from catalog.models import Lease, LeaseAccess, RightsCategory
from catalog.rights import BLOCKERS
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def badge_of(page, caption: str):
    row = page.locator("#result_list tbody tr", has_text=caption)
    return row.locator(".catalog-rights")


def test_a_deny_lease_makes_a_photo_unusable_in_the_list_and_the_api(page, screenshot):
    ap = AgencyFactory(name="AP")
    photo = PhotoFactory(
        caption="A soldier waves goodbye at the border crossing.",
        photographer=PhotographerFactory(name="Maya Alleruzzo"),
        agency=ap,
        rights_category=RightsCategory.STAFF,
    )
    PhotoFactory(
        caption="Trucks queue at the border.",
        agency=ap,
        rights_category=RightsCategory.AGENCY,
    )

    page.goto("/admin/catalog/photo/")
    badge = badge_of(page, "A soldier waves")
    expect(badge).to_have_text("Free")
    expect(badge_of(page, "Trucks queue")).to_have_text("Pay")
    screenshot("rights-list-before")

    page.click("text=A soldier waves goodbye")
    page.wait_for_url(re.compile(rf"/photo/{photo.pk}/change/"))
    page.click("#leases-group .add-row a")
    page.select_option("#id_leases-0-access", "deny")
    page.fill("#id_leases-0-note", "The family asked us not to run it.")
    screenshot("rights-deny-lease")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/catalog/photo/")

    badge = badge_of(page, "A soldier waves")
    expect(badge).to_have_text("Not usable")
    expect(badge).to_have_attribute("title", re.compile(re.escape(BLOCKERS["denied"])))
    badge.hover()
    screenshot("rights-list-after")
    lease = Lease.objects.get(photo=photo)
    assert (lease.access, lease.created_by.username) == (LeaseAccess.DENY, "editor")

    page.goto("/admin/catalog/photo/?usable=no")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    answer = page.request.get(f"/api/photos/{photo.uid}/", headers={"Accept": "application/json"})
    rights = json.loads(answer.body())["rights"]
    assert rights["usable"] is False
    assert BLOCKERS["denied"] in rights["reasons"]
    assert rights["leases"][0]["access"] == "deny"
    listed = page.request.get("/api/photos/?usable=false", headers={"Accept": "application/json"})
    assert [p["id"] for p in json.loads(listed.body())["results"]] == [str(photo.uid)]
