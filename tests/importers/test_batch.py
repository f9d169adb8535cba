"""Importing one file: an article file over MAX_ARTICLE_BYTES is refused by its
size, and a file object is never read past the size it gave."""

import io

import pytest
from django.core.files import File

from catalog.importers.batch import import_article, read_within
from catalog.models import Article
from catalog.outcomes import ImportFailed

PAGE = b"Harbour reopens\n\nThe harbour reopened on Monday after a week of storms.\n"


class UnreadableFile(File):
    def read(self, *args):
        raise AssertionError("the file was read")


@pytest.mark.django_db
def test_an_article_over_the_limit_is_refused_as_bytes_or_unread_as_a_file(settings):
    settings.MAX_ARTICLE_BYTES = len(PAGE) - 1

    as_bytes = import_article("page.txt", PAGE)
    as_file = import_article("page.txt", UnreadableFile(io.BytesIO(PAGE), name="page.txt"))

    expected = f"page.txt: too large ({len(PAGE)} bytes, the limit is {len(PAGE) - 1})"
    assert as_bytes.describe_error() == as_file.describe_error() == expected
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_an_article_at_the_limit_imports(settings):
    settings.MAX_ARTICLE_BYTES = len(PAGE)

    outcome = import_article("page.txt", File(io.BytesIO(PAGE), name="page.txt"))

    assert outcome.ok, outcome.describe_error()
    assert Article.objects.get().slug == "page"


def at_most(limit: int):
    def check(size: int) -> None:
        if size > limit:
            raise ImportFailed(f"too large ({size} bytes)")

    return check


def test_a_file_that_grew_after_it_was_measured_is_read_no_further():
    class Growing(File):
        size = 5  # what it said it was, before it grew to 1000 bytes

    with pytest.raises(ImportFailed, match=r"^too large \(6 bytes\)$"):
        read_within(Growing(io.BytesIO(b"x" * 1000)), at_most(5))
    assert read_within(File(io.BytesIO(b"x" * 5)), at_most(5)) == b"x" * 5
