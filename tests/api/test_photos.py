"""/api/photos/: every filter alone and combined, facets, pagination, errors."""

import pytest

from catalog.api.views import PhotoViewSet
from catalog.models import ContentWarning, Photo, WarningKind
from tests.api.conftest import results
from tests.factories import ContentWarningFactory, PhotoFactory

pytestmark = pytest.mark.django_db

ALL = {"page_size": 100}


def ids(response) -> set[str]:
    return {photo["id"] for photo in results(response)}


def uids(queryset) -> set[str]:
    return {str(uid) for uid in queryset.values_list("uid", flat=True)}


def test_photo_shows_its_credit_structured(api, imported_seed):
    seventh = Photo.objects.get(credit_text__startswith="Moises Saman")

    body = api.get(f"/api/photos/{seventh.uid}/").json()

    assert body["credit"] == {
        "photographer": {"slug": "moises-saman", "name": "Moises Saman"},
        "agency": {"slug": "the-new-york-times", "name": "The New York Times"},
        "distributor": {"slug": "redux-pictures", "name": "Redux Pictures"},
        "role": "",
        "text": "Moises Saman / The New York Times via Redux Pictures",
        "line": "Moises Saman / The New York Times via Redux Pictures",
    }
    assert body["slideshows"][0]["slug"] == "us-troops-leave-iraq-2010-drawdown"
    assert body["slideshows"][0]["position"] == 7
    assert {w["scope"] for w in body["warnings"]} == {"slideshow"}
    assert body["article"] == imported_seed.slug
    assert body["source_line"] == 68


def test_by_photographer(api, imported_seed):
    response = api.get("/api/photos/", {"photographer": "maya-alleruzzo", **ALL})
    assert ids(response) == uids(Photo.objects.filter(photographer__slug="maya-alleruzzo"))
    assert response.json()["count"] == 15


@pytest.mark.parametrize(
    "spelling",
    ["ap", "associated-press", "ASSOCIATED PRESS", "The Associated Press", "the-associated-press"],
)
def test_by_agency_slug_or_any_alias(api, imported_seed, spelling):
    response = api.get("/api/photos/", {"agency": spelling, **ALL})
    assert ids(response) == uids(Photo.objects.filter(agency__slug="ap"))
    assert len(ids(response)) == 17


def test_by_distributor(api, imported_seed):
    response = api.get("/api/photos/", {"distributor": "redux-pictures"})
    assert [p["credit"]["photographer"]["name"] for p in results(response)] == ["Moises Saman"]


def test_by_slideshow(api, imported_seed):
    response = api.get("/api/photos/", {"slideshow": "us-troops-leave-iraq-2010-drawdown", **ALL})
    assert len(ids(response)) == 16


def test_by_article(api, imported_seed):
    PhotoFactory()  # not from the article
    response = api.get("/api/photos/", {"article": imported_seed.slug, **ALL})
    assert len(ids(response)) == 20


def test_by_warning_on_the_photo_or_its_slideshow(api, imported_seed):
    lone = PhotoFactory()
    ContentWarningFactory(photo=lone, kind=WarningKind.NUDITY)

    graphic = ids(api.get("/api/photos/", {"warning": "graphic", **ALL}))
    nudity = ids(api.get("/api/photos/", {"warning": "nudity", **ALL}))
    warned = ids(api.get("/api/photos/", {"has_warnings": "true", **ALL}))
    unwarned = ids(api.get("/api/photos/", {"has_warnings": "false", **ALL}))

    assert graphic == uids(Photo.objects.filter(slides__slideshow__warnings__kind="graphic"))
    assert len(graphic) == 16
    assert nudity == {str(lone.uid)}
    assert warned == graphic | nudity
    assert unwarned == uids(Photo.objects.all()) - warned


def test_exclude_warnings_gives_a_clean_feed(api, imported_seed):
    violent = PhotoFactory()
    ContentWarningFactory(photo=violent, kind=WarningKind.VIOLENCE)
    everything = uids(Photo.objects.all())
    graphic = ids(api.get("/api/photos/", {"warning": "graphic", **ALL}))

    no_graphic = ids(api.get("/api/photos/", {"exclude_warnings": "graphic", **ALL}))
    neither = ids(api.get("/api/photos/", {"exclude_warnings": "graphic,violence", **ALL}))
    none_at_all = ids(api.get("/api/photos/", {"exclude_warnings": "all", **ALL}))

    assert no_graphic == everything - graphic
    assert neither == everything - graphic - {str(violent.uid)}
    assert none_at_all == neither


def test_text_search_over_caption_and_title(api, imported_seed):
    by_caption = ids(api.get("/api/photos/", {"q": "stryker border"}))
    by_title = ids(api.get("/api/photos/", {"q": "al-maliki nouri"}))

    expected = Photo.objects.filter(caption__icontains="stryker").filter(
        caption__icontains="border"
    )
    assert by_caption == uids(expected)
    assert len(by_caption) == 3
    assert by_title == {str(imported_seed.lead_photo.uid)}


def test_filters_compose(api, imported_seed):
    response = api.get(
        "/api/photos/",
        {
            "agency": "associated-press",
            "slideshow": "us-troops-leave-iraq-2010-drawdown",
            "photographer": "maya-alleruzzo",
            "q": "soldiers",
            "warning": "graphic",
            **ALL,
        },
    )
    expected = (
        Photo.objects.filter(agency__slug="ap", photographer__slug="maya-alleruzzo")
        .filter(slides__slideshow__slug="us-troops-leave-iraq-2010-drawdown")
        .filter(caption__icontains="soldiers")
    )
    assert ids(response) == uids(expected)
    assert len(ids(response)) == 6
    excluded = ids(api.get("/api/photos/", {"agency": "ap", "exclude_warnings": "graphic", **ALL}))
    assert excluded == uids(Photo.objects.filter(agency__slug="ap", slides__isnull=True))


def test_facets_agree_with_filtered_counts(api, imported_seed):
    ContentWarningFactory(photo=imported_seed.lead_photo, kind=WarningKind.VIOLENCE)
    params = {
        "slideshow": "us-troops-leave-iraq-2010-drawdown",
        "facet": "agency,photographer,warning",
    }

    body = api.get("/api/photos/", params).json()

    facets = body["facets"]
    for name, param in (
        ("agency", "agency"),
        ("photographer", "photographer"),
        ("warning", "warning"),
    ):
        assert sum(v["count"] for v in facets[name]["values"]) >= 1
        for value in facets[name]["values"]:
            filtered = api.get("/api/photos/", {**params, param: value["value"]}).json()
            assert filtered["count"] == value["count"], (name, value)
    assert {v["value"]: v["count"] for v in facets["agency"]["values"]} == {
        "ap": 13,
        "the-new-york-times": 1,
        "redux-pictures": 1,
        "getty-images": 1,
    }
    assert facets["warning"]["values"] == [
        {"value": "graphic", "label": "Graphic content", "count": 16}
    ]
    assert body["count"] == 16


def test_no_facets_unless_asked(api, imported_seed):
    assert "facets" not in api.get("/api/photos/").json()


def test_ordering(api, imported_seed):
    by_photographer = results(api.get("/api/photos/", {"ordering": "photographer", **ALL}))
    names = [
        p["credit"]["photographer"]["name"] for p in by_photographer if p["credit"]["photographer"]
    ]
    assert names == sorted(names)
    newest_first = results(api.get("/api/photos/", {"ordering": "-id", **ALL}))
    assert newest_first[0]["id"] == str(Photo.objects.order_by("-id").first().uid)


def test_page_size_is_bounded(api, settings, imported_seed):
    settings.API_MAX_PAGE_SIZE = 5
    too_many = api.get("/api/photos/", {"page_size": 6})
    assert too_many.status_code == 400
    assert too_many.json()["errors"] == {"page_size": ["Must be a whole number from 1 to 5."]}
    body = api.get("/api/photos/", {"page_size": 5}).json()
    assert len(body["results"]) == 5
    assert body["count"] == 20
    second = api.get("/api/photos/", {"page_size": 5, "page": 2}).json()
    assert {p["id"] for p in second["results"]}.isdisjoint({p["id"] for p in body["results"]})


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"photographer": "nobody"}, "photographer", "No photographer has the slug 'nobody'."),
        ({"agency": "nope"}, "agency", "No agency is called 'nope'."),
        ({"photographer": "a\x00b"}, "photographer", "Null characters are not allowed."),
        ({"slideshow": "nope"}, "slideshow", "No slideshow has the slug 'nope'."),
        ({"article": "nope"}, "article", "No article has the slug 'nope'."),
        ({"warning": "gory"}, "warning", "Select a valid choice"),
        ({"exclude_warnings": "gory"}, "exclude_warnings", "Unknown warning kind 'gory'"),
        ({"has_warnings": "perhaps"}, "has_warnings", "Must be true or false."),
        ({"ordering": "caption"}, "ordering", "Select a valid choice"),
        ({"facet": "colour"}, "facet", "Unknown facet 'colour'"),
        ({"page_size": "many"}, "page_size", "whole number"),
        ({"page_size": "0"}, "page_size", "whole number"),
    ],
)
def test_bad_filter_values_are_400_saying_what_was_wrong(
    api, imported_seed, params, field, message
):
    response = api.get("/api/photos/", params)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid request; see errors."
    assert message in " ".join(body["errors"][field])


@pytest.mark.parametrize(
    ("page", "status", "message"),
    [
        ("99", 404, "Past the last page, 1."),
        ("zero", 400, "Must be a whole number from 1, or `last`."),
        ("-1", 400, "Must be a whole number from 1, or `last`."),
    ],
)
def test_bad_page_is_an_error_saying_why(api, imported_seed, page, status, message):
    response = api.get("/api/photos/", {"page": page})
    assert response.status_code == status
    assert response.json()["errors"] == {"page": [message]}


@pytest.mark.parametrize("key", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_unknown_photo_is_404_json(api, db, key):
    response = api.get(f"/api/photos/{key}/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_photo_deleted_between_lookup_and_read_is_404(api, db, monkeypatch):
    photo = PhotoFactory()
    found = PhotoViewSet.rows

    def deleted_meanwhile(view, ids):
        Photo.objects.filter(pk__in=ids).delete()
        return found(view, ids)

    monkeypatch.setattr(PhotoViewSet, "rows", deleted_meanwhile)
    response = api.get(f"/api/photos/{photo.uid}/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_content_warning_count_matches_the_seed(imported_seed):
    assert ContentWarning.objects.count() == 4
