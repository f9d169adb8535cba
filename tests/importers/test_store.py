"""Saving articles: the reference catalog, idempotence, updates, atomicity."""

import re
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.db import DatabaseError

from catalog.importers.batch import import_article
from catalog.models import (
    Agency,
    Article,
    ContentWarning,
    Photo,
    Photographer,
    Slide,
    Slideshow,
    Speaker,
    TranscriptTurn,
    Video,
)
from catalog.models.inserting import insert_rows
from tests.conftest import SEED
from tests.snapshots import catalog_snapshot

pytestmark = pytest.mark.django_db


def credit_of(photo: Photo) -> tuple:
    return (
        photo.photographer.name if photo.photographer else None,
        photo.agency.name if photo.agency else None,
        photo.distributor.name if photo.distributor else None,
    )


# -- what ../shared/seed/README.md lists, exactly -------------------------------


def test_reference_counts(imported_seed):
    assert Photo.objects.count() == 20
    assert Photographer.objects.count() == 6
    assert Agency.objects.count() == 4
    assert Slideshow.objects.count() == 2
    assert ContentWarning.objects.count() == 4
    assert Video.objects.count() == 1
    assert TranscriptTurn.objects.count() == 6
    assert Speaker.objects.count() == 3
    assert Article.objects.count() == 1


def test_reference_photographers_and_agencies(imported_seed):
    assert set(Photographer.objects.values_list("name", flat=True)) == {
        "Karim Kadim",
        "Maya Alleruzzo",
        "Moises Saman",
        "Holly Pickett",
        "Chip Somodevilla",
        "Khalid Mohammed",
    }
    aliases = {
        agency.name: {alias.name for alias in agency.aliases.all()}
        for agency in Agency.objects.prefetch_related("aliases")
    }
    assert aliases == {
        "AP": {"AP", "ASSOCIATED PRESS", "The Associated Press"},
        "The New York Times": {"The New York Times"},
        "Redux Pictures": {"Redux Pictures"},
        "Getty Images": {"Getty Images"},
    }


def test_reference_article(imported_seed):
    article = imported_seed
    assert article.source_agency.name == "AP"
    assert article.rights_notice.startswith("Copyright 2011 The Associated Press. All rights")
    assert article.headline == ""
    assert article.byline == ""
    assert article.summary.startswith("Iraqi Prime Minister Nouri al-Maliki said Saturday")
    assert article.updated_at == datetime(2011, 10, 22, 17, 58, 39, tzinfo=UTC)
    assert len(article.paragraphs) == 14
    assert article.paragraphs[0].startswith("Iraq's prime minister said Saturday")
    assert article.paragraphs[-1].endswith('as the north in particular will become more fraught."')
    assert article.source_text == SEED.read_text(encoding="utf-8")


def test_reference_lead_and_inline_photos(imported_seed):
    lead = imported_seed.lead_photo
    assert (lead.title, lead.caption, lead.source_line) == (
        "Nouri al-Maliki",
        imported_seed.summary,
        1,
    )
    assert credit_of(lead) == ("Karim Kadim", "AP", None)
    inline = Photo.objects.get(article=imported_seed, source_line=28)
    assert inline.caption.startswith("U.S. Army soldiers from 2nd Brigade, 10th Mountain Division")
    assert credit_of(inline) == ("Maya Alleruzzo", "AP", None)
    assert inline.credit_text == "Maya Alleruzzo / ASSOCIATED PRESS"
    assert inline.credit_line == "Maya Alleruzzo / AP"


def test_reference_slides(imported_seed):
    show = Slideshow.objects.get(title="US troops leave Iraq - 2010 drawdown")
    slides = list(show.slides.select_related("photo__photographer", "photo__agency"))
    assert [s.position for s in slides] == list(range(1, 17))
    assert [s.source_line for s in slides] == list(range(62, 78))
    credits = {s.position: credit_of(s.photo) for s in slides}
    for position in [*range(1, 7), *range(9, 16)]:
        assert credits[position] == ("Maya Alleruzzo", "AP", None)
    assert credits[7] == ("Moises Saman", "The New York Times", "Redux Pictures")
    assert credits[8] == ("Holly Pickett", "Redux Pictures", None)
    assert credits[16] == ("Chip Somodevilla", "Getty Images", None)
    seventh = slides[6].photo
    assert seventh.caption.startswith("A member of the U.S. Army's 4th Stryker Brigade")
    assert seventh.credit_text == "Moises Saman / The New York Times via Redux Pictures"
    assert seventh.credit_line == "Moises Saman / The New York Times via Redux Pictures"
    assert slides[7].photo.caption.startswith("The U.S. Army's 1st Armored Division band")
    assert slides[15].photo.caption.startswith("U.S. Army soldiers carry the flag-draped")
    assert all(s.caption_source == "photo" for s in slides)


def test_reference_slideshows(imported_seed):
    shows = {s.title: s for s in Slideshow.objects.with_slide_count().select_related("cover")}
    drawdown_2010 = shows["US troops leave Iraq - 2010 drawdown"]
    drawdown_2011 = shows["US troops leave Iraq - 2011 drawdown"]
    assert (drawdown_2010.declared_count, drawdown_2010.present_count) == (16, 16)
    assert (drawdown_2011.declared_count, drawdown_2011.present_count) == (5, 0)
    assert drawdown_2010.heading == "2010 drawdown"
    assert drawdown_2010.cover.credit_line == "Maya Alleruzzo / AP"
    assert drawdown_2011.cover.credit_line == "Khalid Mohammed / AP"
    assert drawdown_2010.cover.caption == drawdown_2011.cover.caption == ""
    assert list(Slideshow.objects.incomplete()) == [drawdown_2011]


def test_reference_warnings_are_on_the_2010_slideshow(imported_seed):
    warnings = ContentWarning.objects.all()
    assert {w.slideshow.title for w in warnings} == {"US troops leave Iraq - 2010 drawdown"}
    assert {w.photo for w in warnings} == {None}
    assert {w.kind for w in warnings} == {"graphic"}
    assert {w.note for w in warnings} == {
        "Editor's note: This image contains graphic content that some viewers may find disturbing."
    }
    assert sorted(w.source_line for w in warnings) == [78, 83, 88, 93]


def test_reference_video(imported_seed):
    video = Video.objects.get()
    assert video.title == "Obama: After nearly 9 years, Iraq war is over"
    turns = video.turns.select_related("speaker")
    assert [t.speaker_label for t in turns] == [
        "SNOW",
        "KATE SNOW, anchor",
        "CHUCK TODD reporting",
        "President BARACK OBAMA",
        "TODD",
        "SNOW",
    ]
    assert [t.speaker.name for t in turns] == [
        "Kate Snow",
        "Kate Snow",
        "Chuck Todd",
        "Barack Obama",
        "Chuck Todd",
        "Kate Snow",
    ]
    roles = dict(Speaker.objects.values_list("name", "role"))
    assert roles == {"Kate Snow": "anchor", "Chuck Todd": "reporter", "Barack Obama": "President"}


def test_every_imported_record_knows_its_source(imported_seed):
    for model in (Photo, Slideshow, Slide, ContentWarning, Video, TranscriptTurn):
        rows = model.objects.all()
        assert all(row.article_id == imported_seed.pk for row in rows), model
        assert all(row.source_line for row in rows), model
    lines = imported_seed.source_text.splitlines()
    for slide in Slide.objects.select_related("photo"):
        assert slide.photo.caption[:40] in lines[slide.source_line - 1]


# -- importing again ----------------------------------------------------------------


def test_importing_twice_changes_nothing(imported_seed):
    before = catalog_snapshot(ignore=frozenset())

    again = import_article(SEED.name, SEED.read_bytes())

    assert again.ok
    assert not again.summary.changed
    assert catalog_snapshot(ignore=frozenset()) == before


def test_forced_reimport_compares_every_row_and_changes_nothing(imported_seed):
    before = catalog_snapshot(ignore=frozenset())

    again = import_article(SEED.name, SEED.read_bytes(), force=True)

    assert again.ok
    assert not again.summary.changed
    tallies = dict(again.summary.rows())
    assert tallies["Photos"].unchanged == 20
    assert tallies["Slides"].unchanged == 16
    assert catalog_snapshot(ignore=frozenset()) == before


def test_unchanged_file_keeps_an_editors_correction(imported_seed):
    photo = imported_seed.lead_photo
    photo.caption = "Corrected by the desk."
    photo.save()

    import_article(SEED.name, SEED.read_bytes())

    photo.refresh_from_db()
    assert photo.caption == "Corrected by the desk."


def test_edited_file_updates_its_records(imported_seed):
    edited = SEED.read_text(encoding="utf-8")
    edited = edited.replace("A soldier dismantles a machine gun", "A soldier takes apart a gun")
    edited = edited.replace("(Holly Pickett\u00a0/\u00a0Redux Pictures)", "(Holly Pickett / AP)")
    uids = set(Photo.objects.values_list("uid", flat=True))

    outcome = import_article(SEED.name, edited.encode())

    assert outcome.ok
    slides = Slideshow.objects.get(slug="us-troops-leave-iraq-2010-drawdown").slides
    assert slides.get(position=3).photo.caption.startswith("A soldier takes apart a gun")
    assert slides.get(position=8).photo.credit_line == "Holly Pickett / AP"
    assert set(Photo.objects.values_list("uid", flat=True)) == uids
    tallies = dict(outcome.summary.rows())
    assert (tallies["Photos"].updated, tallies["Photos"].created) == (2, 0)


def test_slides_removed_from_the_file_leave_the_slideshow(imported_seed):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    slides = lines[61:77]
    kept = slides[:2] + slides[4:]  # without slides 3 and 4
    lines[61:77] = [re.sub(r"^  \d+\.", f"  {n}.", line) for n, line in enumerate(kept, 1)]

    outcome = import_article(SEED.name, "\n".join(lines).encode())

    assert outcome.ok, outcome.describe_error()
    show = Slideshow.objects.get(slug="us-troops-leave-iraq-2010-drawdown")
    assert list(show.slides.values_list("position", flat=True)) == list(range(1, 15))
    assert Photo.objects.count() == 18


# -- one file, all or nothing -----------------------------------------------------------


def failing_insert(model, error: Exception):
    """`insert_rows` that raises `error` when it is given rows of `model`."""

    def insert(into, rows):
        if into is model:
            raise error
        return insert_rows(into, rows)

    return mock.patch("catalog.importers.store.insert_rows", side_effect=insert)


def test_a_failure_while_saving_leaves_the_database_as_it_was(db):
    with failing_insert(Slide, DatabaseError("disk full")):
        outcome = import_article(SEED.name, SEED.read_bytes())

    assert outcome.describe_error() == f"{SEED.name}: could not save: disk full"
    assert catalog_snapshot() == []


def test_a_failed_update_keeps_the_previous_version(imported_seed):
    before = catalog_snapshot(ignore=frozenset())
    edited = SEED.read_text(encoding="utf-8").replace("Nouri al-Maliki\n", "New title\n", 1)

    with failing_insert(Slide, DatabaseError("gone")):
        outcome = import_article(SEED.name, edited.encode())

    assert not outcome.ok
    assert catalog_snapshot(ignore=frozenset()) == before


def test_text_too_long_for_its_column_is_refused_with_its_line(db):
    page = "Some text.\n\n  1. Image:\n    Ann Lee / AP\n    Slideshow (5) " + "Long " * 80

    outcome = import_article("long.txt", page.encode())

    assert outcome.error.line == 3
    assert "slideshow title is longer than 300 characters" in outcome.error.message
    assert catalog_snapshot() == []


def test_dry_run_reports_and_saves_nothing(db):
    outcome = import_article(SEED.name, SEED.read_bytes(), dry_run=True)

    assert outcome.ok
    assert dict(outcome.summary.rows())["Photos"].created == 20
    assert catalog_snapshot() == []


def test_agency_spelt_a_new_way_joins_the_known_agency(imported_seed):
    page = "Photos: Week\n  1. Caption. (Ann Lee / AP Images) Back to slideshow navigation\n"

    assert import_article("other.txt", page.encode()).ok

    ap = Agency.objects.get(name="AP")
    assert Photo.objects.get(article__slug="other").agency == ap
    assert ap.aliases.filter(name="AP Images").exists()
    assert Agency.objects.count() == 4


@pytest.mark.parametrize(
    "credit", ["\u00c9mile Kadim / AP", "Karim Kadim / \u00c1gencia EFE", "\u00d8YVIND LIE / AP"]
)
def test_names_with_accented_capitals_import_again(db, credit):
    # SQLite folds only ASCII letters in LOWER(): the lookups must fold as the
    # unique constraints do, or the second import creates the name again and
    # fails on the constraint.
    text = SEED.read_text(encoding="utf-8").replace("Karim Kadim \u00a0/\u00a0 AP", credit, 1)
    assert import_article(SEED.name, text.encode()).ok
    before = catalog_snapshot(ignore=frozenset())

    again = import_article(SEED.name, text.encode(), force=True)

    assert again.ok, again.describe_error()
    assert not again.summary.changed
    assert catalog_snapshot(ignore=frozenset()) == before
