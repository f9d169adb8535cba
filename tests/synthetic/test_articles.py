"""Synthetic article pages: the reference page's format, imported without a notice."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.importers.articles import parse_article, warning_kind
from catalog.models import Article, ContentWarning, Photo, Slide, Slideshow, TranscriptTurn, Video
from catalog.synthetic.articles import write_articles
from catalog.synthetic.words import WARNING_NOTES

PARTS = (
    "\u00a0/\u00a0",
    "\nBy",
    "\nupdated ",
    "\nStory: ",
    "\nCopyright ",
    "\nVideo: ",
    "Transcript of: ",
    "\nPhotos: ",
    "Back to slideshow navigation",
    "Editor's note:",
    "Above: Slideshow (",
    "Discuss:",
)


def test_pages_have_every_part_of_the_reference_page(tmp_path):
    paths = write_articles(6, tmp_path, seed="test")
    text = "\n".join(path.read_text(encoding="utf-8") for path in paths)

    assert [path.name[:4] for path in paths] == ["000_", "001_", "002_", "003_", "004_", "005_"]
    for part in PARTS:
        assert part in text


def test_pages_parse_without_a_notice(tmp_path):
    for path in write_articles(100, tmp_path, seed="parse"):
        article = parse_article(path.read_text(encoding="utf-8"), source_name=path.name)
        assert article.notices == [], (path.name, article.notices)
        assert article.updated_at is not None
        assert article.lead_photo.credit
        assert article.rights_holder


def test_the_same_seed_writes_the_same_pages(tmp_path):
    first = write_articles(3, tmp_path / "a", seed=7)
    second = write_articles(3, tmp_path / "b", seed=7)

    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_editors_notes_read_back_as_their_kind():
    for kind, note in WARNING_NOTES.items():
        if kind != "fantasyViolence":
            assert warning_kind(note) == kind


@pytest.mark.django_db
def test_import_articles_imports_them_all_with_no_error_and_no_notice(tmp_path: Path):
    write_articles(6, tmp_path, seed="test")
    out, err = io.StringIO(), io.StringIO()

    call_command("import_articles", str(tmp_path), stdout=out, stderr=err)

    assert err.getvalue() == ""
    assert "6 of 6 files imported" in out.getvalue()
    assert Article.objects.count() == 6
    assert Slide.objects.exists()
    assert Slideshow.objects.filter(slides__isnull=True).exists()  # a card with no slides
    assert ContentWarning.objects.filter(slideshow__isnull=False).exists()
    assert TranscriptTurn.objects.exists()
    assert Video.objects.exists()
    assert Photo.objects.exclude(distributor=None).exists()
    assert not Article.objects.filter(updated_at=None).exists()
