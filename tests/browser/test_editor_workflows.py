"""A photo editor's daily tasks, done in Chromium, checked in the database."""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import ContentWarning, Photo, Photographer, WarningKind
from tests.conftest import ROOT
from tests.factories import (
    AgencyFactory,
    PhotoFactory,
    PhotographerFactory,
    slideshow_with_slides,
)

IMAGES = ROOT / "tests" / "data" / "images"

# The live server reads committed data, so each test commits and is flushed after.
pytestmark = pytest.mark.django_db(transaction=True)


def result_captions(page) -> list[str]:
    return page.locator("#result_list tbody th a").all_inner_texts()


def test_search_photos_by_photographer(page, screenshot):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    maya.aliases.create(name="M. Alleruzzo")
    ap = AgencyFactory(name="AP")
    PhotoFactory(photographer=maya, agency=ap, caption="Strykers cross into Kuwait.")
    PhotoFactory(photographer=maya, agency=ap, caption="A soldier waves from his Stryker.")
    PhotoFactory(caption="Soldiers board a C-17 in Baghdad.")

    page.goto("/admin/catalog/photo/")
    page.fill("#searchbar", "m. alleruzzo")
    page.press("#searchbar", "Enter")
    page.wait_for_url(re.compile(r"q=m\.\+alleruzzo"))

    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    expect(page.locator("#result_list")).to_contain_text("Maya Alleruzzo / AP")
    screenshot("photo-list")
    expected = Photo.objects.filter(photographer__aliases__name__iexact="M. Alleruzzo")
    assert sorted(result_captions(page)) == sorted(expected.values_list("caption", flat=True))


def test_filter_photos_by_agency_with_autocomplete(page):
    reuters = AgencyFactory(name="Reuters")
    PhotoFactory(agency=reuters, caption="Taken for Reuters.")
    PhotoFactory(agency=AgencyFactory(name="AP"), caption="Taken for AP.")

    page.goto("/admin/catalog/photo/")
    page.click('details[data-filter-title="agency"] .select2-selection')
    page.fill(".select2-search__field", "reut")
    page.click(".select2-results__option >> text=Reuters")
    page.wait_for_url(re.compile(rf"agency__id__exact={reuters.pk}"))

    assert result_captions(page) == ["Taken for Reuters."]
    assert list(Photo.objects.filter(agency=reuters).values_list("caption", flat=True)) == [
        "Taken for Reuters."
    ]


def test_open_a_photo_and_fix_its_caption(page):
    photo = PhotoFactory(caption="A soldier waves form his Stryker.")

    page.goto("/admin/catalog/photo/")
    page.click("text=A soldier waves form his Stryker.")
    page.fill("#id_caption", "A soldier waves from his Stryker.")
    page.click("input[name=_save]")

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    photo.refresh_from_db()
    assert photo.caption == "A soldier waves from his Stryker."


def test_put_slide_7_first(page, screenshot):
    show = slideshow_with_slides(9, title="US troops leave Iraq")
    before = list(show.slides.order_by("position").values_list("pk", flat=True))

    page.goto(f"/admin/catalog/slideshow/{show.pk}/change/")
    screenshot("slideshow-page")
    position = page.locator('input[name="slides-6-new_position"]')
    expect(position).to_have_value("7")
    position.fill("1")
    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist")).to_contain_text("Slides reordered.")
    after = list(show.slides.order_by("position").values_list("pk", flat=True))
    assert after == [before[6], *before[:6], *before[7:]]
    assert list(show.slides.order_by("position").values_list("position", flat=True)) == list(
        range(1, 10)
    )


def test_flag_photos_as_graphic(page):
    photos = PhotoFactory.create_batch(3)

    page.goto("/admin/catalog/photo/")
    for photo in photos[:2]:
        page.check(f'input[name=_selected_action][value="{photo.pk}"]')
    page.select_option("select[name=action]", "flag_as_graphic")
    page.click("button[name=index]")

    expect(page.locator(".messagelist .success")).to_contain_text("Flagged 2 photos as graphic.")
    flagged = ContentWarning.objects.filter(kind=WarningKind.GRAPHIC)
    assert sorted(flagged.values_list("photo", flat=True)) == sorted(p.pk for p in photos[:2])


def test_merge_two_photographers(page):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    typo = PhotographerFactory(name="Maya Aleruzzo")
    hers, misspelt = PhotoFactory(photographer=maya), PhotoFactory(photographer=typo)

    page.goto("/admin/catalog/photographer/")
    for photographer in (maya, typo):
        page.check(f'input[name=_selected_action][value="{photographer.pk}"]')
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.check(f'input[name=survivor][value="{maya.pk}"]')
    page.click("input[type=submit][value=Merge]")

    expect(page.locator(".messagelist .success")).to_contain_text("Merged Maya Aleruzzo into")
    assert list(Photographer.objects.all()) == [maya]
    assert set(maya.photos.all()) == {hers, misspelt}
    assert sorted(maya.aliases.values_list("name", flat=True)) == [
        "Maya Aleruzzo",
        "Maya Alleruzzo",
    ]


def test_upload_an_image_and_see_its_credit_filled_in(page):
    page.goto("/admin/catalog/photo/add/")
    page.set_input_files("#id_upload", str(IMAGES / "exiftool_IPTC.jpg"))
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    expect(page.locator("#id_credit_text")).to_have_value("Phil Harvey / My Credit")
    expect(page.locator("#id_caption")).to_have_value("A witty caption")
    expect(page.locator(".field-photographer")).to_contain_text("Phil Harvey")
    expect(page.locator(".field-embedded_table")).to_contain_text("I'm the source")
    photo = Photo.objects.get()
    assert photo.credit_line == "Phil Harvey / My Credit"
    assert photo.image_name == "exiftool_IPTC.jpg"
