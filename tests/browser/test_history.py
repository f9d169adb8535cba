"""An editor fixes a credit, reads the change on the History page, reverts it."""

import pytest
from playwright.sync_api import expect

from catalog.models import Photo
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_fix_a_credit_see_it_in_the_history_and_revert_it(page, screenshot, editor):
    jim = PhotographerFactory(name="Jim Roe")
    PhotographerFactory(name="Jane Roe")
    photo = PhotoFactory(
        photographer=jim, agency=AgencyFactory(name="AP"), caption="Strykers cross into Kuwait."
    )

    page.goto(f"/admin/catalog/photo/{photo.pk}/change/")
    page.click("#select2-id_photographer-container")
    page.fill(".select2-search__field", "jane")
    page.click(".select2-results__option >> text=Jane Roe")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    page.click("a.historylink")
    latest = page.locator("#change-history tbody tr").first
    expect(latest.locator(".history-changes")).to_contain_text("Photographer")
    expect(latest.locator("del")).to_have_text("Jim Roe")
    expect(latest.locator("ins")).to_have_text("Jane Roe")
    expect(latest.locator(".history-user")).to_have_text(editor.username)
    expect(latest.locator(".history-via")).to_contain_text("Admin")
    screenshot("history-after-fix")

    first = page.locator("#change-history tbody tr").last
    first.locator("button", has_text="Revert to this version").click()

    expect(page.locator(".messagelist .success")).to_contain_text("Reverted to version")
    latest = page.locator("#change-history tbody tr").first
    expect(latest.locator("del")).to_have_text("Jane Roe")
    expect(latest.locator("ins")).to_have_text("Jim Roe")
    expect(latest.locator(".history-reason")).to_contain_text("Reverted to the version of")
    screenshot("history-after-revert")
    photo.refresh_from_db()
    assert photo.photographer == jim
    assert Photo.history.filter(id=photo.pk).count() == 3
