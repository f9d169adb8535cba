"""The Content-Security-Policy leaves the admin, the browsable API and the API
documentation working: nothing of this site's own is blocked. (The editor
workflow tests run under it too.)"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reports(page):
    """The policy's complaints, as Chromium logs them."""
    blocked = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    return blocked


def test_swagger_ui_runs_under_the_policy(page, reports):
    page.goto("/api/docs/")

    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() > 20
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".try-out__btn").first).to_be_visible()
    assert reports == []


def test_redoc_runs_under_the_policy_which_keeps_it_from_calling_elsewhere(page, reports):
    page.goto("/api/redoc/")

    expect(page.locator("h1").first).to_contain_text("Media Catalog API")
    page.wait_for_load_state("networkidle")
    # Redoc's bundle fetches its maker's logo from their server; only that is refused.
    assert reports
    assert all("https://cdn.redoc.ly/" in report for report in reports), reports


@pytest.mark.parametrize(
    ("url", "ran"),
    [
        ("/admin/catalog/photo/", "typeof django.jQuery.fn.select2"),  # autocomplete filters
        ("/admin/catalog/photo/add/", "typeof django.jQuery.fn.select2"),
        ("/api/photos/", "typeof window.jQuery.fn.modal"),  # the browsable API's Bootstrap
    ],
)
def test_the_admin_and_the_browsable_api_run_under_the_policy(page, reports, url, ran):
    page.goto(url)
    page.wait_for_load_state("networkidle")

    assert page.evaluate(ran) == "function"
    assert reports == []
