"""Full-text search over titles and captions: the same answers on both databases."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Photo
from catalog.search import query_words
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def found(text: str) -> set[int]:
    return set(Photo.objects.search(text).values_list("pk", flat=True))


def containing(*words: str) -> set[int]:
    """The same question answered by reading every photo."""
    return {
        photo.pk
        for photo in Photo.objects.all()
        if all(re.search(rf"\b{word}", f"{photo.title} {photo.caption}", re.I) for word in words)
    }


def test_every_word_must_begin_a_word_of_the_caption_or_title(imported_seed):
    assert found("soldier kuwait") == containing("soldier", "kuwait")
    assert len(found("soldier kuwait")) == 2
    assert found("STRYKER border") == containing("stryker", "border")
    assert len(found("stryker")) == 5


def test_title_words_count(imported_seed):
    assert found("nouri al-maliki") == {imported_seed.lead_photo_id}
    assert found("maliki") == {imported_seed.lead_photo_id}


def test_prefixes_match_but_not_inner_parts(imported_seed):
    assert found("helicop") == containing("helicop")
    assert found("elicopter") == set()


def test_the_index_follows_edits_and_deletions(db):
    photo = PhotoFactory(caption="A quiet harbour at dawn.")
    assert found("harbour") == {photo.pk}

    photo.caption = "A busy market at noon."
    photo.save()
    assert found("harbour") == set()
    assert found("market noon") == {photo.pk}

    photo.delete()
    assert found("market") == set()


@pytest.mark.parametrize("text", ['"', "*", "&|!", "()", ":", "' OR 1=1 --", "—", "   "])
def test_punctuation_and_query_syntax_are_harmless(imported_seed, text):
    assert found(text) == set()


def test_quotes_inside_words(imported_seed):
    assert found('army"s') == found("army s")


def test_a_count_agrees_with_the_rows_alone_or_with_other_filters(imported_seed):
    searched = Photo.objects.search("soldier")
    assert searched.count() == len(list(Photo.objects.search("soldier")))
    assert searched.count() == len(containing("soldier")) == 11

    with_agency = searched.filter(agency__slug="ap")
    assert with_agency.count() == len(list(with_agency))
    assert Photo.objects.search("soldier").exclude(agency__slug="ap").count() == 11 - len(
        list(with_agency)
    )


def test_search_works_inside_a_subquery(imported_seed):
    inner = Photo.objects.search("stryker").values("pk")
    assert set(Photo.objects.filter(pk__in=inner).values_list("pk", flat=True)) == found("stryker")


def test_every_migration_leaves_the_index_in_place(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {name for (name,) in cursor.fetchall()}
            assert {f"catalog_photo_fts_{event}" for event in ("insert", "delete", "update")} <= (
                triggers
            )
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'catalog_photo'")
            assert "catalog_photo_search" in {name for (name,) in cursor.fetchall()}


# -- what a query may cost ----------------------------------------------------------


def test_words_are_read_once_ignoring_case_and_only_the_first_eight():
    assert query_words("Kuwait kuwait KUWAIT border") == ["kuwait", "border"]
    assert query_words(" ".join(f"w{n}" for n in range(20))) == [f"w{n}" for n in range(8)]
    assert query_words("s " * 1000) == ["s"]


def test_text_past_the_length_limit_is_not_read_nor_a_word_cut_by_it():
    assert query_words("a" * 3999 + " tail") == ["a" * 3999]
    assert query_words("a" * 3996 + " soldiers") == ["a" * 3996]  # not "sol"
    assert query_words("a" * 3991 + " soldiers") == ["a" * 3991, "soldiers"]


def test_short_words_must_be_whole_words(db):
    """Before, every word was a prefix: `s` matched nearly every caption."""
    whole = PhotoFactory(caption="Troops of the US army at the border.")
    longer = PhotoFactory(caption="Usually quiet streets.")

    assert found("us") == {whole.pk}
    assert found("usu") == {longer.pk}
    assert found("u") == set()


def test_the_sql_holds_at_most_eight_terms_however_many_words_are_asked(db):
    """Before, 1,000 words made 1,000 prefix terms (118 s on 300k SQLite rows)."""
    PhotoFactory(caption="alpha beta")
    text = "s S " * 20 + " ".join(f"word{n}" for n in range(30))
    with CaptureQueriesContext(connection) as queries:
        list(Photo.objects.search(text))

    (query,) = queries.captured_queries
    assert query["sql"].count("word") == 7  # "s" and the first seven distinct others
    assert "word6" in query["sql"]
    assert "word7" not in query["sql"]
