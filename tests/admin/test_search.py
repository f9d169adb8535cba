"""The admin's search box, bounded as the API's `q`: each term once, ignoring
case, the first eight, from the first 4,000 characters. Before, every term of
a pasted page added its own condition (and joins) to one query."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.admin.search import search_terms
from tests.factories import AgencyFactory, PhotoFactory, SlideshowFactory

pytestmark = pytest.mark.django_db


def test_the_terms_are_read_once_and_eight_at_most():
    assert search_terms('Kuwait kuwait "al Maliki" KUWAIT') == ["Kuwait", '"al Maliki"']
    assert search_terms(" ".join(f"t{n}" for n in range(20))) == [f"t{n}" for n in range(8)]
    assert search_terms("ab " * 100) == ["ab"]


def test_a_thousand_word_photo_search_answers_at_once(editor_client):
    photo = PhotoFactory(caption="Soldiers cross the border.")
    words = " ".join(["soldiers"] * 1000)

    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(reverse("admin:catalog_photo_changelist"), {"q": words})

    assert time.monotonic() - started < 2
    assert [row.pk for row in response.context["cl"].result_list] == [photo.pk]
    searches = [q["sql"] for q in queries.captured_queries if "catalog_photo_fts" in q["sql"]]
    searches += [q["sql"] for q in queries.captured_queries if "to_tsquery" in q["sql"]]
    assert searches
    # once each in the caption, photographer and agency conditions
    assert all(sql.count("soldiers") == 3 for sql in searches)


@pytest.mark.parametrize(
    ("changelist", "factory", "field"),
    [
        ("admin:catalog_slideshow_changelist", SlideshowFactory, "title"),
        ("admin:catalog_agency_changelist", AgencyFactory, "name"),
    ],
)
def test_django_search_takes_the_first_eight_distinct_terms(
    editor_client, changelist, factory, field
):
    record = factory(**{field: "a b c d e f g h"})
    terms = "A a " * 50 + "b c d e f g h nowhere"

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(reverse(changelist), {"q": terms})

    assert [row.pk for row in response.context["cl"].result_list] == [record.pk]
    assert "nowhere" not in " ".join(q["sql"] for q in queries.captured_queries)
