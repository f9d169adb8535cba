"""Importing files one by one: each file all or nothing, never a traceback.

Used by the import commands, the admin and the API, so that all of them
give the same results and the same errors.
"""

import hashlib
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import DatabaseError, IntegrityError, OperationalError, transaction

from catalog import history
from catalog.images.files import check_size
from catalog.images.store import ingest_image
from catalog.models import Article, Photo
from catalog.models.history import Via
from catalog.outcomes import ImportFailed, ImportSummary, Notice
from catalog.permissions import TAKE_OVER_NEEDS, WriteNotAllowed, require

from .articles import parse_article
from .decoding import decode_text
from .store import save_article

ARTICLE_SUFFIXES = (".txt",)
by_line = attrgetter("line")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif")


@dataclass
class FileOutcome:
    name: str
    summary: ImportSummary = field(default_factory=ImportSummary)
    notices: list[Notice] = field(default_factory=list)
    error: ImportFailed | None = None
    subject: type = Article  # the model one file makes: Article or Photo
    record: object = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def state(self) -> str:
        """What happened to the file's record: created, updated or unchanged."""
        if self.summary.tally(self.subject).created:
            return "created"
        return "updated" if self.summary.changed else "unchanged"

    def describe_notices(self) -> list[str]:
        """`file:line: message` for each notice (`file: message` without a line)."""
        return [
            f"{self.name}:{notice.line}: {notice.message}"
            if notice.line is not None
            else f"{self.name}: {notice.message}"
            for notice in self.notices
        ]

    def describe_error(self) -> str:
        """`file:line: message`, as compilers print it."""
        where = f"{self.name}:{self.error.line}" if self.error.line else self.name
        return f"{where}: {self.error.message}"


def check_article_size(size: int) -> None:
    """Refuse an article file by its size alone. Real pages are tens of kilobytes;
    decoding and parsing take many times a file's size in memory."""
    limit = settings.MAX_ARTICLE_BYTES
    if size > limit:
        raise ImportFailed(f"too large ({size:,} bytes, the limit is {limit:,})")


def import_article(
    name: str,
    data: bytes | File,
    *,
    encoding: str = "utf-8",
    dry_run: bool = False,
    force: bool = False,
    take_over: bool = False,
    user=None,
) -> FileOutcome:
    """Parse and save one article; on any failure the database is as before.

    A file over MAX_ARTICLE_BYTES is refused; an uploaded or opened one unread.
    Records other articles imported are linked, not changed, unless
    `take_over`. With a `user` (the admin), the import is refused unless they
    may make every change it makes (catalog.permissions); without one (the
    command), the caller is trusted.
    """
    outcome = FileOutcome(name, subject=Article)
    try:
        if take_over and user is not None:
            require(user, TAKE_OVER_NEEDS, doing="take over records other articles imported")
        # outside the transaction: reading the text needs no database
        data = read_within(data, check_article_size)
        text = decode_text(data, encoding)
        parsed = parse_article(text, source_name=Path(name).name)
    except WriteNotAllowed as refused:
        outcome.error = ImportFailed(f"{refused}; nothing was saved")
        return outcome
    except ImportFailed as error:
        outcome.error = error
        return outcome
    sha256 = hashlib.sha256(data).hexdigest()

    def work():
        with history.recording(via=Via.IMPORT, reason=name):
            summary = save_article(
                parsed, source_text=text, sha256=sha256, force=force, take_over=take_over
            )
        if user is not None:
            require(user, summary.writes(), doing="import this file")
        return None, summary

    _guarded(outcome, work, dry_run)
    outcome.notices = sorted([*parsed.notices, *outcome.summary.notices], key=by_line)
    return outcome


def import_image(
    name: str,
    data: bytes | File,
    *,
    photo: Photo | None = None,
    dry_run: bool = False,
    user=None,
) -> FileOutcome:
    """Validate and save one image as a photo; on failure nothing is kept.

    An uploaded file larger than MAX_IMAGE_BYTES is refused before it is read.
    With a `user`, refused unless they may make every change it makes.
    """
    outcome = FileOutcome(name, subject=Photo)
    try:
        data = read_within(data, lambda size: check_size(size, max_bytes=settings.MAX_IMAGE_BYTES))
    except ImportFailed as error:
        outcome.error = error
        return outcome

    def work():
        with history.recording(via=Via.IMPORT, reason=name):
            return ingest_image(
                data, name=name, photo=photo, dry_run=dry_run, user=user, every_write=True
            )

    _guarded(outcome, work, dry_run)
    # Values cut to fit, say: the file was imported, and the editor is told.
    outcome.notices += outcome.summary.notices
    return outcome


def read_within(data: bytes | File, check: Callable[[int], None]) -> bytes:
    """The file's bytes once `check` has passed its size; a file object is
    measured before it is read, and read no further than the size it gave."""
    if not isinstance(data, File):
        check(len(data))
        return data
    size = data.size
    check(size)
    data.seek(0)
    content = data.read(size + 1)
    check(len(content))  # grown since it was measured
    return content


# A file that races another import of the same agencies, photographers or
# slideshows may lose a unique constraint or a deadlock; run it again, and it
# finds the rows the winner made.
ATTEMPTS = 5


def _guarded(outcome: FileOutcome, work: Callable, dry_run: bool) -> FileOutcome:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                outcome.record, outcome.summary = work()
                if dry_run:
                    transaction.set_rollback(True)
        except ImportFailed as error:
            outcome.error = error
        except WriteNotAllowed as refused:
            outcome.error = ImportFailed(f"{refused}; nothing was saved")
        except (IntegrityError, OperationalError) as error:
            if attempt < ATTEMPTS:
                time.sleep(random.uniform(0, 0.05 * attempt))  # let the winner commit
                continue
            outcome.error = ImportFailed(f"could not save: {error}".strip())
        except DatabaseError as error:
            outcome.error = ImportFailed(f"could not save: {error}".strip())
        return outcome
    return outcome


def find_files(paths: Iterable[str | Path], suffixes: tuple[str, ...]) -> tuple[list, list]:
    """The files named, and the files with these suffixes inside folders named.

    Returns (files, missing) so that one wrong path does not stop the rest.
    """
    files, missing = [], []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing
