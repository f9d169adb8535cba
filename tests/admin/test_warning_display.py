"""Warnings as editors read them: inherited ones on the photo page, repeated
notes counted once in the list badges."""

import pytest
from django.urls import reverse

from catalog.models import WarningKind
from tests.factories import (
    ContentWarningFactory,
    PhotoFactory,
    SlideFactory,
    SlideshowFactory,
)

pytestmark = pytest.mark.django_db


def test_the_photo_page_shows_the_slideshows_warnings_read_only_beside_its_own(editor_client):
    photo = PhotoFactory()
    ContentWarningFactory(photo=photo, kind=WarningKind.DEATH, note="A body is visible.")
    show = SlideshowFactory(title="Aftermath of the Baghdad bombing")
    SlideFactory(slideshow=show, photo=photo)
    for _ in range(2):
        ContentWarningFactory(
            photo=None, slideshow=show, kind=WarningKind.VIOLENCE, note="Injured people."
        )

    response = editor_client.get(reverse("admin:catalog_photo_change", args=[photo.pk]))

    html = response.content.decode()
    show_url = reverse("admin:catalog_slideshow_change", args=[show.pk])
    assert (
        '<li><span class="catalog-badge catalog-badge-warning">Violence \u00d72</span> '
        "Injured people. "
        f'<small>from the slideshow <a href="{show_url}">Aftermath of the Baghdad bombing</a>'
        "</small></li>" in html
    )
    # its own warning stays editable in the inline; the inherited ones are not in it
    warnings = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.note for form in warnings.forms] == ["A body is visible."]


def test_a_photo_in_no_warned_slideshow_says_so(editor_client):
    photo = PhotoFactory()
    SlideFactory(photo=photo)

    html = editor_client.get(
        reverse("admin:catalog_photo_change", args=[photo.pk])
    ).content.decode()

    assert "None: no slideshow it is in has a warning." in html


def test_a_slideshows_identical_notes_are_one_badge_with_a_count(editor_client):
    show = SlideshowFactory()
    ContentWarningFactory.create_batch(3, photo=None, slideshow=show, note="Blood.")
    ContentWarningFactory(photo=None, slideshow=show, note="A wounded man.")
    ContentWarningFactory(photo=None, slideshow=show, kind=WarningKind.NUDITY, note="")

    html = editor_client.get(reverse("admin:catalog_slideshow_changelist")).content.decode()

    assert (
        '<span class="catalog-badge catalog-badge-warning" '
        'title="Content warning: Blood. \u00d73; A wounded man.">Graphic content \u00d74</span>'
        in html
    )
    assert (
        '<span class="catalog-badge catalog-badge-warning" title="Content warning">Nudity</span>'
        in html
    )
