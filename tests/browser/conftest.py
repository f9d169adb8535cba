"""A real browser, Debian's Chromium driven by Playwright, logged in as a photo editor.

The tests fail, never skip, when Chromium is missing: CI installs it.
"""

from pathlib import Path

import pytest

from catalog.groups import sync_photo_editors_group
from tests.conftest import EDITOR_PASSWORD, ROOT, make_editor

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing: the browser tests drive Debian's {CHROMIUM} "
            "(install it with `apt-get install -y chromium`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, where the tests
    # also read the database to check what the browser did.
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def editor(transactional_db, django_user_model):
    """The photo editor, in the group made as the data migration makes it: a
    transactional test's flush empties every table, the group's included."""
    sync_photo_editors_group()
    return make_editor(django_user_model)


@pytest.fixture
def page(browser, live_server, editor):
    """A page logged in through the login form as the photo editor."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
