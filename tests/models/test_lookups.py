"""The importer's SQL lookups answer what their ORM equivalents answer, on every backend."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.test.utils import CaptureQueriesContext

from catalog.models import AgencyAlias, Article, ContentWarning, Photo, Slideshow, Speaker
from catalog.models.lookups import (
    KeyedQuery,
    keys_present,
    keys_with_owner,
    named_rows,
    values_looked_up,
)
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    ContentWarningFactory,
    PhotoFactory,
    SlideshowFactory,
)

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


COLUMNS = ("id", "uid", "title", "embedded", "credit_conflict", "created_at", "agency__slug")
photos_by_id = KeyedQuery(lambda ids: Photo.objects.filter(pk__in=ids).values(*COLUMNS))


@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 9])
def test_a_keyed_query_answers_what_its_queryset_answers(count):
    """Compiled once per number of keys (rounded up), run with the keys asked."""
    photos = [
        PhotoFactory(agency=None if n % 2 else AgencyFactory(), credit_text="") for n in range(9)
    ]
    PhotoFactory(embedded={"creator": "Jane Doe"}, credit_conflict=True)
    asked = [photo.pk for photo in photos[:count]] + [10_000_000]  # one that is not there

    for _ in range(2):  # compiled, then reused
        found = photos_by_id(asked)
        assert found == list(Photo.objects.filter(pk__in=asked).values(*COLUMNS))
        assert len(found) == count


def test_a_keyed_query_takes_several_lists_and_empty_ones(django_assert_num_queries):
    warnings_of = KeyedQuery(
        lambda photo_ids, slideshow_ids: (
            ContentWarning.objects.filter(
                Q(photo_id__in=photo_ids) | Q(slideshow_id__in=slideshow_ids)
            )
            .order_by("id")
            .values("uid", "photo_id", "slideshow__slug")
        )
    )
    on_photo = ContentWarningFactory()
    on_show = ContentWarningFactory(photo=None, slideshow=SlideshowFactory())

    assert [w["uid"] for w in warnings_of([on_photo.photo_id], [on_show.slideshow_id])] == [
        on_photo.uid,
        on_show.uid,
    ]
    assert warnings_of([], [on_show.slideshow_id]) == [
        {"uid": on_show.uid, "photo_id": None, "slideshow__slug": on_show.slideshow.slug}
    ]
    with django_assert_num_queries(0):
        assert warnings_of([], []) == []


def test_a_keyed_query_at_a_time_puts_in_that_time_and_those_derived_from_it():
    """`times` names each time the SQL compares with; a call puts in its own."""
    photos = [PhotoFactory(embargo_until=datetime(2026, 3, day, tzinfo=UTC)) for day in (2, 9)]
    ids = [photo.pk for photo in photos]

    def a_week_on(at):
        return (at, at + timedelta(days=7))

    embargoed = KeyedQuery(
        lambda ids, at: (
            Photo.objects.filter(pk__in=ids, embargo_until__gt=at)
            .exclude(embargo_until__gt=at + timedelta(days=7))
            .order_by("id")
            .values("id")
        ),
        times=a_week_on,
    )
    for day, expected in ((1, [photos[0].pk]), (3, [photos[1].pk]), (10, [])):
        at = datetime(2026, 3, day, tzinfo=UTC)
        assert [row["id"] for row in embargoed(ids, at=at)] == expected
    with pytest.raises(TypeError, match="at="):
        embargoed(ids)


@pytest.mark.postgresql
def test_a_keyed_query_is_prepared_on_postgresql_and_still_logged_with_its_values():
    """Planned once, not on each call; the query log still shows each call's SQL."""
    photo = PhotoFactory()
    for _ in range(7):
        with CaptureQueriesContext(connection) as logged:
            assert photos_by_id([photo.pk])[0]["uid"] == photo.uid
        assert f'"catalog_photo"."id" IN ({photo.pk})' in logged[0]["sql"]

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [sql for (sql,) in cursor.fetchall()]
    assert [sql for sql in prepared if '"catalog_photo"."id" IN ($1)' in sql]


def test_values_looked_up_answer_as_values_with_joins():
    """Related columns read by subquery, nulls where there is no related record."""
    PhotoFactory(agency=AgencyFactory(name="Agence X"), photographer=None, credit_text="X")
    PhotoFactory(agency=None, credit_text="")
    columns = ("id", "caption", "agency__name", "agency__slug", "photographer__name")
    queryset = Photo.objects.order_by("id")

    assert list(values_looked_up(queryset, *columns)) == list(queryset.values(*columns))
    sql = str(values_looked_up(queryset, *columns).query)
    assert "JOIN" not in sql
