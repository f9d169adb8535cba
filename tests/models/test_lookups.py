"""The importer's SQL lookups answer what their ORM equivalents answer, on every backend."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.db.models.functions import Lower

from catalog.models import AgencyAlias, Article, Photo, Slideshow, Speaker
from catalog.models.lookups import keys_present, keys_with_owner, named_rows
from tests.factories import AgencyFactory, ArticleFactory, PhotoFactory, SlideshowFactory

pytestmark = pytest.mark.django_db


def test_keys_present_by_uid_match_the_orm():
    photos = [PhotoFactory() for _ in range(3)]
    missing = uuid.uuid4()
    asked = [photos[0].uid, missing, photos[2].uid]

    found = keys_present(Photo, "uid", asked)

    assert found == {photo.uid: photo.pk for photo in Photo.objects.filter(uid__in=asked)}
    assert found == {photos[0].uid: photos[0].pk, photos[2].uid: photos[2].pk}


@pytest.mark.parametrize("lock", [False, True])
def test_keys_present_by_slug_match_the_orm(lock):
    shows = [SlideshowFactory(title=f"Gallery {n}") for n in range(3)]
    asked = [shows[1].slug, "no-such-gallery", shows[1].slug.upper()]

    found = keys_present(Slideshow, "slug", asked, lock=lock)

    assert found == dict(Slideshow.objects.filter(slug__in=asked).values_list("slug", "pk"))
    assert found == {shows[1].slug: shows[1].pk}


def test_keys_present_of_nothing_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert keys_present(Article, "slug", []) == {}


def test_named_rows_fold_case_as_the_database_does():
    ap = AgencyFactory(name="Associated Press")
    AgencyAlias.objects.create(agency=ap, name="AP")
    AgencyAlias.objects.create(agency=ap, name="Émile Presse")
    Speaker.objects.create(name="Jane Doe", role="anchor")
    names = ["ap", "ASSOCIATED PRESS", "émile presse", "Nobody"]

    found = sorted(named_rows(AgencyAlias, names, ("name", "agency_id")))

    expected = sorted(
        AgencyAlias.objects.annotate(folded=Lower("name"))
        .filter(folded__in=[Lower(Value(name)) for name in names])
        .values_list("name", "agency_id")
    )
    assert found == expected
    assert ("AP", ap.pk) in found
    assert ("Associated Press", ap.pk) in found
    assert named_rows(Speaker, ["JANE DOE"], ("name", "role")) == [("Jane Doe", "anchor")]
    assert named_rows(Speaker, [], ("name",)) == []


def test_article_slug_lookup_is_exact():
    article = ArticleFactory(slug="kuwait-2011")
    assert keys_present(Article, "slug", ["kuwait-2011"]) == {"kuwait-2011": article.pk}
    assert keys_present(Article, "slug", ["Kuwait-2011"]) == {}


def test_a_key_in_any_spelling_the_field_accepts_is_found_under_that_spelling():
    photo = PhotoFactory()
    for spelling in (str(photo.uid), photo.uid.hex, str(photo.uid).upper()):
        found = keys_present(Photo, "uid", [spelling])
        assert found == {spelling: Photo.objects.get(uid=spelling).pk}
    with pytest.raises(ValidationError):
        keys_present(Photo, "uid", ["not-a-uuid"])


@pytest.mark.parametrize("lock", [False, True])
def test_keys_with_owner_give_the_importing_article_as_the_orm_does(lock):
    article = ArticleFactory()
    mine, editors = PhotoFactory(article=article), PhotoFactory(article=None)
    asked = [mine.uid, editors.uid, uuid.uuid4()]

    found = keys_with_owner(Photo, "uid", asked, lock=lock)

    assert found == {
        uid: (pk, owner)
        for uid, pk, owner in Photo.objects.filter(uid__in=asked).values_list(
            "uid", "pk", "article"
        )
    }
    assert found == {mine.uid: (mine.pk, article.pk), editors.uid: (editors.pk, None)}
