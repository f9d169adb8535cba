"""HTML in captions, titles, names, article texts and file names is shown as
text wherever it renders: in Chromium no script from it runs, no element is
made from it, and the Content-Security-Policy never has to step in."""

import pytest
from playwright.sync_api import expect

from catalog.images.store import ingest_image
from catalog.models import Article, Photo, Photographer, Slideshow, Video
from tests.factories import (
    AgencyFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    SlideshowFactory,
    SpeakerFactory,
    TranscriptTurnFactory,
    VideoFactory,
)
from tests.images.test_store import sample

pytestmark = pytest.mark.django_db(transaction=True)

# Each part sets window.__xss or opens a dialog if the page ever runs it.
PAYLOAD = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2><svg onload=alert(3)>"
# For file names, which cannot hold a slash.
NAME_PAYLOAD = "<img src=x onerror=window.__xss=4><svg onload=alert(5)>"

ARTICLE = f"""{PAYLOAD} headline
Jane {PAYLOAD}  /  AP
A summary {PAYLOAD}.
By
updated 10/22/2011 1:58:39 PM ET 2011-10-22T17:58:39

A paragraph {PAYLOAD}.

Photos: Gallery {PAYLOAD}

loading photos...
  1. A caption {PAYLOAD} (Jane Roe / AP) Back to slideshow navigation
  2. Another caption {PAYLOAD} (Jane Roe / AP) Back to slideshow navigation
"""

INJECTED = """() => ({
    xss: window.__xss === undefined ? null : String(window.__xss),
    elements: document.querySelectorAll("[onerror], [onload], img[src='x']").length,
    scripts: [...document.scripts].filter(s => s.textContent.includes("__xss")).length,
})"""


@pytest.fixture
def watched(page):
    """The editor's page, recording every dialog and Content-Security-Policy report."""
    events = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and events.append(f"csp: {message.text}")
        ),
    )
    page.events = events
    return page


def check(page, *, shows: str | None = PAYLOAD):
    """Nothing from the payload became markup or ran, and it is on the page as text."""
    page.wait_for_load_state("networkidle")
    assert page.evaluate(INJECTED) == {"xss": None, "elements": 0, "scripts": 0}, page.url
    assert page.events == [], page.url
    if shows is not None:
        assert shows in page.locator("body").inner_text(), page.url


def visit(page, url: str, *, shows: str | None = PAYLOAD):
    page.goto(url)
    check(page, shows=shows)


@pytest.fixture
def hostile_catalog():
    """Every kind of record that the admin or the API shows, named with the payload."""
    agency = AgencyFactory(name=f"Agency {PAYLOAD}")
    photographer = PhotographerFactory(name=f"Jane {PAYLOAD}")
    photo = PhotoFactory(
        title=f"Title {PAYLOAD}",
        caption=f"Caption {PAYLOAD}",
        photographer=photographer,
        agency=agency,
        credit_text=f"Credit {PAYLOAD}",
    )
    ingest_image(sample("exiftool_IPTC.jpg"), name=f"{NAME_PAYLOAD}.jpg", photo=photo)
    Photo.objects.filter(pk=photo.pk).update(
        embedded={"caption": PAYLOAD, "credit_line": PAYLOAD, "creator": PAYLOAD}
    )
    slideshow = SlideshowFactory(title=f"Slideshow {PAYLOAD}", heading=PAYLOAD)
    SlideFactory(slideshow=slideshow, photo=photo, position=1, caption=f"Slide {PAYLOAD}")
    ContentWarningFactory(photo=photo, note=f"Note {PAYLOAD}")
    speaker = SpeakerFactory(name=f"Speaker {PAYLOAD}", role=PAYLOAD)
    video = VideoFactory(title=f"Video {PAYLOAD}")
    TranscriptTurnFactory(video=video, speaker=speaker, speaker_label=PAYLOAD, text=PAYLOAD)
    return photo


def test_the_admin_shows_hostile_records_as_text(watched, hostile_catalog):
    photo = Photo.objects.get(pk=hostile_catalog.pk)
    photographer, agency = photo.photographer, photo.agency
    slideshow = Slideshow.objects.get()

    visit(watched, "/admin/catalog/photo/", shows=f"Jane {PAYLOAD}")
    visit(watched, "/admin/catalog/photo/?q=Jane", shows=f"Jane {PAYLOAD}")
    visit(watched, f"/admin/catalog/photo/?agency__id__exact={agency.pk}", shows=None)
    visit(
        watched, f"/admin/catalog/photo/{photo.pk}/change/", shows=f"All photos by Jane {PAYLOAD}"
    )
    expect(watched.locator("#id_credit_text")).to_have_value(f"Credit {PAYLOAD}")
    expect(watched.locator("#id_caption")).to_have_value(f"Caption {PAYLOAD}")
    expect(watched.locator(".field-image_facts")).to_contain_text(f"{NAME_PAYLOAD}.jpg")
    expect(watched.locator(".catalog-embedded")).to_contain_text(PAYLOAD)
    visit(watched, "/admin/catalog/photographer/", shows=f"Jane {PAYLOAD}")
    visit(watched, f"/admin/catalog/photographer/{photographer.pk}/change/")
    visit(watched, "/admin/catalog/agency/", shows=f"Agency {PAYLOAD}")
    visit(watched, f"/admin/catalog/agency/{agency.pk}/change/")
    visit(watched, "/admin/catalog/slideshow/", shows=f"Slideshow {PAYLOAD}")
    visit(watched, f"/admin/catalog/slideshow/{slideshow.pk}/change/", shows=f"Caption {PAYLOAD}")
    expect(watched.locator("textarea[name$=caption]").first).to_have_value(f"Slide {PAYLOAD}")
    visit(
        watched,
        f"/admin/catalog/video/{Video.objects.get().pk}/change/",
        shows=f"Speaker {PAYLOAD}",
    )
    visit(watched, "/admin/catalog/video/", shows=f"Video {PAYLOAD}")
    visit(watched, "/admin/catalog/speaker/", shows=f"Speaker {PAYLOAD}")
    visit(watched, "/admin/catalog/photo/?q=<svg onload=alert(8)>", shows=None)
    expect(watched.locator("#searchbar")).to_have_value("<svg onload=alert(8)>")


def test_autocomplete_and_merge_show_hostile_names_as_text(watched, hostile_catalog):
    other = PhotographerFactory(name="Jane Doe")

    visit(watched, "/admin/catalog/photo/", shows=None)
    watched.click('details[data-filter-title="agency"] .select2-selection')
    watched.fill(".select2-search__field", "agency")
    expect(watched.locator(".select2-results__option").first).to_contain_text(PAYLOAD)
    assert watched.evaluate(INJECTED)["elements"] == 0
    assert watched.events == []

    visit(watched, "/admin/catalog/photographer/", shows=None)
    for photographer in Photographer.objects.all():
        watched.check(f'input[name=_selected_action][value="{photographer.pk}"]')
    watched.select_option("select[name=action]", "merge_selected")
    watched.click("button[name=index]")
    check(watched, shows=f"Jane {PAYLOAD}")
    watched.check(f'input[name=survivor][value="{other.pk}"]')
    watched.click("input[type=submit][value=Merge]")
    expect(watched.locator(".messagelist .success")).to_contain_text(f"Merged Jane {PAYLOAD}")
    check(watched, shows=f"Merged Jane {PAYLOAD}")


def test_imported_articles_and_files_show_hostile_text_as_text(watched):
    visit(watched, "/admin/catalog/article/import/", shows=None)
    watched.set_input_files(
        "#id_files",
        [
            {"name": f"{NAME_PAYLOAD}.txt", "mimeType": "text/plain", "buffer": ARTICLE.encode()},
            {"name": f"empty {NAME_PAYLOAD}.txt", "mimeType": "text/plain", "buffer": b""},
        ],
    )
    watched.click("#import-form input[type=submit]")
    expect(watched.locator("#import-files")).to_contain_text(f"{NAME_PAYLOAD}.txt: created")
    check(watched, shows=f"empty {NAME_PAYLOAD}.txt:")

    article = Article.objects.get()
    assert article.headline == f"{PAYLOAD} headline"
    visit(watched, f"/admin/catalog/article/{article.pk}/change/", shows=f"A paragraph {PAYLOAD}.")
    expect(watched.locator(".catalog-source")).to_contain_text(f"Gallery {PAYLOAD}")
    expect(watched.locator(".catalog-source .records a").first).to_be_visible()
    visit(watched, "/admin/catalog/article/", shows=f"{PAYLOAD} headline")

    visit(watched, "/admin/catalog/photo/add-files/", shows=None)
    watched.set_input_files(
        "#id_files",
        [{"name": f"{NAME_PAYLOAD}.jpg", "mimeType": "image/jpeg", "buffer": PAYLOAD.encode()}],
    )
    watched.click("#import-form input[type=submit]")
    expect(watched.locator("#import-files")).to_contain_text(f"{NAME_PAYLOAD}.jpg")
    check(watched, shows=f"{NAME_PAYLOAD}.jpg")


def test_the_browsable_api_shows_hostile_records_as_text(watched, hostile_catalog):
    photo = hostile_catalog
    slideshow = Slideshow.objects.get()

    visit(watched, "/api/photos/", shows=f"Caption {PAYLOAD}")
    visit(watched, f"/api/photos/{photo.uid}/", shows=f"Jane {PAYLOAD}")
    visit(watched, f"/api/slideshows/{slideshow.slug}/", shows=f"Slide {PAYLOAD}")
    visit(watched, "/api/photographers/", shows=f"Jane {PAYLOAD}")
    visit(watched, "/api/agencies/", shows=f"Agency {PAYLOAD}")
    visit(watched, "/api/warnings/", shows=f"Note {PAYLOAD}")
    visit(watched, "/api/videos/", shows=f"Speaker {PAYLOAD}")
    # A bad value is echoed in the error, as text.
    visit(watched, "/api/photos/?ordering=<svg onload=alert(6)>", shows="<svg onload=alert(6)>")
    visit(watched, "/api/photos/?agency=<svg onload=alert(7)>", shows="<svg onload=alert(7)>")
