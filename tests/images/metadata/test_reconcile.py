"""Which block wins, by the MWG 2.0 rules: files built here with EXIF, IIM and XMP that
disagree, with an IPTC digest that matches, one that does not, and none. No database."""

import pytest
from PIL import TiffImagePlugin, TiffTags

from catalog.images.files import inspect_image
from tests.images.imagefiles import (
    alt,
    exif_block,
    iim_dataset,
    iim_digest,
    image_bytes,
    image_resource,
    jpeg_with_iim,
    jpeg_with_segments,
    seq,
    xmp_packet,
    xmp_segment,
)

LIMITS = {"max_bytes": 5_000_000, "max_pixels": 1_000_000}

IIM = (
    iim_dataset(2, 80, b"Iim Byline"),
    iim_dataset(2, 110, b"IIM Credit"),
    iim_dataset(2, 120, b"IIM caption, edited after the sync."),
)
XMP = xmp_packet(
    'photoshop:Credit="XMP Credit" photoshop:Headline="XMP headline">'
    f"<dc:creator>{seq('Xmp Creator')}</dc:creator>"
    f"<dc:description>{alt('XMP caption.')}</dc:description>"
)


def metadata_of(data: bytes):
    return inspect_image(data, **LIMITS).metadata


def iim_and_xmp(digest: bytes | None, *, exif=None, datasets=IIM, packet=XMP) -> bytes:
    base = image_bytes("JPEG", size=(8, 8), **({"exif": exif} if exif else {}))
    with_xmp = jpeg_with_segments(xmp_segment(packet), base=base)
    return jpeg_with_iim(*datasets, base=with_xmp, digest=digest)


def test_a_digest_that_matches_means_xmp_is_preferred():
    metadata = metadata_of(iim_and_xmp(iim_digest(*IIM)))
    assert metadata.iim_digest == "matches"
    assert metadata.creators == ["Xmp Creator"]
    assert metadata.credit_line == "XMP Credit"
    assert metadata.caption == "XMP caption."
    assert metadata.sources["caption"] == "xmp"
    assert metadata.conflicts == ["creator", "credit_line", "caption"]


def test_a_digest_that_does_not_match_means_iim_was_edited_and_wins():
    metadata = metadata_of(iim_and_xmp(iim_digest(iim_dataset(2, 120, b"An older caption."))))
    assert metadata.iim_digest == "differs"
    assert metadata.creators == ["Iim Byline"]
    assert metadata.credit_line == "IIM Credit"
    assert metadata.caption == "IIM caption, edited after the sync."
    assert metadata.headline == "XMP headline"  # IIM has none: XMP's stands
    assert metadata.sources == {
        "creator": "iptc",
        "credit_line": "iptc",
        "caption": "iptc",
        "headline": "xmp",
    }


def test_without_a_digest_xmp_is_preferred_and_iim_fills_what_it_lacks():
    datasets = (*IIM, iim_dataset(2, 115, b"IIM Source"))
    metadata = metadata_of(iim_and_xmp(None, datasets=datasets))
    assert metadata.iim_digest == "missing"
    assert (metadata.credit_line, metadata.caption) == ("XMP Credit", "XMP caption.")
    assert metadata.source == "IIM Source"


def test_a_digest_of_the_wrong_size_counts_as_missing():
    metadata = metadata_of(iim_and_xmp(b"\x00" * 8))
    assert metadata.iim_digest == "missing"
    assert metadata.caption == "XMP caption."


def test_an_iim_value_cut_at_its_limit_leaves_xmps_whole_value():
    # IIM's by-line holds 32 characters; an XMP-unaware program kept the cut name.
    whole = "Bartholomew Fitzgerald-Montgomery Jr"
    datasets = (iim_dataset(2, 80, whole[:32].encode()), iim_dataset(2, 110, b"IIM Credit"))
    packet = xmp_packet(f'photoshop:Credit="XMP Credit"><dc:creator>{seq(whole)}</dc:creator>')
    metadata = metadata_of(iim_and_xmp(b"\x01" * 16, datasets=datasets, packet=packet))
    assert metadata.iim_digest == "differs"
    assert metadata.creators == [whole]
    assert metadata.credit_line == "IIM Credit"  # not a cut value: IIM's edit stands


def test_exif_wins_for_the_fields_it_holds_whatever_the_digest():
    exif = exif_block(
        Artist="Exif Artist",
        Copyright="EXIF copyright",
        ImageDescription="EXIF caption.",
        DateTimeOriginal="2011:10:22 13:58:39",
    )
    datasets = (*IIM, iim_dataset(2, 116, b"IIM copyright"), iim_dataset(2, 55, b"20200101"))
    for digest in (iim_digest(*datasets), b"\x01" * 16, None):
        metadata = metadata_of(iim_and_xmp(digest, exif=exif, datasets=datasets))
        assert metadata.creators == ["Exif Artist"]
        assert metadata.copyright_notice == "EXIF copyright"
        assert metadata.caption == "EXIF caption."
        assert metadata.date_created == "2011-10-22T13:58:39"
        # EXIF has no credit line: IIM against XMP decides it.
        expected_credit = "IIM Credit" if digest == b"\x01" * 16 else "XMP Credit"
        assert metadata.credit_line == expected_credit
        assert {"creator", "copyright_notice", "caption", "date_created"} <= set(metadata.conflicts)


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_exif_counts_as_absent(blank):
    exif = exif_block(Artist=blank, ImageDescription=blank)
    metadata = metadata_of(iim_and_xmp(None, exif=exif))
    assert (metadata.creators, metadata.caption) == (["Xmp Creator"], "XMP caption.")


def test_the_tiff_iim_digest_is_read_from_its_image_resources():
    datasets = (iim_dataset(2, 120, b"IIM caption."),)
    iim = b"".join(datasets)
    packet = xmp_packet(f"><dc:description>{alt('XMP caption.')}</dc:description>")

    def tiff(digest: bytes) -> bytes:
        info = TiffImagePlugin.ImageFileDirectory_v2()
        info[33723] = iim
        info.tagtype[33723] = TiffTags.UNDEFINED
        info[34377] = image_resource(0x0425, digest)
        info.tagtype[34377] = TiffTags.UNDEFINED
        info[700] = packet.encode()
        info.tagtype[700] = TiffTags.BYTE
        return image_bytes("TIFF", size=(8, 8), tiffinfo=info)

    synced = metadata_of(tiff(iim_digest(*datasets)))
    assert (synced.iim_digest, synced.caption) == ("matches", "XMP caption.")
    edited = metadata_of(tiff(iim_digest(iim_dataset(2, 120, b"Before."))))
    assert (edited.iim_digest, edited.caption) == ("differs", "IIM caption.")
