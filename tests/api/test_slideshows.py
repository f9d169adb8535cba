"""/api/slideshows/: contents in order, counts, filters."""

import pytest

from catalog.models import Slideshow
from tests.api.conftest import results
from tests.factories import ContentWarningFactory, SlideFactory, slideshow_with_slides

pytestmark = pytest.mark.django_db

DRAWDOWN_2010 = "/api/slideshows/us-troops-leave-iraq-2010-drawdown/"


def test_slides_in_position_order_with_caption_credit_and_warnings(api, imported_seed):
    body = api.get(DRAWDOWN_2010).json()

    assert [slide["position"] for slide in body["slides"]] == list(range(1, 17))
    assert (body["declared_count"], body["present_count"], body["incomplete"]) == (16, 16, False)
    seventh = body["slides"][6]
    assert seventh["caption"].startswith("A member of the U.S. Army's 4th Stryker Brigade")
    assert seventh["caption_source"] == "photo"
    assert seventh["photo"]["credit"]["line"] == (
        "Moises Saman / The New York Times via Redux Pictures"
    )
    assert seventh["photo"]["credit"]["distributor"]["slug"] == "redux-pictures"
    assert [w["kind"] for w in body["warnings"]] == ["graphic"] * 4
    assert body["cover"]["credit"]["line"] == "Maya Alleruzzo / AP"


def test_order_follows_positions_not_insertion(api, db):
    show = slideshow_with_slides(3)
    first, second, third = show.slides.order_by("position")
    first.position, third.position = 10, 1
    first.save()
    third.save()

    body = api.get(f"/api/slideshows/{show.slug}/").json()

    assert [s["photo"]["id"] for s in body["slides"]] == [
        str(third.photo.uid),
        str(second.photo.uid),
        str(first.photo.uid),
    ]


def test_slide_caption_overrides_the_photo_caption(api, db):
    slide = SlideFactory(caption="As this gallery printed it.")

    body = api.get(f"/api/slideshows/{slide.slideshow.slug}/").json()

    assert body["slides"][0]["caption"] == "As this gallery printed it."
    assert body["slides"][0]["caption_source"] == "slide"
    assert body["slides"][0]["photo"]["caption"] == slide.photo.caption


def test_missing_slides_show_as_incomplete(api, imported_seed):
    body = api.get("/api/slideshows/us-troops-leave-iraq-2011-drawdown/").json()

    assert (body["declared_count"], body["present_count"], body["incomplete"]) == (5, 0, True)
    assert body["slides"] == []
    assert body["cover"]["credit"]["line"] == "Khalid Mohammed / AP"


def slugs(response) -> list[str]:
    return sorted(show["slug"] for show in results(response))


def test_list_filters(api, imported_seed):
    other = slideshow_with_slides(2, title="Storm damage")
    ContentWarningFactory(photo=other.slides.first().photo)
    both = sorted(["us-troops-leave-iraq-2010-drawdown", "us-troops-leave-iraq-2011-drawdown"])

    assert slugs(api.get("/api/slideshows/", {"q": "iraq drawdown"})) == both
    assert slugs(api.get("/api/slideshows/", {"photographer": "holly-pickett"})) == [both[0]]
    assert slugs(api.get("/api/slideshows/", {"agency": "getty images"})) == [both[0]]
    assert slugs(api.get("/api/slideshows/", {"has_warnings": "true"})) == sorted(
        [both[0], "storm-damage"]
    )
    assert slugs(api.get("/api/slideshows/", {"has_warnings": "false"})) == [both[1]]
    assert slugs(api.get("/api/slideshows/", {"incomplete": "true"})) == [both[1]]
    assert slugs(api.get("/api/slideshows/", {"incomplete": "false"})) == sorted(
        [both[0], "storm-damage"]
    )
    assert slugs(
        api.get("/api/slideshows/", {"incomplete": "false", "photographer": "maya-alleruzzo"})
    ) == [both[0]]


def test_list_shows_counts_without_slides(api, imported_seed):
    shows = {s["slug"]: s for s in results(api.get("/api/slideshows/"))}
    assert shows["us-troops-leave-iraq-2011-drawdown"]["present_count"] == 0
    assert shows["us-troops-leave-iraq-2010-drawdown"]["present_count"] == 16
    assert all("slides" not in show for show in shows.values())


def test_unknown_slideshow_is_404(api, db):
    assert api.get("/api/slideshows/nope/").status_code == 404
    assert Slideshow.objects.count() == 0
