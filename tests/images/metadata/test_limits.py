"""Values too long are cut to fit, with a notice; the raw blocks stay within their
budget. Never a refusal of a valid image. No database."""

import json

from catalog.images.files import inspect_image
from catalog.images.metadata import BLOCKS_BUDGET, FIELD_LIMITS
from catalog.images.metadata.text import CUT_MARKER, cut
from tests.images.imagefiles import (
    alt,
    exif_block,
    iim_dataset,
    image_bytes,
    jpeg_with_iim,
    jpeg_with_segments,
    xmp_packet,
    xmp_segment,
)

LIMITS = {"max_bytes": 10_000_000, "max_pixels": 1_000_000}


def metadata_of(data: bytes):
    return inspect_image(data, **LIMITS).metadata


def test_a_16000_character_xmp_credit_is_cut_to_500_with_a_notice():
    credit = "Jane Doe / " + "Agency " * 2_284  # 16,000 characters with the trailing space
    packet = xmp_packet(f'photoshop:Credit="{credit.strip()}">')
    metadata = metadata_of(jpeg_with_segments(xmp_segment(packet)))
    assert len(credit.strip()) == 15_998
    assert metadata.credit_line.startswith("Jane Doe / Agency Agency")
    assert len(metadata.credit_line) <= FIELD_LIMITS["credit_line"] == 500
    assert metadata.notices == ["the XMP credit line has 15,998 characters; cut to 500"]


def test_a_two_megabyte_tiff_description_is_cut_to_the_caption_limit():
    description = "A long caption. " * 131_072  # 2 MiB
    data = image_bytes("TIFF", size=(8, 8), exif=exif_block(ImageDescription=description))
    metadata = metadata_of(data)
    assert len(metadata.caption) <= FIELD_LIMITS["caption"] == 10_000
    assert metadata.caption.startswith("A long caption. A long caption.")
    assert metadata.notices == ["the EXIF caption has 2,097,151 characters; cut to 10,000"]


def test_each_of_several_creators_is_cut_to_a_name_length():
    long_name = "Jane " + "Doe" * 100
    packet = xmp_packet(
        "><dc:creator><rdf:Seq>"
        f"<rdf:li>{long_name}</rdf:li><rdf:li>John Roe</rdf:li>"
        "</rdf:Seq></dc:creator>"
    )
    metadata = metadata_of(jpeg_with_segments(xmp_segment(packet)))
    assert [len(name) <= 200 for name in metadata.creators] == [True, True]
    assert metadata.creators[1] == "John Roe"
    assert metadata.notices == ["the XMP creator has 305 characters; cut to 200"]


def test_the_blocks_kept_on_the_photo_fit_their_budget():
    caption = "語" * 9_000  # 27,000 bytes of UTF-8 in each block
    exif = exif_block(ImageDescription=caption.encode())  # EXIF text in UTF-8, as MWG asks
    packet = xmp_packet(f"><dc:description>{alt(caption)}</dc:description>")
    base = image_bytes("JPEG", size=(8, 8), exif=exif)
    data = jpeg_with_iim(
        iim_dataset(1, 90, b"\x1b%G"),
        iim_dataset(2, 120, caption.encode()),
        base=jpeg_with_segments(xmp_segment(packet), base=base),
    )
    metadata = metadata_of(data)
    size = len(json.dumps(metadata.blocks, ensure_ascii=False).encode())
    assert size <= BLOCKS_BUDGET
    cut_values = [
        block["caption"] for block in metadata.blocks.values() if block["caption"] != caption
    ]
    assert cut_values
    assert all(value.endswith(CUT_MARKER) for value in cut_values)
    assert metadata.caption == caption  # the value the photo takes is whole
    assert metadata.notices == [
        f"the embedded blocks kept on the photo were cut to fit {BLOCKS_BUDGET:,} bytes"
    ]


def test_cut_prefers_a_word_boundary_near_the_limit():
    assert cut("Jane Doe / Agency France-Presse", 20) == "Jane Doe / Agency"
    assert cut("Janedoeagencyfrancepresse", 10) == "Janedoeage"
    assert cut("short", 10) == "short"
