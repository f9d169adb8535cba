"""The import_articles command: summaries, errors naming file:line, exit status."""

import io

import pytest
from django.core.files import File
from django.core.management import CommandError, call_command

from catalog.models import Article, Photo, Slide
from tests.conftest import SEED
from tests.importers.test_ownership import DRAWDOWN_2010, OTHER

pytestmark = pytest.mark.django_db


def run(*args, verbosity=1):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_articles", *map(str, args), stdout=out, stderr=err, verbosity=verbosity
        )
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def summary_row(out: str, name: str) -> list[int]:
    line = next(line for line in out.splitlines() if line.startswith(f"{name}  "))
    return [int(n) for n in line[len(name) :].split()]


def test_imports_a_folder_and_prints_a_summary():
    out, err, error = run(SEED.parent)

    assert error is None
    assert err == ""
    assert f"{SEED}: created" in out
    assert summary_row(out, "Photos") == [20, 0, 0, 0]
    assert summary_row(out, "Slides") == [16, 0, 0, 0]
    assert "1 of 1 files imported" in out


def test_second_import_reports_everything_unchanged():
    run(SEED)
    out, _, error = run(SEED)

    assert error is None
    assert f"{SEED}: unchanged" in out
    assert summary_row(out, "Photos") == [0, 0, 20, 0]
    assert Photo.objects.count() == 20


def test_bad_files_are_named_with_their_line_and_the_rest_still_import(tmp_path):
    (tmp_path / "a_good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff")
    (tmp_path / "d_latin1.txt").write_bytes("Headline\n\nCaf\u00e9 talk.\n".encode("latin-1"))
    (tmp_path / "e_duplicate.txt").write_bytes(
        b"Photos: Week\n  1. One. (A B / AP) Back to slideshow navigation\n"
        b"  1. Two. (A B / AP) Back to slideshow navigation\n"
    )

    out, err, error = run(tmp_path, tmp_path / "missing.txt")

    assert str(error) == "5 file(s) failed; see the messages above"
    assert f"{tmp_path / 'b_empty.txt'}:1: the file is empty" in err
    assert f"{tmp_path / 'c_binary.txt'}:1: binary data, not article text" in err
    assert f"{tmp_path / 'd_latin1.txt'}:3: the file is not valid utf-8" in err
    assert f"{tmp_path / 'e_duplicate.txt'}:3: slide 1 appears twice" in err
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in err
    assert "Traceback" not in err
    assert list(Article.objects.values_list("slug", flat=True)) == ["a_good"]
    assert "1 of 6 files imported" in out


def test_encoding_option_reads_other_encodings(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Headline\n\nCaf\u00e9 talk.\n".encode("latin-1"))

    _, _, error = run(path, "--encoding", "latin-1")

    assert error is None
    assert "Caf\u00e9 talk." in Article.objects.get().paragraphs


def test_dry_run_saves_nothing_and_says_so():
    out, _, error = run(SEED, "--dry-run")

    assert error is None
    assert "Would change" in out
    assert "dry run: nothing saved" in out
    assert summary_row(out, "Photos") == [20, 0, 0, 0]
    assert Article.objects.count() == 0


def test_notices_name_file_and_line(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Photos: Week\n  1. No credit here. Back to slideshow navigation\n")

    _, err, error = run(path)

    assert error is None
    assert f"{path}:2: slide 1 has no credit" in err


def test_many_files_show_progress_instead_of_a_line_each(tmp_path):
    for number in range(30):
        (tmp_path / f"page{number:02}.txt").write_text(
            f"Photos: Week {number}\n  1. Caption. (Ann Lee / AP) Back to slideshow navigation\n"
        )

    out, _, error = run(tmp_path)

    assert error is None
    assert "page00.txt: created" not in out
    assert "3/30 files (10%)" in out
    assert "30/30 files (100%)" in out
    assert "30 of 30 files imported" in out
    assert Article.objects.count() == 30


def test_no_files_is_an_error(tmp_path):
    _, _, error = run(tmp_path)
    assert str(error) == "no files found (.txt)"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_jobs_import_files_in_parallel_processes(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    for number in range(6):
        (tmp_path / f"page{number}.txt").write_text(seed)
    (tmp_path / "broken.txt").write_bytes(b"")

    out, err, error = run(tmp_path, "--jobs", "3")

    assert str(error) == "1 file(s) failed; see the messages above"
    assert f"{tmp_path / 'broken.txt'}:1: the file is empty" in err
    assert Article.objects.count() == 6
    assert Photo.objects.count() == 6 * 2 + 18  # own lead and inline photos; shared slideshows
    assert summary_row(out, "Articles") == [6, 0, 0, 0]


def test_records_of_another_article_are_linked_unless_taken_over(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    run(SEED)
    slides = Slide.objects.filter(slideshow__slug=DRAWDOWN_2010)

    _, err, error = run(other)

    assert error is None
    line = next(n for n, text in enumerate(OTHER.splitlines(), 1) if text.startswith("Photos:"))
    assert err == (
        f'{other}:{line}: slideshow "US troops leave Iraq - 2010 drawdown" belongs to '
        f"article {SEED.stem}; linked, not changed\n"
    )
    assert slides.count() == 16

    out, err, error = run(other, "--take-over", "--force")

    assert error is None
    assert "belonged to article" in err
    # Slides 1 and 2 hold the same photo identities: kept, now the other article's.
    assert summary_row(out, "Slides") == [0, 2, 0, 14]
    assert slides.count() == 2


def test_a_file_over_the_size_limit_is_refused_and_the_rest_still_import(tmp_path, settings):
    settings.MAX_ARTICLE_BYTES = 1000
    (tmp_path / "a_short.txt").write_bytes(
        b"Harbour reopens\n\nThe harbour reopened on Monday after a week of storms.\n"
    )
    big = tmp_path / "b_big.txt"
    big.write_bytes(SEED.read_bytes())

    out, err, error = run(tmp_path)

    assert str(error) == "1 file(s) failed; see the messages above"
    assert err == f"{big}: too large ({big.stat().st_size:,} bytes, the limit is 1,000)\n"
    assert list(Article.objects.values_list("slug", flat=True)) == ["a_short"]
    assert "1 of 2 files imported" in out


def test_a_file_over_the_size_limit_is_not_read(tmp_path, settings, monkeypatch):
    settings.MAX_ARTICLE_BYTES = 1000
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    reads = []
    monkeypatch.setattr(File, "read", lambda self, *args: reads.append(args))

    _, err, error = run(big)

    assert error is not None
    assert err == f"{big}: too large (5,000 bytes, the limit is 1,000)\n"
    assert reads == []
