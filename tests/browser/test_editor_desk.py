"""The editor's desk in Chromium: the photo grid, the slideshow editor, the
photo page's warnings and its image, checked in the database."""

import re
from io import BytesIO

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from catalog.images.store import ingest_image
from catalog.models import Photo
from tests.factories import (
    AgencyFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    SlideshowFactory,
)
from tests.images.imagefiles import iim_dataset, jpeg_with_iim

# The live server reads committed data, so each test commits and is flushed after.
pytestmark = pytest.mark.django_db(transaction=True)

COLOURS = ["#8a5a44", "#44708a", "#6b8a44", "#8a446b", "#44408a", "#8a8144", "#2f6f5f"]


@pytest.fixture(autouse=True)
def renditions_served(settings):
    settings.ROOT_URLCONF = "tests.browser.urls"


def picture(number: int, size=(480, 320)) -> bytes:
    """A JPEG that looks like a picture and differs from every other one."""
    image = Image.new("RGB", size, COLOURS[number % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] // 4, size[1] // 5, size[0] * 3 // 4, size[1] * 4 // 5), fill="#ddd")
    draw.text((12, 12), f"picture {number}", fill="#fff")
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def wire_picture(number: int, byline: str, credit: str, caption: str = "") -> bytes:
    """A picture carrying a credit as IPTC IIM, as the wire services send them."""
    datasets = [iim_dataset(1, 90, b"\x1b%G"), iim_dataset(2, 80, byline.encode())]
    datasets.append(iim_dataset(2, 110, credit.encode()))
    if caption:
        datasets.append(iim_dataset(2, 120, caption.encode()))
    return jpeg_with_iim(*datasets, base=picture(number))


def with_picture(photo: Photo, number: int) -> Photo:
    ingest_image(picture(number), name=f"picture-{number}.jpg", photo=photo)
    return photo


def test_browse_the_photos_as_pictures(page, screenshot):
    ap = AgencyFactory(name="AP")
    maya = PhotographerFactory(name="Maya Alleruzzo")
    show = SlideshowFactory(title="US troops leave Iraq after seven years of war")
    captions = [
        "Soldiers of the 4th Stryker Brigade cross the border from Iraq into Kuwait at dawn, "
        "the last combat brigade to leave the country after seven years.",
        "A soldier waves from his Stryker as the convoy reaches Camp Virginia.",
        "Families wait at Fort Lewis for the brigade's return.",
    ]
    photos = [
        with_picture(PhotoFactory(caption=caption, photographer=maya, agency=ap), n)
        for n, caption in enumerate(captions)
    ]
    SlideFactory(slideshow=show, photo=photos[0])
    ContentWarningFactory(photo=photos[1], kind="violence")
    PhotoFactory(caption="", title="", photographer=maya, agency=ap)  # no file, no caption
    PhotoFactory(caption="Taken for someone else.")

    page.goto("/admin/catalog/photo/")
    page.click("#view-toggle >> text=pictures")
    page.wait_for_url(re.compile(r"view=grid"))
    expect(page.locator(".catalog-card")).to_have_count(5)
    assert page.locator(".catalog-card img").count() == 3
    assert all(
        page.locator(".catalog-card img").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    ), "every thumbnail loads"
    expect(page.locator(".catalog-card").last).to_contain_text("the last combat brigade")
    expect(page.locator(".catalog-card").last).to_contain_text("US troops leave Iraq")
    expect(page.locator(".catalog-card").first).to_contain_text("Taken for someone else.")
    screenshot("photo-grid")

    page.fill("#searchbar", "alleruzzo")
    page.press("#searchbar", "Enter")
    page.wait_for_url(re.compile(r"q=alleruzzo"))
    assert "view=grid" in page.url
    expect(page.locator(".catalog-card")).to_have_count(4)
    page.click(".catalog-card >> text=A soldier waves")
    page.wait_for_url(f"**/admin/catalog/photo/{photos[1].pk}/change/**")
    expect(page.locator("#id_caption")).to_have_value(captions[1])


def test_drag_slide_7_to_the_top(page, screenshot):
    show = SlideshowFactory(title="US troops leave Iraq", declared_count=9)
    for position in range(1, 10):
        photo = PhotoFactory(caption=f"Slide {position}: the convoy, mile {position * 40}.")
        if position != 4:  # one photo without a file: its placeholder shows
            with_picture(photo, position)
        SlideFactory(slideshow=show, photo=photo, position=position)
    before = list(show.slides.order_by("position").values_list("pk", flat=True))

    page.set_viewport_size({"width": 1400, "height": 2200})  # every slide in view
    page.goto(f"/admin/catalog/slideshow/{show.pk}/change/")
    rows = page.locator("#slides-group tbody tr.has_original")
    expect(rows).to_have_count(9)
    expect(rows.nth(3)).to_contain_text("No picture")
    screenshot("slideshow-editor")
    rows.nth(6).locator(".catalog-drag-handle").drag_to(
        rows.nth(0), target_position={"x": 10, "y": 5}
    )
    expect(rows.nth(0)).to_contain_text("Slide 7:")
    assert [
        rows.nth(i).locator("input[name$='-new_position']").input_value() for i in range(9)
    ] == [str(n) for n in range(1, 10)]
    screenshot("slideshow-editor-dragged")
    page.click("input[name=_save]")

    expect(page.locator(".messagelist .success").first).to_contain_text("Slides reordered.")
    after = list(show.slides.order_by("position").values_list("pk", flat=True))
    assert after == [before[6], *before[:6], *before[7:]]
    assert list(show.slides.order_by("position").values_list("position", flat=True)) == list(
        range(1, 10)
    )


def test_see_a_slideshows_warning_on_a_photo_page(page, screenshot):
    photo = with_picture(PhotoFactory(caption="Smoke rises over the market after the blast."), 2)
    ContentWarningFactory(photo=photo, kind="death", note="A body is visible.")
    show = SlideshowFactory(title="Aftermath of the Baghdad bombing")
    SlideFactory(slideshow=show, photo=photo)
    ContentWarningFactory(photo=None, slideshow=show, kind="violence", note="Injured people.")

    page.goto(f"/admin/catalog/photo/{photo.pk}/change/")

    inherited = page.locator(".field-inherited_warnings")
    expect(inherited).to_contain_text("Violence Injured people. from the slideshow Aftermath")
    assert inherited.locator("input, textarea, select").count() == 0  # read-only
    expect(page.locator("#warnings-group")).to_contain_text("A body is visible.")
    screenshot("photo-inherited-warning")  # the whole page: no scrolling, which moves the sidebar
    inherited.get_by_role("link", name="Aftermath of the Baghdad bombing").click()
    page.wait_for_url(f"**/admin/catalog/slideshow/{show.pk}/change/")


def test_upload_a_file_whose_credit_disagrees(page, screenshot, tmp_path):
    photo = PhotoFactory(
        caption="Soldiers board a C-17 at Baghdad airport.",
        photographer=PhotographerFactory(name="Maya Alleruzzo"),
        agency=AgencyFactory(name="AP"),
    )
    wire = tmp_path / "wire.jpg"
    wire.write_bytes(wire_picture(5, "Jim Roe", "Reuters"))

    page.goto(f"/admin/catalog/photo/{photo.pk}/change/")
    page.set_input_files("#id_upload", str(wire))
    page.click("input[name=_continue]")

    warning = page.locator(".messagelist .warning")
    expect(warning).to_contain_text(
        "File wire.jpg: credit conflict: the credit embedded in the file, “Jim Roe / Reuters”, "
        "disagrees with the photo's credit, “Maya Alleruzzo / AP”"
    )
    expect(page.locator("#id_credit_conflict")).to_be_checked()
    expect(page.locator(".field-image_preview img")).to_have_attribute(
        "alt", "Soldiers board a C-17 at Baghdad airport."
    )
    screenshot("photo-upload-credit-conflict")
    photo.refresh_from_db()
    assert photo.credit_conflict
    assert photo.credit_line == "Maya Alleruzzo / AP"
    assert photo.image_name == "wire.jpg"


def test_add_photos_from_files_as_a_table(page, screenshot, tmp_path):
    PhotographerFactory(name="Jim Roe")
    good = tmp_path / "convoy.jpg"
    good.write_bytes(wire_picture(3, "Jim Roe", "Reuters", "A convoy crosses into Kuwait."))
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"this is not a picture")

    page.goto("/admin/catalog/photo/add-files/")
    page.set_input_files("#id_files", [str(good), str(bad)])
    page.click("#import-form input[type=submit]")

    rows = page.locator("#import-files tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("created")
    expect(rows.nth(1)).to_contain_text("refused")
    assert rows.nth(0).locator("img").evaluate("img => img.naturalWidth") > 0
    screenshot("add-photos-from-files")
    rows.nth(0).get_by_role("link", name="A convoy crosses into Kuwait.").click()
    page.wait_for_url(f"**/admin/catalog/photo/{Photo.objects.get().pk}/change/")


def test_remove_a_photos_image(page, screenshot, media_root):
    photo = with_picture(PhotoFactory(caption="A soldier waves from his Stryker."), 6)
    assert photo.renditions.count() == 2

    page.goto(f"/admin/catalog/photo/{photo.pk}/change/")
    page.check("#id_remove_image")
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist .success").first).to_contain_text(
        "The image file picture-6.jpg was removed from this photo, with its thumbnail and web size."
    )
    expect(page.locator(".field-image_preview")).to_contain_text("No image file")
    expect(page.locator("#id_caption")).to_have_value("A soldier waves from his Stryker.")
    screenshot("photo-image-removed")
    photo.refresh_from_db()
    assert not photo.image
    assert not photo.renditions.exists()
    assert [p for p in media_root.rglob("*") if p.is_file()] == []
