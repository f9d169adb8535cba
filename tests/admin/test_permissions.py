"""The Photo editors group: the whole catalog, and nothing of users or groups."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from catalog.groups import PHOTO_EDITORS, sync_photo_editors_group
from tests.factories import PhotoFactory, PhotographerFactory, slideshow_with_slides

pytestmark = pytest.mark.django_db

CATALOG_MODELS = {
    "agency",
    "agencyagreement",
    "agencyalias",
    "article",
    "contentwarning",
    "lease",
    "photo",
    "photographer",
    "photographeralias",
    "rendition",
    "slide",
    "slideshow",
    "speaker",
    "transcriptturn",
    "usage",
    "video",
}


def test_the_migration_made_the_group_with_every_catalog_permission():
    group = Group.objects.get(name=PHOTO_EDITORS)

    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert codenames == {
        ("catalog", f"{action}_{model}")
        for action in ("add", "change", "delete", "view")
        for model in CATALOG_MODELS
    }


def test_syncing_the_group_again_changes_nothing():
    before = set(Group.objects.get(name=PHOTO_EDITORS).permissions.all())

    sync_photo_editors_group()

    assert set(Group.objects.get(name=PHOTO_EDITORS).permissions.all()) == before
    assert Permission.objects.filter(codename="add_photo").count() == 1


@pytest.mark.parametrize(
    "name",
    [
        "catalog_photo_changelist",
        "catalog_photographer_changelist",
        "catalog_agency_changelist",
        "catalog_slideshow_changelist",
        "catalog_article_changelist",
        "catalog_article_upload",
        "catalog_video_changelist",
        "catalog_speaker_changelist",
        "catalog_photo_add",
    ],
)
def test_an_editor_reaches_the_catalog(editor_client, name):
    assert editor_client.get(reverse(f"admin:{name}")).status_code == 200


def test_an_editor_opens_and_saves_records(editor_client):
    photo, photographer = PhotoFactory(), PhotographerFactory()
    show = slideshow_with_slides(2)
    for url in (
        reverse("admin:catalog_photo_change", args=[photo.pk]),
        reverse("admin:catalog_photographer_change", args=[photographer.pk]),
        reverse("admin:catalog_slideshow_change", args=[show.pk]),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200
        assert 'name="_save"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_user_change", args=[1]),
    ],
)
def test_an_editor_cannot_reach_users_or_groups(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_the_index_shows_the_catalog_but_not_authentication(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert "<title>Catalog | Media Catalog</title>" in html
    assert "Media catalog" in html
    assert "Authentication and Authorization" not in html
