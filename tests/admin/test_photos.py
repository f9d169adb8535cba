"""The photo list and page: search, filters, captions, warnings, flagging."""

import pytest
from django.urls import reverse

from catalog.models import ContentWarning, Photo, WarningKind
from tests.admin.conftest import changeform_data
from tests.conftest import counting_queries
from tests.factories import (
    AgencyFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    SlideshowFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:catalog_photo_changelist")


def listed(response) -> list[Photo]:
    return list(response.context["cl"].result_list)


def test_the_list_shows_caption_credit_slideshows_and_warnings(editor_client):
    photo = PhotoFactory(
        caption="Soldiers board a plane.",
        photographer=PhotographerFactory(name="Maya Alleruzzo"),
        agency=AgencyFactory(name="AP"),
    )
    SlideFactory(photo=photo, slideshow=SlideshowFactory(title="2010 drawdown"))
    ContentWarningFactory(photo=photo, kind=WarningKind.VIOLENCE)

    response = editor_client.get(CHANGELIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Select photo to change | Media Catalog</title>" in html
    assert "Soldiers board a plane." in html
    assert "Maya Alleruzzo / AP" in html
    assert f'?photographer__id__exact={photo.photographer_id}"' in html
    assert "2010 drawdown" in html
    assert (
        '<span class="catalog-badge catalog-badge-warning" '
        'title="Content warning: This image contains graphic content.">Violence</span>' in html
    )
    assert "Django administration" not in html


def test_search_finds_photos_by_photographer_alias_and_agency_alias(editor_client):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    maya.aliases.create(name="M. Alleruzzo")
    ap = AgencyFactory(name="AP")
    ap.aliases.create(name="Associated Press")
    hers = PhotoFactory.create_batch(2, photographer=maya)
    by_ap = PhotoFactory(agency=ap)
    PhotoFactory(caption="Someone else entirely.")

    by_alias = editor_client.get(CHANGELIST, {"q": "M. Alleruzzo"})
    by_agency = editor_client.get(CHANGELIST, {"q": "associated press"})

    assert set(listed(by_alias)) == set(hers)
    assert listed(by_agency) == [by_ap]


def test_search_covers_caption_and_title(editor_client):
    by_caption = PhotoFactory(caption="A Stryker crosses into Kuwait.")
    by_title = PhotoFactory(title="Kuwait border", caption="Soldiers wave.")
    PhotoFactory(caption="Baghdad airport.")

    response = editor_client.get(CHANGELIST, {"q": "kuwait"})

    assert set(listed(response)) == {by_caption, by_title}


def test_filters_by_agency_photographer_slideshow_and_warning(editor_client):
    ap, maya = AgencyFactory(name="AP"), PhotographerFactory(name="Maya Alleruzzo")
    photos = PhotoFactory.create_batch(4)
    photos[0].agency = ap
    photos[0].save()
    photos[1].photographer = maya
    photos[1].save()
    show = SlideshowFactory()
    SlideFactory(slideshow=show, photo=photos[2])
    ContentWarningFactory(photo=photos[3], kind=WarningKind.NUDITY)

    def filtered(**params):
        response = editor_client.get(CHANGELIST, params)
        assert response.status_code == 200
        return listed(response)

    assert filtered(agency__id__exact=ap.pk) == [photos[0]]
    assert filtered(photographer__id__exact=maya.pk) == [photos[1]]
    assert filtered(slideshows__id__exact=show.pk) == [photos[2]]
    assert filtered(warning="nudity") == [photos[3]]
    assert filtered(warning="any") == [photos[3]]
    assert filtered(warning="violence") == []
    assert set(filtered(warning="none")) == set(photos[:3])


def test_an_autocomplete_filter_shows_the_record_picked_and_no_list(editor_client):
    ap = AgencyFactory(name="AP")
    AgencyFactory.create_batch(5)
    PhotoFactory(agency=ap)

    html = editor_client.get(CHANGELIST, {"agency__id__exact": ap.pk}).content.decode()

    assert 'data-field-name="agency"' in html
    assert f'<option value="{ap.pk}" selected>AP</option>' in html
    assert "Agency 1</a>" not in html  # no link per agency
    assert "catalog/admin/autocomplete_filter.js" in html


def test_the_slideshow_filter_searches_through_the_admin(editor_client):
    html = editor_client.get(CHANGELIST).content.decode()
    assert 'data-model-name="slide" data-field-name="slideshow"' in " ".join(html.split())
    show = SlideshowFactory(title="US troops leave Iraq")
    SlideshowFactory(title="Elsewhere")
    url = reverse("admin:autocomplete")

    response = editor_client.get(
        url,
        {"app_label": "catalog", "model_name": "slide", "field_name": "slideshow", "term": "iraq"},
    )

    assert response.json()["results"] == [{"id": str(show.pk), "text": show.title}]


def test_a_bad_filter_value_does_not_crash_the_list(editor_client):
    response = editor_client.get(CHANGELIST, {"agency__id__exact": "abc"})
    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def test_a_search_does_not_count_the_whole_table(editor_client):
    PhotoFactory(caption="Kuwait border.")
    PhotoFactory(caption="Baghdad.")

    response = editor_client.get(CHANGELIST, {"q": "kuwait"})

    changelist = response.context["cl"]
    assert changelist.result_count == 1
    assert changelist.full_result_count is None


@pytest.mark.parametrize("rows", [3, 30])
def test_changelist_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries, rows):
    show = SlideshowFactory()
    for photo in PhotoFactory.create_batch(rows):
        SlideFactory(slideshow=show, photo=photo)
        ContentWarningFactory(photo=photo)

    # session, user, user and group permissions, the table's estimated size
    # (small here, so also an exact count), page, renditions, warnings, slides
    # with their slideshows, those slideshows' warnings, the rights' verdicts
    with django_assert_num_queries(12):
        response = editor_client.get(CHANGELIST)
    assert len(listed(response)) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_filtered_changelist_queries_do_not_grow_with_rows(
    editor_client, django_assert_num_queries, rows
):
    ap = AgencyFactory()
    PhotoFactory.create_batch(rows, agency=ap)

    # session, user, permissions (2), counting, page, renditions, warnings,
    # slides, the rights' verdicts, and the agency shown in its filter
    with django_assert_num_queries(10 + counting_queries()):
        response = editor_client.get(CHANGELIST, {"agency__id__exact": ap.pk, "warning": "none"})
    assert len(listed(response)) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_change_page_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries, rows):
    photo = PhotoFactory()
    ContentWarningFactory.create_batch(rows, photo=photo)
    for _ in range(rows):
        SlideFactory(photo=photo)
    url = reverse("admin:catalog_photo_change", args=[photo.pk])

    # session, user, photo, its renditions, warnings, slides with their
    # slideshows and those slideshows' warnings, permissions (2), the warnings
    # inline, content type, the photographer and agency picked, the leases and
    # uses inlines, the rights' verdict
    with django_assert_num_queries(16):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == rows


def test_an_editor_fixes_a_caption(editor_client):
    photo = PhotoFactory(caption="A soldier waves form his Stryker.")
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["caption"] = "A soldier waves from his Stryker."

    response = editor_client.post(url, data)

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "A soldier waves from his Stryker."


def test_the_page_links_to_every_photo_by_the_same_photographer(editor_client):
    photo = PhotoFactory()
    url = reverse("admin:catalog_photo_change", args=[photo.pk])

    html = editor_client.get(url).content.decode()

    assert f'{CHANGELIST}?photographer__id__exact={photo.photographer_id}"' in html
    assert f"All photos by {photo.photographer.name}" in html


def test_warnings_are_added_and_removed_on_the_photo_page(editor_client):
    photo = PhotoFactory()
    old = ContentWarningFactory(photo=photo, kind=WarningKind.DEATH)
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["warnings-0-DELETE"] = "on"
    data["warnings-TOTAL_FORMS"] = "2"
    data["warnings-1-kind"] = WarningKind.SUFFERING
    data["warnings-1-note"] = "Grief."

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    assert not ContentWarning.objects.filter(pk=old.pk).exists()
    assert list(photo.warnings.values_list("kind", "note")) == [("suffering", "Grief.")]


def test_the_distributor_must_differ_from_the_agency(editor_client):
    photo = PhotoFactory()
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data["distributor"] = photo.agency_id

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "The distributor must differ from the agency." in response.content.decode()
    photo.refresh_from_db()
    assert photo.distributor is None


@pytest.mark.parametrize("rows", [3, 30])
def test_flag_as_graphic_writes_in_a_bounded_number_of_queries(
    editor_client, django_assert_max_num_queries, rows
):
    photos = PhotoFactory.create_batch(rows)
    ContentWarningFactory(photo=photos[0], kind=WarningKind.GRAPHIC)
    data = {"action": "flag_as_graphic", "_selected_action": [p.pk for p in photos]}

    with django_assert_max_num_queries(12):
        response = editor_client.post(CHANGELIST, data)

    assert response.status_code == 302
    assert ContentWarning.objects.filter(kind=WarningKind.GRAPHIC).count() == rows
    assert set(ContentWarning.objects.values_list("photo", flat=True)) == {p.pk for p in photos}


def test_warning_filter_includes_the_slideshows_warnings(editor_client):
    show = SlideshowFactory()
    in_flagged_show = SlideFactory(slideshow=show).photo
    ContentWarningFactory(photo=None, slideshow=show)
    clean = PhotoFactory()

    flagged = listed(editor_client.get(CHANGELIST, {"warning": "graphic"}))
    unflagged = listed(editor_client.get(CHANGELIST, {"warning": "none"}))

    assert [photo.pk for photo in flagged] == [in_flagged_show.pk]
    assert [photo.pk for photo in unflagged] == [clean.pk]
