"""An article's import changes only what that article imported.

Slideshows are found by slug (from their title) and their photos by uids made
from that slug, so a different page that reuses a slideshow's title names the
same records. Those records stay as their own article left them: the import
links to them and says so, unless an editor takes them over.
"""

import pytest

from catalog.importers.batch import import_article
from catalog.models import Article, ContentWarning, Photo, Slide, Slideshow
from tests.conftest import SEED
from tests.factories import SlideshowFactory, slideshow_with_slides
from tests.snapshots import catalog_snapshot

pytestmark = pytest.mark.django_db

DRAWDOWN_2010 = "us-troops-leave-iraq-2010-drawdown"
DRAWDOWN_2011 = "us-troops-leave-iraq-2011-drawdown"
# What an import may rewrite or trim of a slideshow's lane.
LANE_MODELS = ("slideshow", "slide", "photo", "contentwarning")

# A different page, written for these tests, whose slideshow has the same
# title as the reference article's 2010 slideshow, with two slides of its own.
OTHER = """\
Harbour lights festival
Jane Roe / Reuters
A small fishing town lit its harbour with paper lanterns on Friday.
By Sam Writer
updated 10/23/2011 1:00:00 PM ET 2011-10-23T17:00:00

The harbour was full of boats and the quay full of people.

Copyright 2011 Reuters. All rights reserved.

Photos: 2010 drawdown

loading photos...
  1. Lanterns float on the harbour water at dusk. (Jane Roe / Reuters) Back to slideshow navigation
  2. Children hold up paper boats on the quay. (Jane Roe / Reuters) Back to slideshow navigation

  1. Image:
    Jane Roe / Reuters
    Above: Slideshow (2) US troops leave Iraq - 2010 drawdown
"""

# Another page printing the slides of the slideshow the reference article
# knows only by its card (2011 drawdown: 5 declared, none present).
FILLS_THE_CARD = """\
Going home
Sam Writer / AP
The last convoy crossed into Kuwait.
By Sam Writer

The convoy left before dawn.

Photos: 2011 drawdown

loading photos...
  1. A convoy at the border at dawn. (Pat Lee / AP) Back to slideshow navigation
  2. Soldiers wave from a truck. (Pat Lee / AP) Back to slideshow navigation

  1. Image:
    Pat Lee / AP
    Above: Slideshow (2) US troops leave Iraq - 2011 drawdown
"""


def lines(text: str, start: str) -> int:
    """The number of the first line that starts with `start`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def imported(name: str, text: str | bytes, **options):
    data = text.encode() if isinstance(text, str) else text
    outcome = import_article(name, data, **options)
    assert outcome.ok, outcome.describe_error()
    return outcome


def owned_rows(article: Article) -> dict:
    """Everything an article imported, column by column (ids included)."""
    photos = Photo.objects.filter(article=article).order_by("pk")
    return {
        "photos": list(
            photos.values_list(
                "pk",
                "uid",
                "title",
                "caption",
                "photographer",
                "agency",
                "distributor",
                "credit_text",
                "source_line",
            )
        ),
        "slideshows": list(
            Slideshow.objects.filter(article=article)
            .order_by("pk")
            .values_list("pk", "slug", "title", "heading", "declared_count", "cover", "source_line")
        ),
        "slides": list(
            Slide.objects.filter(article=article)
            .order_by("pk")
            .values_list("pk", "slideshow", "photo", "position", "source_line")
        ),
        "warnings": list(
            ContentWarning.objects.filter(article=article)
            .order_by("pk")
            .values_list("pk", "uid", "slideshow", "photo", "kind", "note", "source_line")
        ),
    }


@pytest.fixture
def seed(db) -> Article:
    imported(SEED.name, SEED.read_bytes())
    return Article.objects.get(slug=SEED.stem)


def test_another_page_reusing_a_slideshow_title_leaves_it_as_it_was(seed):
    before = owned_rows(seed)
    assert len(before["slides"]) == 16

    outcome = imported("other.txt", OTHER)

    assert owned_rows(seed) == before
    show = Slideshow.objects.get(slug=DRAWDOWN_2010)
    assert show.article == seed
    assert show.declared_count == 16
    assert list(show.slides.values_list("position", flat=True)) == list(range(1, 17))
    assert show.slides.get(position=1).photo.caption.startswith("U.S. Army Stryker")
    assert show.warnings.count() == 4
    line = lines(OTHER, "Photos: 2010 drawdown")
    assert outcome.describe_notices() == [
        f'other.txt:{line}: slideshow "US troops leave Iraq - 2010 drawdown" belongs to '
        f"article {SEED.stem}; linked, not changed"
    ]
    # The other page's own records are its own: its lead photo and nothing else.
    other = Article.objects.get(slug="other")
    assert list(Photo.objects.filter(article=other).values_list("caption", flat=True)) == [
        "A small fishing town lit its harbour with paper lanterns on Friday."
    ]
    assert not Slideshow.objects.filter(article=other).exists()
    assert not Photo.objects.filter(caption__startswith="Lanterns").exists()


def test_importing_the_other_page_again_or_edited_changes_nothing_of_the_first(seed):
    before = owned_rows(seed)
    imported("other.txt", OTHER)
    edited = OTHER.replace("  2. Children hold up paper boats on the quay.", "  2. Boats.")

    assert imported("other.txt", OTHER).summary.changed is False
    imported("other.txt", edited)
    imported("other.txt", edited.replace("  2. Boats. (Jane Roe / Reuters)", ""), force=True)

    assert owned_rows(seed) == before


def test_the_first_article_still_updates_and_trims_its_own_slideshow(seed, seed_text):
    imported("other.txt", OTHER)
    slide_16 = next(line for line in seed_text.splitlines() if line.startswith("  16. "))

    outcome = imported(SEED.name, seed_text.replace(slide_16 + "\n", ""))

    show = Slideshow.objects.get(slug=DRAWDOWN_2010)
    assert show.slides.count() == 15
    assert outcome.summary.tally(Slide).deleted == 1
    assert outcome.notices == []


def test_a_slideshow_known_only_by_another_articles_card_is_linked_not_filled(seed):
    outcome = imported("going-home.txt", FILLS_THE_CARD)

    show = Slideshow.objects.get(slug=DRAWDOWN_2011)
    assert (show.article, show.declared_count, show.slides.count()) == (seed, 5, 0)
    assert show.cover.photographer.name == "Khalid Mohammed"
    assert outcome.describe_notices() == [
        f"going-home.txt:{lines(FILLS_THE_CARD, 'Photos: 2011 drawdown')}: slideshow "
        f'"US troops leave Iraq - 2011 drawdown" belongs to article {SEED.stem}; '
        "linked, not changed"
    ]


def test_a_slideshow_an_editor_made_is_linked_not_changed(db):
    show = slideshow_with_slides(3, title="US troops leave Iraq - 2010 drawdown")
    assert show.slug == DRAWDOWN_2010
    assert show.article is None
    slides = list(show.slides.values_list("pk", "photo__caption", "position"))
    declared = show.declared_count

    outcome = imported("other.txt", OTHER)

    assert list(show.slides.values_list("pk", "photo__caption", "position")) == slides
    show.refresh_from_db()
    assert (show.article, show.declared_count) == (None, declared)
    assert outcome.describe_notices() == [
        f"other.txt:{lines(OTHER, 'Photos: 2010 drawdown')}: slideshow "
        '"US troops leave Iraq - 2010 drawdown" belongs to no article; '
        "linked, not changed"
    ]


def test_taking_over_applies_the_page_to_records_other_articles_imported(seed):
    outcome = imported("other.txt", OTHER, take_over=True)

    other = Article.objects.get(slug="other")
    show = Slideshow.objects.get(slug=DRAWDOWN_2010)
    assert (show.article, show.declared_count) == (other, 2)
    assert list(show.slides.values_list("photo__caption", flat=True)) == [
        "Lanterns float on the harbour water at dusk.",
        "Children hold up paper boats on the quay.",
    ]
    assert outcome.summary.tally(Slide).deleted == 14
    assert outcome.describe_notices()[0] == (
        f"other.txt:{lines(OTHER, 'Photos: 2010 drawdown')}: slideshow "
        f'"US troops leave Iraq - 2010 drawdown" belonged to article {SEED.stem}; taken over'
    )


def test_a_new_slideshow_title_is_the_articles_own(db):
    SlideshowFactory(title="Something else entirely")

    outcome = imported("other.txt", OTHER)

    show = Slideshow.objects.get(slug=DRAWDOWN_2010)
    assert show.article.slug == "other"
    assert show.slides.count() == 2
    assert outcome.notices == []


# -- who may import what -----------------------------------------------------------


def test_an_import_needs_permission_for_every_change_it_makes(db, staff_without):
    before = catalog_snapshot()

    outcome = import_article(SEED.name, SEED.read_bytes(), user=staff_without("add_photographer"))

    assert outcome.describe_error() == (
        f"{SEED.name}: You may not import this file: it would add photographers "
        "(catalog.add_photographer); nothing was saved"
    )
    assert catalog_snapshot() == before


def test_a_dry_run_reports_the_permission_it_lacks(db, staff_without):
    outcome = import_article(
        SEED.name, SEED.read_bytes(), user=staff_without("add_slide"), dry_run=True
    )

    assert "it would add slides (catalog.add_slide)" in outcome.describe_error()


def test_linking_another_articles_slideshow_needs_no_permission_on_it(seed, staff_without):
    before = owned_rows(seed)
    user = staff_without(*(f"{a}_{m}" for a in ("change", "delete") for m in LANE_MODELS))

    outcome = import_article("other.txt", OTHER.encode(), user=user)

    assert outcome.ok, outcome.describe_error()
    assert owned_rows(seed) == before


def test_an_editor_changing_their_own_article_needs_change_and_delete(seed, staff_without):
    text = SEED.read_text(encoding="utf-8")
    edited = "".join(line for line in text.splitlines(True) if not line.startswith("  16. "))

    outcome = import_article(SEED.name, edited.encode(), user=staff_without("delete_slide"))

    assert "it would delete slides (catalog.delete_slide)" in outcome.describe_error()
    assert Slide.objects.filter(article=seed).count() == 16


@pytest.mark.parametrize("lacking", [f"{a}_{m}" for a in ("change", "delete") for m in LANE_MODELS])
def test_taking_over_needs_change_and_delete_on_what_it_may_rewrite(seed, staff_without, lacking):
    before = owned_rows(seed)

    outcome = import_article(
        "other.txt", OTHER.encode(), take_over=True, user=staff_without(lacking)
    )

    assert outcome.describe_error().startswith(
        "other.txt: You may not take over records other articles imported: it would "
    )
    assert f"catalog.{lacking}" in outcome.describe_error()
    assert owned_rows(seed) == before
    assert not Article.objects.filter(slug="other").exists()


def test_an_editor_holding_them_takes_over(seed, editor):
    outcome = import_article("other.txt", OTHER.encode(), take_over=True, user=editor)

    assert outcome.ok, outcome.describe_error()
    assert Slideshow.objects.get(slug=DRAWDOWN_2010).slides.count() == 2
