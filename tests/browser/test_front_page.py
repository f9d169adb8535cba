"""The front page in Chromium: what a visitor sees at `/` and where it leads,
and the admin's ways back to it and out to the API."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.factories import PhotoFactory, PhotographerFactory, SlideshowFactory, VideoFactory

# The live server reads committed data, so each test commits and is flushed after.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def visitor(browser, live_server):
    """A page not logged in, with what the Content-Security-Policy blocked."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.blocked = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.blocked.append(message.text)
        ),
    )
    yield page
    context.close()


def keep(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_the_front_page_counts_the_catalog_and_leads_to_the_admin(visitor, live_server):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    PhotoFactory.create_batch(3, photographer=maya)  # three agencies, one photographer
    SlideshowFactory(title="US troops leave Iraq")
    VideoFactory(title="The last brigade crosses the border")

    visitor.goto("/")

    expect(visitor).to_have_title("Media Catalog")
    expect(visitor.locator("h1")).to_have_text("A catalog of news photos and videos")
    counts = visitor.locator(".catalog-front-counts li")
    assert counts.all_inner_texts() == [
        "3\nphotos",
        "1\nslideshow",
        "1\nphotographer",
        "3\nagencies",
        "1\nvideo",
    ]
    for name in ("API root", "API documentation", "API reference", "OpenAPI schema"):
        expect(visitor.get_by_role("link", name=name)).to_be_visible()
    visitor.wait_for_load_state("networkidle")
    assert visitor.blocked == []
    assert visitor.evaluate(
        "getComputedStyle(document.querySelector('#header')).backgroundColor"
    ) not in ("rgba(0, 0, 0, 0)", "transparent"), "the admin's stylesheet applies"
    keep(visitor, "front-page")

    counts.filter(has_text="photos").get_by_role("link").click()
    visitor.wait_for_url("**/api/photos/")
    expect(visitor.locator(".response-info")).to_contain_text('"count": 3')
    visitor.go_back()

    visitor.get_by_role("link", name="Admin", exact=True).click()
    visitor.wait_for_url(re.compile(r"/admin/login/\?next=/admin/$"))
    expect(visitor.locator("#site-name")).to_have_text("Media Catalog")


def test_the_api_root_says_what_it_is_and_links_its_docs(visitor):
    visitor.goto("/")
    visitor.get_by_role("link", name="API root").click()
    visitor.wait_for_url("**/api/")

    expect(visitor.locator("h1")).to_have_text("Media Catalog API")
    description = visitor.locator(".content-main")
    expect(description).to_contain_text("The Media Catalog API: the catalog's slideshows")
    expect(visitor.locator(".response-info")).to_contain_text('"photos": ')
    keep(visitor, "api-root")
    description.get_by_role("link", name="Swagger UI").click()
    visitor.wait_for_url("**/api/docs/")
    expect(visitor.locator(".opblock").first).to_be_visible()


def test_view_site_in_the_admin_opens_the_front_page(page, live_server):
    page.goto("/admin/catalog/photo/")
    page.get_by_role("link", name="View site").click()

    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("A catalog of news photos and videos")


def test_view_on_site_opens_the_photos_api_detail(page, screenshot):
    photo = PhotoFactory(caption="Soldiers of the 4th Stryker Brigade cross into Kuwait.")

    page.goto(f"/admin/catalog/photo/{photo.pk}/change/")
    screenshot("photo-change-view-on-site")
    page.get_by_role("link", name="View on site").click()

    page.wait_for_url(f"**/api/photos/{photo.uid}/")
    expect(page.locator(".response-info")).to_contain_text(
        '"caption": "Soldiers of the 4th Stryker Brigade cross into Kuwait."'
    )
    # the edit form starts from the photo, so that sending it as drawn changes nothing
    expect(page.locator("form textarea[name=caption]")).to_have_value(
        "Soldiers of the 4th Stryker Brigade cross into Kuwait."
    )
    screenshot("photo-view-on-site-api-detail")
