"""Atomicity under faults: a failure at any write step of an import leaves the
catalog, every column of every row, and the stored files exactly as before.

A wrapper around the database cursor counts the statements an import writes
with (INSERT, UPDATE, DELETE) and makes the Nth one fail; a wrapper around
the file storage does the same for each file written, failing before a byte
is written or halfway through. For N = 1, 2, ... each import fails cleanly
(an error in its outcome, never an exception) and changes nothing, until N
passes the number of steps and the import succeeds. The tests commit for
real (transaction=True), as imports do outside tests.
"""

import errno
import hashlib
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError, connection

from catalog.importers.batch import import_article, import_image
from catalog.models import Article, Photo, Rendition
from tests.conftest import SEED
from tests.images.test_store import sample, stored_files
from tests.snapshots import catalog_snapshot

pytestmark = pytest.mark.django_db(transaction=True)

WRITES = ("INSERT", "UPDATE", "DELETE")
MAX_STEPS = 500  # far more than any import here writes; stops a runaway loop


class FailingWrites:
    """Cursor wrapper: notes each writing statement; the `fail_at`-th raises."""

    def __init__(self, fail_at: int):
        self.fail_at = fail_at
        self.verbs: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        verb = sql.lstrip().split(None, 1)[0].upper()
        if verb in WRITES:
            self.verbs.append(verb)
            if len(self.verbs) == self.fail_at:
                raise DatabaseError(f"injected fault at write {self.fail_at}")
        return execute(sql, params, many, context)

    @property
    def failed(self) -> bool:
        return len(self.verbs) >= self.fail_at


_save_file = FileSystemStorage._save


class FailingStorage:
    """FileSystemStorage._save stand-in: the `fail_at`-th file written fails
    with a full disk, before a byte is written or (`halfway`) half written."""

    def __init__(self, fail_at: int, *, halfway: bool):
        self.fail_at, self.halfway = fail_at, halfway
        self.files = 0

    def __call__(self, storage, name, content):
        self.files += 1
        if self.files != self.fail_at:
            return _save_file(storage, name, content)
        if self.halfway:
            data = content.read()
            _save_file(storage, name, ContentFile(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    @property
    def failed(self) -> bool:
        return self.files >= self.fail_at


def state(media_root) -> tuple:
    """Every column of every catalog row (the edit history's too), and every stored file."""
    return catalog_snapshot(ignore=frozenset(), history=True), stored_files(media_root)


def fail_each_write(run, media_root) -> list[str]:
    """Fail each write of `run()` in turn, checking nothing changes; then let
    it succeed. Returns the writes of the successful run."""
    for step in range(1, MAX_STEPS):
        before = state(media_root)
        faults = FailingWrites(step)
        with connection.execute_wrapper(faults):
            outcome = run()
        if not faults.failed:
            assert outcome.ok, outcome.describe_error()
            assert state(media_root) != before
            return faults.verbs
        assert outcome.error.message == f"could not save: injected fault at write {step}"
        assert state(media_root) == before, f"write {step} ({faults.verbs[-1]}) left changes"
    pytest.fail(f"more than {MAX_STEPS} writes")


def fail_each_file(run, media_root, *, halfway: bool) -> int:
    """Fail each file `run()` stores in turn, checking nothing changes; then
    let it succeed. Returns how many files the successful run stored."""
    for step in range(1, MAX_STEPS):
        before = state(media_root)
        faults = FailingStorage(step, halfway=halfway)
        with mock.patch.object(FileSystemStorage, "_save", autospec=True, side_effect=faults):
            outcome = run()
        if not faults.failed:
            assert outcome.ok, outcome.describe_error()
            return faults.files
        message = outcome.error.message
        assert message.startswith(("could not store photos/", "could not store renditions/"))
        assert message.endswith("No space left on device")
        assert state(media_root) == before, f"file {step} left changes"
    pytest.fail(f"more than {MAX_STEPS} files")


# -- articles ----------------------------------------------------------------------


def edited_reference() -> bytes:
    """The reference article as an editor might change it: a title and a
    credit changed, slides reordered and removed, an inline photo, an
    editor's note and a transcript turn gone."""
    lines = SEED.read_text(encoding="utf-8").split("\n")

    def index(start: str) -> int:
        (found,) = [i for i, line in enumerate(lines) if line.startswith(start)]
        return found

    lines[0] = "Nouri al-Maliki speaks"
    lines[index("  2. A U.S. soldier waves")] = (
        "  2. A U.S. soldier waves from his Stryker. (Jane Doe / Acme Pictures) "
        "Back to slideshow navigation"
    )
    three, four = index("  3. A soldier dismantles"), index("  4. U.S. Army soldiers from")
    lines[three], lines[four] = "  4." + lines[three][4:], "  3." + lines[four][4:]
    del lines[index("  16. U.S. Army soldiers carry")]
    inline = index("Maya Alleruzzo \u00a0/\u00a0 ASSOCIATED PRESS")
    del lines[inline : inline + 2]
    note = index("  4. Editor's note:")
    del lines[note : note + 5]
    del lines[index("    SNOW: Chuck Todd at the White House")]
    return "\n".join(lines).encode()


def test_a_fault_at_any_write_of_a_first_import_changes_nothing(media_root):
    writes = fail_each_write(lambda: import_article(SEED.name, SEED.read_bytes()), media_root)

    assert len(writes) >= 10
    assert Photo.objects.count() == 20


def test_a_fault_at_any_write_of_a_reimport_keeps_the_previous_version(media_root):
    assert import_article(SEED.name, SEED.read_bytes()).ok
    edited = edited_reference()

    writes = fail_each_write(lambda: import_article(SEED.name, edited), media_root)

    assert set(writes) == set(WRITES)
    assert Article.objects.get().lead_photo.title == "Nouri al-Maliki speaks"


# -- image files ---------------------------------------------------------------------


def new_photo():
    return import_image("iptc.jpg", sample("exiftool_IPTC.jpg"))


def test_a_fault_at_any_write_of_a_new_image_changes_nothing(media_root):
    writes = fail_each_write(new_photo, media_root)

    assert {"INSERT"} <= set(writes)
    photo = Photo.objects.get()
    assert (photo.photographer.name, photo.agency.name) == ("Phil Harvey", "My Credit")
    assert Rendition.objects.count() == 2


@pytest.mark.parametrize("halfway", [False, True], ids=["before writing", "half written"])
def test_a_storage_fault_at_any_file_of_a_new_image_leaves_no_file(media_root, halfway):
    files = fail_each_file(new_photo, media_root, halfway=halfway)

    assert files == 3  # the image and its two renditions
    assert len(stored_files(media_root)) == 3


def replace_image():
    """The hopper photo gets another picture: its row is updated, its
    renditions replaced, and the old files must stay until that commits."""
    photo = Photo.objects.get(image_name="hopper.jpg")
    return import_image("iptc.jpg", sample("exiftool_IPTC.jpg"), photo=photo)


def test_a_fault_at_any_write_of_a_replaced_image_keeps_the_old_one(media_root):
    assert import_image("hopper.jpg", sample("pillow_hopper.jpg")).ok

    writes = fail_each_write(replace_image, media_root)

    assert set(writes) >= {"INSERT", "UPDATE", "DELETE"}
    assert Photo.objects.get().image_sha256 == sample_sha256("exiftool_IPTC.jpg")


@pytest.mark.parametrize("halfway", [False, True], ids=["before writing", "half written"])
def test_a_storage_fault_at_any_file_of_a_replaced_image_keeps_the_old_one(media_root, halfway):
    assert import_image("hopper.jpg", sample("pillow_hopper.jpg")).ok
    old_files = stored_files(media_root)

    files = fail_each_file(replace_image, media_root, halfway=halfway)

    assert files == 3
    assert Photo.objects.get().image_sha256 == sample_sha256("exiftool_IPTC.jpg")
    assert set(old_files).isdisjoint(stored_files(media_root))  # removed once committed


def sample_sha256(name: str) -> str:
    return hashlib.sha256(sample(name)).hexdigest()
