""" "View site" opens the front page; a record's "View on site" opens its API
detail, or is not offered where the API has none."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideshowFactory,
    SpeakerFactory,
    VideoFactory,
)

pytestmark = pytest.mark.django_db


def test_view_site_is_the_front_page(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert '<a href="/">View site</a>' in html


@pytest.mark.parametrize(
    ("factory", "api_url"),
    [
        (PhotoFactory, lambda photo: f"/api/photos/{photo.uid}/"),
        (SlideshowFactory, lambda slideshow: f"/api/slideshows/{slideshow.slug}/"),
        (PhotographerFactory, lambda photographer: f"/api/photographers/{photographer.slug}/"),
        (AgencyFactory, lambda agency: f"/api/agencies/{agency.slug}/"),
        (ArticleFactory, lambda article: f"/api/articles/{article.slug}/"),
        (VideoFactory, lambda video: f"/api/videos/{video.uid}/"),
    ],
)
def test_view_on_site_opens_the_api_detail(editor_client, factory, api_url):
    record = factory()
    opts = record._meta
    change_page = reverse(f"admin:catalog_{opts.model_name}_change", args=[record.pk])

    html = editor_client.get(change_page).content.decode()
    content_type = ContentType.objects.get_for_model(record)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, record.pk])
    assert f'<a href="{view_on_site}" class="viewsitelink">View on site</a>' in html

    landed = editor_client.get(view_on_site, follow=True)
    assert landed.redirect_chain[-1][0] == f"http://testserver{api_url(record)}"
    assert landed.status_code == 200
    assert landed["Content-Type"] == "application/json"


def test_view_on_site_is_not_offered_without_an_api_detail(editor_client):
    speaker = SpeakerFactory()

    response = editor_client.get(reverse("admin:catalog_speaker_change", args=[speaker.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert speaker.name in html
    assert "viewsitelink" not in html
    assert "View on site" not in html
