"""A date-time keeps its UTC offset, from whichever block gives it. No database."""

from catalog.images.files import inspect_image
from tests.images.imagefiles import (
    iim_dataset,
    jpeg_with_exif,
    jpeg_with_iim,
    jpeg_with_segments,
    xmp_packet,
    xmp_segment,
)

LIMITS = {"max_bytes": 1_000_000, "max_pixels": 1_000_000}
TAKEN = "2011-10-22T13:58:39-04:00"


def metadata_of(data: bytes):
    return inspect_image(data, **LIMITS).metadata


def test_xmp_date_keeps_its_offset():
    packet = xmp_packet(f"><photoshop:DateCreated>{TAKEN}</photoshop:DateCreated>")
    assert metadata_of(jpeg_with_segments(xmp_segment(packet))).date_created == TAKEN


def test_iim_date_and_time_keep_the_times_offset():
    data = jpeg_with_iim(iim_dataset(2, 55, b"20111022"), iim_dataset(2, 60, b"135839-0400"))
    metadata = metadata_of(data)
    assert metadata.date_created == TAKEN
    assert metadata.blocks["iptc"]["time_created"] == "13:58:39-04:00"


def test_exif_date_keeps_the_offset_time_original_gives():
    data = jpeg_with_exif(DateTimeOriginal="2011:10:22 13:58:39", OffsetTimeOriginal="-04:00")
    assert metadata_of(data).date_created == TAKEN


def test_exif_date_without_an_offset_has_none():
    data = jpeg_with_exif(DateTimeOriginal="2011:10:22 13:58:39", OffsetTimeOriginal="   ")
    assert metadata_of(data).date_created == "2011-10-22T13:58:39"


def test_a_date_without_offset_gains_the_offset_an_agreeing_block_gives():
    packet = xmp_packet(f"><photoshop:DateCreated>{TAKEN}</photoshop:DateCreated>")
    base = jpeg_with_exif(DateTimeOriginal="2011:10:22 13:58:39")
    metadata = metadata_of(jpeg_with_segments(xmp_segment(packet), base=base))
    assert metadata.sources["date_created"] == "exif"
    assert metadata.date_created == TAKEN
    assert metadata.conflicts == []


def test_the_same_moment_in_two_offsets_is_no_conflict():
    packet = xmp_packet("><photoshop:DateCreated>2011-10-22T17:58:39Z</photoshop:DateCreated>")
    base = jpeg_with_exif(DateTimeOriginal="2011:10:22 13:58:39", OffsetTimeOriginal="-04:00")
    metadata = metadata_of(jpeg_with_segments(xmp_segment(packet), base=base))
    assert metadata.date_created == TAKEN
    assert metadata.blocks["xmp"]["date_created"] == "2011-10-22T17:58:39+00:00"
    assert metadata.conflicts == []
