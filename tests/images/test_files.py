"""Image checks over the real sample set and hostile inputs, without a database."""

import hashlib
import json
import random
import re
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from catalog.images.files import (
    ImageFacts,
    ImageRejected,
    decoded_size,
    inspect_image,
    working_size,
)

from .imagefiles import declared_png, image_bytes

DATA = Path(__file__).resolve().parent.parent / "data" / "images"
MANIFEST = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
BY_FILE = {entry["file"]: entry for entry in MANIFEST}
READABLE = [entry for entry in MANIFEST if "expect_error" not in entry]
BROKEN = [entry for entry in MANIFEST if "expect_error" in entry]
LIMITS = {"max_bytes": 1_000_000, "max_pixels": 1_000_000}
MERGED_FIELDS = (
    "creator",
    "credit_line",
    "source",
    "copyright_notice",
    "caption",
    "headline",
    "date_created",
)
BLOCKS = {"expected_iptc": "iptc", "expected_exif": "exif", "expected_xmp": "xmp"}
# Sizes as the source projects describe their files (README notes and fixtures).
DIMENSIONS = {
    "exiftool_IPTC.jpg": (8, 8),
    "exiftool_XMP.jpg": (8, 8),
    "exiftool_ExifTool.jpg": (8, 8),
    "exiftool_PhotoMechanic.jpg": (8, 8),
    "exiftool_MWG.jpg": (8, 8),
    "exiftool_ExifTool.tif": (160, 120),
    "exiftool_PNG.png": (16, 16),
    "exiftool_RIFF.webp": (1, 1),
    "pillow_iptc.jpg": (640, 480),
    "pillow_hopper.jpg": (128, 128),
}
# Photoshop types the TIFF's IPTC tag as LONGs; Pillow says so when it opens the file.
pytestmark = pytest.mark.filterwarnings("ignore:Metadata Warning, tag 33723:UserWarning")


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def inspect_sample(entry: dict):
    return inspect_image(sample(entry["file"]), **LIMITS)


def iso_date(exiftool_date: str) -> str:
    """exiftool's `YYYY:MM:DD[ HH:MM:SS[.sss]]` as ISO 8601 to the second."""
    date = re.sub(r"^(\d{4}):(\d{2}):(\d{2})", r"\1-\2-\3", exiftool_date)
    return re.sub(r"\.\d+$", "", date.replace(" ", "T"))


def expected_value(values: dict, name: str) -> str:
    """The manifest's value in the reader's form; IIM date and time (with its offset) come
    as one date-time."""
    if name != "date_created":
        return values[name]
    date = iso_date(values[name])
    if "time_created" in values:
        date += "T" + values["time_created"]  # with its UTC offset
    return date


def entry_ids(entries):
    return [entry["file"] for entry in entries]


@pytest.mark.parametrize("entry", READABLE, ids=entry_ids(READABLE))
def test_facts_match_the_file(entry):
    data = sample(entry["file"])
    facts = inspect_image(data, **LIMITS)
    assert facts.format == entry["format"]
    assert facts.mime_type == "image/" + entry["format"].lower()
    assert facts.size == entry["bytes"] == len(data)
    assert facts.sha256 == entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert (facts.width, facts.height) == DIMENSIONS[entry["file"]]


def test_a_jpeg_with_a_multi_picture_segment_is_a_jpeg():
    assert Image.open(DATA / "exiftool_ExifTool.jpg").format == "MPO"
    facts = inspect_image(sample("exiftool_ExifTool.jpg"), **LIMITS)
    assert (facts.format, facts.mime_type) == ("JPEG", "image/jpeg")


WITH_EXPECTED = [entry for entry in READABLE if entry["expected"]]


@pytest.mark.parametrize("entry", WITH_EXPECTED, ids=entry_ids(WITH_EXPECTED))
def test_values_every_block_agrees_on_are_read(entry):
    metadata = inspect_sample(entry).metadata
    expected = entry["expected"]
    for name in expected:
        if name in MERGED_FIELDS:
            assert getattr(metadata, name) == expected_value(expected, name), name
        else:  # city, country, time_created: kept per block, the same wherever present
            found = [block[name] for block in metadata.blocks.values() if name in block]
            assert found, name
            assert set(found) == {expected[name]}, name


BLOCK_CASES = [(entry, key) for entry in READABLE for key in BLOCKS if key in entry]


@pytest.mark.parametrize(
    ("entry", "key"), BLOCK_CASES, ids=[f"{e['file']}-{BLOCKS[k]}" for e, k in BLOCK_CASES]
)
def test_each_block_is_read_exactly(entry, key):
    block = inspect_sample(entry).metadata.blocks[BLOCKS[key]]
    for name in entry[key]:
        assert block[name] == expected_value(entry[key], name), name


CONFLICT_CASES = [entry for entry in READABLE if "expected_mwg" not in entry]


@pytest.mark.parametrize("entry", CONFLICT_CASES, ids=entry_ids(CONFLICT_CASES))
def test_conflicts_are_the_fields_the_blocks_disagree_on(entry):
    # Where the manifest names no conflict, `expected` holds every value the blocks share.
    assert inspect_sample(entry).metadata.conflicts == entry.get("conflicts", [])


def test_blocks_are_json_and_the_merged_fields_a_dict():
    metadata = inspect_sample(BY_FILE["exiftool_ExifTool.jpg"]).metadata
    assert json.loads(json.dumps(metadata.blocks)) == metadata.blocks
    assert set(metadata.blocks) == {"iptc", "exif", "xmp"}
    assert metadata.as_dict() == {name: getattr(metadata, name) for name in MERGED_FIELDS}


def test_a_file_without_metadata_has_empty_fields():
    entry = BY_FILE["pillow_hopper.jpg"]
    metadata = inspect_sample(entry).metadata
    assert metadata.as_dict() == dict.fromkeys(MERGED_FIELDS, "")
    for block in entry["expected_absent"]:
        assert metadata.blocks[block] == {}
    assert metadata.conflicts == []


def test_exif_is_preferred_for_the_fields_it_holds():
    # MWG: a native EXIF value wins over XMP (there is no checksum to tell it stale).
    metadata = inspect_sample(BY_FILE["exiftool_XMP.jpg"]).metadata
    assert metadata.blocks["xmp"]["caption"] == "UTF-16 (big-endian) encoded XMP"
    assert metadata.caption == metadata.blocks["exif"]["caption"] == "A witty caption"
    assert metadata.blocks["xmp"]["date_created"] == "2004-02-26"
    assert metadata.date_created == "2001-05-19T18:36:41"
    assert metadata.sources["caption"] == metadata.sources["date_created"] == "exif"
    assert metadata.sources["credit_line"] == "xmp"  # EXIF has no credit line


def test_a_date_gains_the_time_another_block_knows():
    # XMP gives the day only; IIM gives the same day with a time, so nothing conflicts.
    metadata = inspect_sample(BY_FILE["exiftool_PhotoMechanic.jpg"]).metadata
    assert metadata.blocks["xmp"]["date_created"] == "2006-10-29"
    assert metadata.blocks["iptc"]["date_created"] == "2006-10-29T06:27:51-05:00"
    assert metadata.date_created == "2006-10-29T06:27:51-05:00"
    assert metadata.conflicts == []


def test_the_iim_block_in_a_trailer_after_the_image_is_ignored():
    entry = BY_FILE["exiftool_ExifTool.jpg"]
    iptc = inspect_sample(entry).metadata.blocks["iptc"]
    trailer = entry["expected_iptc_afcp_trailer"]
    for name in trailer:
        assert iptc[name] != expected_value(trailer, name), name
        assert iptc[name] == expected_value(entry["expected_iptc"], name), name


def test_mwg_file_reads_as_exiftools_reconciliation():
    """exiftool's MWG composite tags and the catalog follow the same MWG 2.0 rules: EXIF
    where it has the field, then XMP (the file has no IPTC digest), then IIM."""
    mwg = BY_FILE["exiftool_MWG.jpg"]["expected_mwg"]
    metadata = inspect_sample(BY_FILE["exiftool_MWG.jpg"]).metadata
    blocks = metadata.blocks
    assert metadata.iim_digest == "missing"
    assert metadata.creator == mwg["creator"]
    assert metadata.creators == mwg["creator"].split(", ")
    assert metadata.copyright_notice == mwg["copyright_notice"]
    assert metadata.caption == mwg["caption"]
    assert metadata.date_created == iso_date(mwg["date_created"])
    # City and country are kept per block; MWG takes XMP's city, and IIM's country
    # because XMP has none.
    assert blocks["xmp"]["city"] == mwg["city"]
    assert "country" not in blocks["xmp"]
    assert blocks["iptc"]["country"] == mwg["country"]
    # The blocks still disagree, which is what flags the photo for an editor.
    assert metadata.conflicts == ["creator", "copyright_notice", "caption", "date_created"]
    assert metadata.sources == {
        "creator": "exif",
        "copyright_notice": "xmp",
        "caption": "exif",
        "date_created": "exif",
    }


def test_orientation_is_read_from_exif():
    assert inspect_sample(BY_FILE["exiftool_MWG.jpg"]).orientation == 6
    assert inspect_sample(BY_FILE["exiftool_ExifTool.jpg"]).orientation == 1
    assert inspect_sample(BY_FILE["pillow_hopper.jpg"]).orientation == 1


# Rejections.

REJECTION_MESSAGES = {
    "corrupt": "the image is truncated or corrupt: ",
    "decompression_bomb": "the image may be a decompression bomb: it declares ",
}


@pytest.mark.parametrize("entry", BROKEN, ids=entry_ids(BROKEN))
def test_broken_sample_files_are_rejected(entry):
    with pytest.raises(ImageRejected) as rejected:
        inspect_sample(entry)
    assert rejected.value.reason == entry["expect_error"]
    assert str(rejected.value).startswith(REJECTION_MESSAGES[entry["expect_error"]])


def test_a_truncated_jpeg_is_caught_only_by_decoding_it():
    image = Image.open(DATA / "pillow_truncated_jpeg.jpg")
    image.verify()  # passes: only the full decode finds the missing data
    with pytest.raises(ImageRejected, match=r"truncated or corrupt: image file is truncated"):
        inspect_image(sample("pillow_truncated_jpeg.jpg"), **LIMITS)


def test_the_bomb_is_refused_before_any_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    with pytest.raises(ImageRejected) as rejected:
        inspect_image(sample("pillow_decompression_bomb.gif"), **LIMITS)
    assert rejected.value.reason == "decompression_bomb"
    assert "4,364,696,535 pixels; the limit is 1,000,000" in str(rejected.value)
    assert decoded == []


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares a size its few bytes of data cannot fill."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def rejection(data: bytes, **limits) -> ImageRejected:
    with pytest.raises(ImageRejected) as rejected:
        inspect_image(data, **{**LIMITS, **limits})
    return rejected.value


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (random.Random(5).randbytes(4096), "the file is not an image"),
        (b"Caption: a quiet street.\nCredit: Jane Doe / AP\n", "the file is not an image"),
        (b"<!DOCTYPE html><html><body><h1>Photos</h1></body></html>", "the file is not an image"),
        (b'#!/bin/sh\necho "not a picture"\n', "the file is not an image"),
    ],
    ids=["empty", "random", "text", "html", "script"],
)
def test_files_that_are_not_images_are_rejected(data, message):
    refused = rejection(data)
    assert refused.reason == "not_an_image"
    assert str(refused).startswith(message)


@pytest.mark.parametrize(
    ("image_format", "name"),
    [("BMP", "BMP"), ("ICO", "ICO"), ("PPM", "Netpbm"), ("PDF", "PDF"), ("JPEG2000", "JPEG 2000")],
)
def test_real_images_in_refused_formats_are_rejected(image_format, name):
    refused = rejection(image_bytes(image_format))
    assert refused.reason == "format"
    assert str(refused) == f"{name} images are not accepted; send JPEG, PNG, WebP, TIFF or GIF"


def test_an_svg_is_a_refused_format():
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    refused = rejection(svg)
    assert (refused.reason, refused.message.split()[0]) == ("format", "SVG")


def test_a_file_over_the_byte_limit_is_refused_before_it_is_opened(monkeypatch):
    opened = []
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: opened.append(args))
    refused = rejection(b"x" * 2001, max_bytes=2000)
    assert refused.reason == "too_large"
    assert str(refused) == "the file has 2,001 bytes; the limit is 2,000"
    assert opened == []


def test_an_image_over_the_pixel_limit_is_refused_without_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    refused = rejection(image_bytes("PNG", size=(150, 100)), max_pixels=10_000)
    assert refused.reason == "too_many_pixels"
    assert str(refused) == "the image has 15,000 pixels (150x100); the limit is 10,000"
    assert decoded == []


def test_the_pixel_limit_is_per_call_and_leaves_pillows_alone():
    before = Image.MAX_IMAGE_PIXELS
    data = image_bytes("PNG", size=(150, 100))
    assert rejection(data, max_pixels=10_000).reason == "too_many_pixels"
    assert inspect_image(data, max_bytes=100_000, max_pixels=15_000).width == 150
    assert before == Image.MAX_IMAGE_PIXELS


@pytest.mark.parametrize(
    ("width", "height", "max_pixels"),
    [(100_000, 100_000, 1_000_000), (3_000, 3_000, 1_000_000)],
    ids=["beyond-pillows-limit", "beyond-twice-ours"],
)
def test_a_png_declaring_a_huge_size_in_a_few_bytes_is_a_bomb(width, height, max_pixels):
    data = png_declaring(width, height)
    assert len(data) < 100
    refused = rejection(data, max_pixels=max_pixels)
    assert refused.reason == "decompression_bomb"
    assert f"it declares {width * height:,} pixels" in str(refused)


def test_a_png_cut_short_is_corrupt():
    data = image_bytes("PNG", size=(64, 64), mode="RGB")
    refused = rejection(data[: len(data) // 2])
    assert refused.reason == "corrupt"
    assert str(refused).startswith("the image is truncated or corrupt: ")


def test_a_png_with_a_broken_checksum_is_corrupt():
    data = bytearray(image_bytes("PNG"))
    data[29] ^= 0xFF  # last byte of the IHDR chunk's CRC
    assert rejection(bytes(data)).reason == "corrupt"


def test_an_accepted_signature_followed_by_garbage_is_corrupt():
    refused = rejection(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20)
    assert refused.reason == "corrupt"
    assert "it starts as a PNG but" in str(refused)


def test_truncated_images_may_not_be_let_through(monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(RuntimeError, match="LOAD_TRUNCATED_IMAGES"):
        inspect_image(sample("pillow_hopper.jpg"), **LIMITS)


def damaged_copies(data: bytes, count: int, seed: int):
    """Copies with a few bytes changed, half of them also cut short."""
    rng = random.Random(seed)
    for number in range(count):
        damaged = bytearray(data if number % 2 else data[: rng.randrange(1, len(data))])
        for _ in range(rng.randrange(1, 6)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        yield bytes(damaged)


def outcome(data: bytes) -> ImageFacts | ImageRejected:
    try:
        return inspect_image(data, **LIMITS)
    except ImageRejected as refused:
        return refused


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's notes on damaged EXIF
@pytest.mark.parametrize("entry", MANIFEST, ids=entry_ids(MANIFEST))
def test_damaged_files_give_facts_or_a_rejection_and_nothing_else(entry):
    for data in damaged_copies(sample(entry["file"]), count=40, seed=len(entry["file"])):
        result = outcome(data)
        if isinstance(result, ImageRejected):
            assert result.reason in ImageRejected.REASONS
            assert result.message
        else:
            assert result.size == len(data)
            assert json.loads(json.dumps(result.metadata.blocks)) == result.metadata.blocks


# -- memory: what the decoded pixels would take, known before decoding ------------------


@pytest.mark.parametrize(
    ("mode", "per_pixel"),
    [
        ("1", 1),
        ("L", 1),
        ("P", 1),
        ("I;16", 2),
        ("I", 4),
        ("F", 4),
        ("LA", 4),  # two bands of 8 bits are held in 4 bytes
        ("RGB", 4),  # so are three
        ("RGBA", 4),
        ("CMYK", 4),
    ],
)
def test_the_decoded_size_is_what_pillow_holds_for_each_mode(mode, per_pixel):
    assert decoded_size(300, 200, mode) == 60_000 * per_pixel


@pytest.mark.parametrize(
    ("mode", "transparent", "per_pixel"),
    [
        ("RGB", False, 4),  # reduced as it is
        ("L", False, 1),
        ("RGBA", True, 8),  # and its premultiplied copy
        ("P", False, 5),  # and its RGB copy
        ("P", True, 8),  # RGBA, then premultiplied, each freed after the next is made
        ("I;16", False, 6),  # and its 32-bit copy
    ],
)
def test_the_working_size_counts_the_conversions_held_at_once(mode, transparent, per_pixel):
    assert working_size(300, 200, mode, transparent) == 60_000 * per_pixel


def test_a_small_png_that_decodes_huge_is_refused_without_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    data = declared_png(4000, 3000)  # 16-bit RGBA, read as 8-bit RGBA: 48 MB, 96 MB to reduce

    refused = rejection(
        data, max_bytes=1_000_000, max_pixels=50_000_000, max_decoded_bytes=64 * 1024 * 1024
    )

    assert len(data) < 200_000
    assert refused.reason == "decoded_too_large"
    assert str(refused) == (
        "the image would take 96,000,000 bytes of memory to decode and convert "
        "(4000x3000, mode RGBA); the limit is 67,108,864"
    )
    assert decoded == []


def test_under_the_memory_limit_the_same_kind_of_image_is_accepted():
    facts = inspect_image(
        declared_png(400, 300), max_bytes=100_000, max_pixels=1_000_000, max_decoded_bytes=960_000
    )

    assert (facts.format, facts.width, facts.height) == ("PNG", 400, 300)


@pytest.mark.parametrize(
    ("mode", "working"),
    [("PALETTE", "16,000,000"), ("GREY16", "12,000,000")],  # 2 million pixels x 8 and x 6
    ids=["palette", "grey16"],
)
def test_other_small_files_that_expand_are_refused_by_their_working_size(mode, working):
    refused = rejection(
        declared_png(2000, 1000, mode=mode), max_pixels=50_000_000, max_decoded_bytes=4_000_000
    )

    assert refused.reason == "decoded_too_large"
    assert str(refused).startswith(f"the image would take {working} bytes")


def test_a_jpeg_decoded_at_an_eighth_for_its_check_keeps_its_own_size():
    facts = inspect_image(
        image_bytes("JPEG", size=(1600, 800)), **LIMITS | {"max_pixels": 2_000_000}
    )

    assert (facts.width, facts.height) == (1600, 800)
