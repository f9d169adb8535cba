"""Photographers and agencies: credits, aliases, merging duplicates."""

import pytest
from django.urls import reverse

from catalog.models import Agency, Photo, Photographer
from tests.admin.conftest import changeform_data
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory

pytestmark = pytest.mark.django_db

PHOTOGRAPHERS = reverse("admin:catalog_photographer_changelist")
AGENCIES = reverse("admin:catalog_agency_changelist")


def test_photographers_are_listed_with_photo_count_and_agencies(editor_client):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    ap, redux = AgencyFactory(name="AP"), AgencyFactory(name="Redux Pictures")
    PhotoFactory.create_batch(3, photographer=maya, agency=ap)
    PhotoFactory(photographer=maya, agency=redux)

    response = editor_client.get(PHOTOGRAPHERS, {"q": "alleruzzo"})

    [row] = response.context["cl"].result_list
    assert row.photo_count == 4
    assert [(agency.name, agency.credited) for agency in row.agencies] == [
        ("AP", 3),
        ("Redux Pictures", 1),
    ]
    html = response.content.decode()
    assert f"photographer__id__exact={maya.pk}&amp;agency__id__exact={ap.pk}" in html


def test_photographers_sort_by_photo_count(editor_client):
    few, many = PhotographerFactory(name="A Few"), PhotographerFactory(name="B Many")
    PhotoFactory(photographer=few)
    PhotoFactory.create_batch(3, photographer=many)

    response = editor_client.get(PHOTOGRAPHERS, {"o": "-2"})  # second column, descending

    assert [p.name for p in response.context["cl"].result_list] == ["B Many", "A Few"]


@pytest.mark.parametrize("rows", [3, 30])
def test_photographer_list_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    for photographer in PhotographerFactory.create_batch(rows):
        PhotoFactory(photographer=photographer)
        PhotoFactory(photographer=photographer)

    # session, user, permissions (2), count, page, agencies
    with django_assert_num_queries(7):
        response = editor_client.get(PHOTOGRAPHERS)
    assert len(response.context["cl"].result_list) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_agency_list_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    for agency in AgencyFactory.create_batch(rows):
        PhotoFactory(agency=agency)

    with django_assert_num_queries(6):  # session, user, permissions (2), count, page
        response = editor_client.get(AGENCIES)
    assert len(response.context["cl"].result_list) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_photographer_page_lists_photos_in_constant_queries(
    editor_client, django_assert_num_queries, rows
):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    photos = PhotoFactory.create_batch(rows, photographer=maya)
    for number in range(rows):
        maya.aliases.create(name=f"Maya {number}")
    url = reverse("admin:catalog_photographer_change", args=[maya.pk])

    # session, user, photographer, agencies, permissions (2), aliases inline,
    # content type, recent photos
    with django_assert_num_queries(9):
        response = editor_client.get(url)

    html = response.content.decode()
    shown = photos[-20:]
    for photo in shown:
        assert reverse("admin:catalog_photo_change", args=[photo.pk]) in html
    assert f"All {rows} photos by Maya Alleruzzo" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_agency_page_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    ap = AgencyFactory(name="AP")
    PhotoFactory.create_batch(rows, agency=ap)
    for number in range(rows):
        ap.aliases.create(name=f"AP {number}")
    url = reverse("admin:catalog_agency_change", args=[ap.pk])

    # session, user, agency, permissions (2), aliases, ct, agreement
    with django_assert_num_queries(8):
        response = editor_client.get(url)
    assert response.status_code == 200


def test_the_name_cannot_be_removed_from_the_aliases(editor_client):
    maya = PhotographerFactory(name="Maya Alleruzzo")
    url = reverse("admin:catalog_photographer_change", args=[maya.pk])
    data = changeform_data(editor_client.get(url))
    data["aliases-0-DELETE"] = "on"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    [error] = response.context["inline_admin_formsets"][0].formset.non_form_errors().as_data()
    assert error.code == "name_alias_required"
    assert maya.aliases.filter(name="Maya Alleruzzo").exists()


def test_an_alias_another_photographer_has_is_refused(editor_client):
    PhotographerFactory(name="Maya Alleruzzo")
    other = PhotographerFactory(name="Someone")
    url = reverse("admin:catalog_photographer_change", args=[other.pk])
    data = changeform_data(editor_client.get(url))
    data["aliases-1-name"] = "MAYA ALLERUZZO"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert list(other.aliases.values_list("name", flat=True)) == ["Someone"]


def test_renaming_keeps_the_old_and_new_names_as_aliases(editor_client):
    maya = PhotographerFactory(name="Maya Aleruzzo")
    url = reverse("admin:catalog_photographer_change", args=[maya.pk])
    data = changeform_data(editor_client.get(url))
    data["name"] = "Maya Alleruzzo"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert sorted(maya.aliases.values_list("name", flat=True)) == [
        "Maya Aleruzzo",
        "Maya Alleruzzo",
    ]


def merge(client, changelist, parties, survivor=None):
    data = {"action": "merge_selected", "_selected_action": [p.pk for p in parties]}
    if survivor is not None:
        data |= {"confirm": "yes", "survivor": survivor.pk}
    return client.post(changelist, data)


def test_merging_photographers_asks_which_to_keep_first(editor_client):
    maya, typo = PhotographerFactory(name="Maya Alleruzzo"), PhotographerFactory(name="Maya A")

    response = merge(editor_client, PHOTOGRAPHERS, [maya, typo])

    assert response.status_code == 200
    assert response.templates[0].name == "admin/catalog/merge_confirmation.html"
    html = response.content.decode()
    assert "Maya Alleruzzo (0 photos)" in html
    assert Photographer.objects.count() == 2


def test_merging_photographers_moves_credits_and_keeps_aliases(editor_client):
    maya, typo = PhotographerFactory(name="Maya Alleruzzo"), PhotographerFactory(name="Maya A")
    photo = PhotoFactory(photographer=typo)

    response = merge(editor_client, PHOTOGRAPHERS, [maya, typo], survivor=maya)

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.photographer == maya
    assert list(Photographer.objects.all()) == [maya]
    assert set(maya.aliases.values_list("name", flat=True)) == {"Maya Alleruzzo", "Maya A"}


def test_merging_without_choosing_keeps_everything(editor_client):
    maya, typo = PhotographerFactory(), PhotographerFactory()
    data = {"action": "merge_selected", "_selected_action": [maya.pk, typo.pk], "confirm": "yes"}

    response = editor_client.post(PHOTOGRAPHERS, data)

    assert response.status_code == 200
    assert "Choose the record to keep." in response.content.decode()
    assert Photographer.objects.count() == 2


def test_merging_one_photographer_is_refused(editor_client):
    maya = PhotographerFactory()

    response = merge(editor_client, PHOTOGRAPHERS, [maya], survivor=maya)

    assert response.status_code == 302
    assert Photographer.objects.count() == 1


def test_merging_agencies_moves_their_photos(editor_client):
    ap, associated = AgencyFactory(name="AP"), AgencyFactory(name="Associated Press")
    photo = PhotoFactory(agency=associated)

    response = merge(editor_client, AGENCIES, [ap, associated], survivor=ap)

    assert response.status_code == 302
    assert Photo.objects.get(pk=photo.pk).agency == ap
    assert list(Agency.objects.all()) == [ap]


@pytest.mark.parametrize(
    ("lacking", "wanted"),
    [("change_photo", "change photos"), ("add_photographeralias", "add photographer aliases")],
)
def test_merging_needs_permission_on_what_it_repoints(client, staff_without, lacking, wanted):
    maya, typo = PhotographerFactory(name="Maya Alleruzzo"), PhotographerFactory(name="Maya A")
    photo = PhotoFactory(photographer=typo)
    client.force_login(staff_without(lacking))
    refusal = f"You may not merge photographers: it would {wanted} (catalog.{lacking})"

    for survivor in (None, maya):  # asking which to keep, then confirming
        response = merge(client, PHOTOGRAPHERS, [maya, typo], survivor=survivor)

        assert response.status_code == 302  # back to the list, no confirmation form
        assert [str(m) for m in response.wsgi_request._messages][-1] == refusal
    photo.refresh_from_db()
    assert photo.photographer == typo
    assert Photographer.objects.count() == 2
