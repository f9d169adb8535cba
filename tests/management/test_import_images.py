"""The import_images command over the sample set."""

import io

import pytest
from django.core.management import CommandError, call_command

from catalog.models import Photo, Rendition
from tests.images.test_store import IMAGES, REJECTED, VALID, long_credit_photo

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_images", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_twice_over_the_sample_folder_creates_each_valid_photo_once():
    out, err, error = run(IMAGES)

    assert Photo.objects.count() == len(VALID) == 10
    assert Rendition.objects.count() == 2 * len(VALID)
    assert str(error) == f"{len(REJECTED)} file(s) failed; see the messages above"
    assert f"{IMAGES / 'pillow_truncated_jpeg.jpg'}: the image is truncated or corrupt" in err
    assert f"{IMAGES / 'pillow_decompression_bomb.gif'}: " in err
    assert "Traceback" not in err
    assert f"{IMAGES / 'exiftool_IPTC.jpg'}: created" in out

    out, _, _ = run(IMAGES)

    assert Photo.objects.count() == len(VALID)
    assert f"{IMAGES / 'exiftool_IPTC.jpg'}: unchanged" in out
    photos_row = next(line for line in out.splitlines() if line.startswith("Photos  "))
    assert photos_row.split()[1:] == ["0", "0", str(len(VALID)), "0"]


def test_dry_run_saves_nothing():
    out, _, _ = run(IMAGES / "exiftool_IPTC.jpg", "--dry-run")
    assert "dry run: nothing saved" in out
    assert Photo.objects.count() == 0


def test_a_value_cut_to_fit_is_a_notice_and_the_file_is_imported(tmp_path):
    path = tmp_path / "long.jpg"
    path.write_bytes(long_credit_photo())

    out, err, error = run(path)

    assert error is None
    assert f"{path}: the XMP credit line has 16,000 characters; cut to 500" in err
    assert f"{path}: created" in out
    assert len(Photo.objects.get().credit_text) <= 500
