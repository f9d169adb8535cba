"""Parallel writers on PostgreSQL: importers racing each other, editors reordering at once.

Each thread has its own database connection, so these are real concurrent
transactions; the data is committed (transactional tests).
"""

import threading

import pytest
from django.db import connection

from catalog.importers.batch import import_article
from catalog.models import (
    Agency,
    AgencyAlias,
    Article,
    ContentWarning,
    Photo,
    Photographer,
    Slide,
    Slideshow,
    Speaker,
    TranscriptTurn,
)
from catalog.services import OrderConflict, reorder_slides
from tests.conftest import SEED
from tests.factories import slideshow_with_slides

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def in_parallel(*calls):
    """Run the calls at the same moment, each in a thread with its own connection."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # reported to the test below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_importers_racing_on_the_same_and_overlapping_articles():
    seed = SEED.read_bytes()
    other_spelling = seed.replace(b"Maya Alleruzzo", b"Jane Roe").replace(
        b"Karim Kadim \xc2\xa0/\xc2\xa0 AP", b"Karim Kadim \xc2\xa0/\xc2\xa0 The Associated Press"
    )
    files = [
        ("000_2157919fdd26dcba.txt", seed),
        ("000_2157919fdd26dcba.txt", seed),
        ("001_same_slideshows.txt", seed),
        ("001_same_slideshows.txt", seed),
        ("002_other_spelling.txt", other_spelling),
        ("002_other_spelling.txt", other_spelling),
    ]

    outcomes = in_parallel(*(lambda f=f: import_article(*f) for f in files))

    assert [getattr(o, "error", o) for o in outcomes] == [None] * len(files)
    assert Article.objects.count() == 3
    assert Agency.objects.count() == 4
    assert AgencyAlias.objects.filter(agency__name="AP").count() == 3
    assert Photographer.objects.count() == 7
    assert Speaker.objects.count() == 3
    # Each article has its own lead and inline photos; the slideshows, their
    # slides, covers and warnings are shared.
    assert Photo.objects.count() == 16 + 2 + 3 * 2
    assert Slideshow.objects.count() == 2
    assert ContentWarning.objects.count() == 4
    assert TranscriptTurn.objects.count() == 3 * 6
    show = Slideshow.objects.get(slug="us-troops-leave-iraq-2010-drawdown")
    assert list(show.slides.values_list("position", flat=True)) == list(range(1, 17))
    assert Slide.objects.count() == 16


def test_the_same_article_imported_many_times_at_once_is_saved_once():
    outcomes = in_parallel(
        *(lambda: import_article(SEED.name, SEED.read_bytes()) for _ in range(4))
    )

    assert [o.error for o in outcomes] == [None] * 4
    assert sorted(o.state for o in outcomes).count("created") == 1
    assert (Article.objects.count(), Photo.objects.count(), Slide.objects.count()) == (1, 20, 16)


def test_two_editors_reordering_at_once_one_wins_the_other_is_told():
    show = slideshow_with_slides(6)
    seen = list(show.slides.order_by("position").values_list("pk", flat=True))
    first_wants = [seen[5], *seen[:5]]
    second_wants = list(reversed(seen))

    results = in_parallel(
        lambda: reorder_slides(slideshow=show, slide_ids=first_wants, expected=seen),
        lambda: reorder_slides(slideshow=show, slide_ids=second_wants, expected=seen),
    )

    conflicts = [r for r in results if isinstance(r, OrderConflict)]
    winners = [
        wanted
        for r, wanted in zip(results, (first_wants, second_wants), strict=True)
        if not isinstance(r, Exception)
    ]
    assert len(conflicts) == 1
    assert len(winners) == 1
    final = list(show.slides.order_by("position").values_list("pk", flat=True))
    assert final == winners[0]
    assert list(show.slides.order_by("position").values_list("position", flat=True)) == list(
        range(1, 7)
    )
