"""Every representation is declared once (catalog/api/representations.py).

What the API answers, through its fast paths (rows read by key and rendered
by plans, batched parts filled per page), must equal what DRF makes of the
same declaration field by field from model instances read through the
ORM's QuerySet methods, for anyone and for staff, on varied records.
"""

import json
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from catalog.api import representations
from catalog.api.declaring import Representation
from catalog.models import (
    Agency,
    Article,
    Lease,
    LeaseAccess,
    Photo,
    Photographer,
    PhotographerAlias,
    Rendition,
    Slideshow,
    Video,
    WarningKind,
)
from tests.api.conftest import results
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    SlideshowFactory,
    SpeakerFactory,
    TranscriptTurnFactory,
    VideoFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    """Photos with and without each party, file, renditions, article, alt
    text and rights (a lease with a note, an embargo, restrictions);
    slideshows with and without a cover or slides, sharing a photo; warnings
    on photos and on a slideshow; parties with aliases."""
    article = ArticleFactory()
    PhotoFactory(photographer=None, agency=None, credit_text="", caption="", title="Untitled")
    PhotoFactory(photographer=None, credit_role="handout", credit_text="Handout / AP")
    getty = AgencyFactory(name="Getty Images")
    filed = PhotoFactory(
        distributor=getty,
        article=article,
        source_line=12,
        alt_text="Two soldiers under an umbrella beside a tank.",
        image="photos/ab/cd.jpg",
        image_name="Kuwait é.jpg",
        image_width=640,
        image_height=480,
        image_format="JPEG",
        image_size=123_456,
        image_sha256="f" * 64,
        embedded={"creator": "Jane Doe", "caption": "Soldiers ☂"},
        credit_conflict=True,
    )
    for spec, width in (("web", 640), ("thumbnail", 200)):
        Rendition.objects.create(
            photo=filed, spec=spec, file=f"renditions/{spec}.jpg", width=width, height=width
        )
    only_web = PhotoFactory(image="photos/ef/gh.png", image_sha256="e" * 64, image_format="PNG")
    Rendition.objects.create(photo=only_web, spec="web", file="renditions/w.png", width=9, height=9)
    covered = SlideshowFactory(title="B gallery", cover=filed, article=article, heading="World")
    bare = SlideshowFactory(title="A gallery", declared_count=None)
    SlideshowFactory(title="C gallery", cover=only_web, declared_count=0)
    shared = PhotoFactory()
    SlideFactory(slideshow=covered, photo=shared, position=2, caption="As this gallery put it")
    SlideFactory(slideshow=covered, photo=filed, position=1)
    SlideFactory(slideshow=covered, photo=only_web, position=3)
    SlideFactory(slideshow=bare, photo=PhotoFactory(), position=1)
    SlideFactory(slideshow=bare, photo=filed, position=2)
    SlideFactory(slideshow=bare, photo=shared, position=3)  # in title order, not by position
    ContentWarningFactory(photo=filed, kind=WarningKind.VIOLENCE, note="Blood.")
    ContentWarningFactory(photo=None, slideshow=covered, note="Graphic images.")
    ContentWarningFactory(photo=None, slideshow=bare, kind=WarningKind.DEATH)
    ContentWarningFactory(photo=shared)
    Lease.objects.create(photo=filed, access=LeaseAccess.DENY, note="The family asked.")
    Lease.objects.create(
        photo=shared, access=LeaseAccess.ALLOW, ends_at=datetime(2099, 1, 1, tzinfo=UTC)
    )
    only_web.rights_restrictions = "Not for social media."
    only_web.embargo_until = datetime(2099, 1, 1, 12, tzinfo=UTC)
    only_web.save()
    PhotographerAlias.objects.create(photographer=shared.photographer, name="J. Doe")
    getty.aliases.create(name="Getty")
    PhotographerFactory()  # no photos
    article.lead_photo = filed
    article.updated_at = datetime(2010, 8, 19, 6, 30, tzinfo=UTC)
    article.source_agency = getty
    article.body = [{"type": "paragraph", "text": "Troops left.", "line": 3}]
    article.save()
    ArticleFactory(headline="Without photos")
    video = VideoFactory(article=article)
    TranscriptTurnFactory(video=video, speaker=SpeakerFactory(), position=1)
    TranscriptTurnFactory(video=video, speaker=None, speaker_label="VOICE", position=2)
    VideoFactory()  # no turns, no article


def declared(representation, records, user) -> list[dict]:
    """What DRF makes of the declaration, field by field, as JSON."""
    request = APIRequestFactory().get("/")
    request.user = user
    context = {"request": request, "field_by_field": True}
    data = representation(records, many=True, context=context).data
    return json.loads(json.dumps(data))


# Each representation the API serves from its own path, with the URL that
# serves it and the QuerySet the admin and models offer for the same records.
SERVED = {
    "photo list": (
        representations.PhotoSerializer,
        "/api/photos/?page_size=100",
        lambda: Photo.objects.with_listing().select_related("article").order_by("-id"),
    ),
    "slideshow list": (
        representations.SlideshowSerializer,
        "/api/slideshows/",
        lambda: (
            Slideshow.objects.with_slide_count()
            .select_related("article", "cover__photographer", "cover__agency", "cover__distributor")
            .prefetch_related("warnings", "cover__warnings", "cover__renditions")
            .order_by("title")
        ),
    ),
    "photographer list": (
        representations.PhotographerSerializer,
        "/api/photographers/?page_size=100",
        lambda: (
            Photographer.objects.with_photo_count()
            .with_agencies()
            .prefetch_related("aliases")
            .order_by("name")
        ),
    ),
    "agency list": (
        representations.AgencySerializer,
        "/api/agencies/?page_size=100",
        lambda: Agency.objects.with_photo_count().prefetch_related("aliases").order_by("name"),
    ),
    "video list": (
        representations.VideoSerializer,
        "/api/videos/",
        lambda: (
            Video.objects.select_related("article")
            .prefetch_related("turns__speaker")
            .order_by("id")
        ),
    ),
    "article list": (
        representations.ArticleSerializer,
        "/api/articles/",
        lambda: (
            Article.objects.select_related("source_agency", "lead_photo")
            .prefetch_related("slideshows", "videos")
            .order_by("slug")
        ),
    ),
}


def slideshow_details():
    return (
        Slideshow.objects.with_slide_count()
        .with_slides()
        .select_related("article", "cover__photographer", "cover__agency", "cover__distributor")
        .prefetch_related("cover__warnings", "cover__renditions", "slides__photo__renditions")
        .order_by("title")
    )


@pytest.fixture(params=["anonymous", "staff"])
def client_and_user(request, api, staff_api, staff):
    return (api, AnonymousUser()) if request.param == "anonymous" else (staff_api, staff)


@pytest.mark.parametrize("served", SERVED)
def test_lists_answer_as_declared(catalog, client_and_user, served):
    client, user = client_and_user
    representation, url, records = SERVED[served]
    answered = results(client.get(url))
    assert len(answered) >= 2
    assert answered == declared(representation, records(), user)


def test_details_answer_as_declared(catalog, client_and_user):
    client, user = client_and_user
    for photo in Photo.objects.with_listing().select_related("article"):
        answered = client.get(f"/api/photos/{photo.uid}/").json()
        assert answered == declared(representations.PhotoSerializer, [photo], user)[0]
    for show in slideshow_details():
        answered = client.get(f"/api/slideshows/{show.slug}/").json()
        assert answered == declared(representations.SlideshowDetailSerializer, [show], user)[0]
    for article in Article.objects.select_related("source_agency", "lead_photo"):
        answered = client.get(f"/api/articles/{article.slug}/").json()
        assert answered == declared(representations.ArticleDetailSerializer, [article], user)[0]


def test_the_cases_vary_what_a_representation_shows(catalog, api):
    photos = results(api.get("/api/photos/?page_size=100"))
    assert {photo["image"] is None for photo in photos} == {True, False}
    assert {photo["credit"]["distributor"] is None for photo in photos} == {True, False}
    assert {photo["credit"]["photographer"] is None for photo in photos} == {True, False}
    assert {photo["alt_text"] for photo in photos} > {""}
    assert {w["scope"] for photo in photos for w in photo["warnings"]} == {"photo", "slideshow"}
    renditions = [photo["image"]["renditions"] for photo in photos if photo["image"]]
    assert sorted(r["thumbnail"] is None for r in renditions) == [False, True]


def test_every_representation_is_held_to_its_declaration():
    """Each Representation declared is served at the root of a case above or
    nested in one, so a new representation cannot escape the comparison."""
    roots = [representation for representation, _, _ in SERVED.values()]
    roots += [representations.SlideshowDetailSerializer, representations.ArticleDetailSerializer]
    reached = set()

    def walk(serializer):
        reached.add(type(serializer))
        for field in serializer.fields.values():
            child = getattr(field, "child", field)
            if isinstance(child, Representation):
                walk(child)

    for root in roots:
        walk(root())
    declared_here = {
        value
        for value in vars(representations).values()
        if isinstance(value, type) and issubclass(value, Representation)
    }
    assert declared_here - {Representation} <= reached
