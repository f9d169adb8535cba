"""XMP packets in JPEG APP1 segments written here: signature variants, two packets,
extended XMP, property names in either case, several creators. No database."""

import logging

import pytest

from catalog.images.files import inspect_image
from catalog.images.metadata.xmp import packet_text
from tests.images.imagefiles import (
    alt,
    extended_xmp_segments,
    image_bytes,
    jpeg_with_segments,
    seq,
    xmp_packet,
    xmp_segment,
)

LIMITS = {"max_bytes": 1_000_000, "max_pixels": 1_000_000}
CREDIT = xmp_packet('photoshop:Credit="Jane Doe / AP">', wrapper=True)


def xmp_of(*segments: bytes) -> dict:
    return inspect_image(jpeg_with_segments(*segments), **LIMITS).metadata.blocks["xmp"]


@pytest.mark.parametrize(
    "signature",
    [
        b"http://ns.adobe.com/xap/1.0/\x00",
        b"http://ns.adobe.com/xap/1.0/",
        b"http://ns.adobe.com/xap/1.0/ ",
        b"http://ns.adobe.com/xap/1.0/\x00\x00\x00",
        b"http://ns.adobe.com/xap/1.0/\x00 \r\n",
        b"HTTP://NS.ADOBE.COM/XAP/1.0/\x00",
        b"XMP\x00",
        b"",
    ],
    ids=["standard", "no-nul", "space", "nuls", "nul-and-white-space", "capitals", "xmp", "none"],
)
def test_a_packet_is_read_whatever_signature_comes_before_it(signature):
    assert xmp_of(xmp_segment(CREDIT, signature))["credit_line"] == "Jane Doe / AP"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-be", "utf-16-le", "utf-8-sig", "utf-16"])
def test_a_packet_in_utf8_or_utf16_with_or_without_a_byte_order_mark(encoding):
    packet = xmp_packet(f"><dc:creator>{seq('Zoë Łukasz')}</dc:creator>", wrapper=True)
    assert xmp_of(xmp_segment(packet.encode(encoding)))["creator"] == "Zoë Łukasz"


def test_an_app1_segment_that_is_not_xmp_is_left_alone(caplog):
    with caplog.at_level(logging.WARNING, logger="catalog.images.metadata"):
        found = xmp_of(xmp_segment(b"vendor data, no packet", b"http://example.org/x\x00"))
    assert found == {}
    assert caplog.text == ""


def test_two_packets_the_first_wins_and_the_second_fills_what_it_lacks():
    first = xmp_packet(f'photoshop:Credit="Jane Doe / AP">{_caption("First caption.")}')
    second = xmp_packet(
        'photoshop:Credit="Someone Else / Reuters" photoshop:Source="AP">'
        + _caption("Second caption.")
    )
    found = xmp_of(xmp_segment(first), xmp_segment(second))
    assert found["credit_line"] == "Jane Doe / AP"
    assert found["caption"] == "First caption."
    assert found["source"] == "AP"


def test_an_unreadable_second_packet_is_skipped_and_the_first_kept(caplog):
    first = xmp_packet('photoshop:Credit="Jane Doe / AP">')
    with caplog.at_level(logging.WARNING, logger="catalog.images.metadata"):
        found = xmp_of(xmp_segment(first), xmp_segment("<x:xmpmeta><unclosed>"))
    assert found == {"credit_line": "Jane Doe / AP"}
    assert "Skipped an unreadable XMP packet in a JPEG image" in caplog.text


def test_extended_xmp_is_assembled_from_its_chunks_whatever_their_order():
    caption = "A long caption moved to the extended packet. " * 40
    extended = xmp_packet(f'photoshop:Credit="Not this one">{_caption(caption)}')
    guid, chunks = extended_xmp_segments(extended, chunk_size=500)
    assert len(chunks) > 2
    main = xmp_packet(f'photoshop:Credit="Jane Doe / AP" xmpNote:HasExtendedXMP="{guid}">')
    found = xmp_of(xmp_segment(main), *reversed(chunks))
    assert found["caption"] == caption.strip()
    assert found["credit_line"] == "Jane Doe / AP"  # the main packet's value wins


def test_extended_xmp_missing_a_chunk_is_ignored():
    extended = xmp_packet(_caption("A caption. " * 100))
    guid, chunks = extended_xmp_segments(extended, chunk_size=300)
    main = xmp_packet(f'photoshop:Credit="Jane Doe / AP" xmpNote:HasExtendedXMP="{guid}">')
    found = xmp_of(xmp_segment(main), *chunks[:-1])
    assert found == {"credit_line": "Jane Doe / AP"}


def test_property_names_match_in_either_case():
    packet = xmp_packet(
        'photoshop:credit="Jane Doe / AP" photoshop:SOURCE="AP">'
        f"<dc:Rights>{alt('© 2024 Jane Doe')}</dc:Rights>"
        f"<dc:Creator>{seq('Jane Doe')}</dc:Creator>"
        "<photoshop:headline>Street</photoshop:headline>"
    )
    assert xmp_of(xmp_segment(packet)) == {
        "credit_line": "Jane Doe / AP",
        "source": "AP",
        "copyright_notice": "© 2024 Jane Doe",
        "creator": "Jane Doe",
        "creators": ["Jane Doe"],
        "headline": "Street",
    }


def test_a_namespace_written_without_its_trailing_slash_is_the_same():
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0"'
        ' photoshop:Credit="Jane Doe / AP"/></rdf:RDF></x:xmpmeta>'
    )
    assert xmp_of(xmp_segment(packet)) == {"credit_line": "Jane Doe / AP"}


def test_several_creators_are_kept_one_by_one():
    packet = xmp_packet(f"><dc:creator>{seq('Jane Doe', ' John Roe ', '', 'Ann Poe')}</dc:creator>")
    found = xmp_of(xmp_segment(packet))
    assert found["creators"] == ["Jane Doe", "John Roe", "Ann Poe"]
    assert found["creator"] == "Jane Doe, John Roe, Ann Poe"


def test_png_webp_and_tiff_keep_their_single_packet():
    packet = xmp_packet(f"><dc:Creator>{seq('Jane Doe', 'John Roe')}</dc:Creator>").encode()
    for image_format, options in (
        ("PNG", {"pnginfo": _png_info(packet)}),
        ("WEBP", {"xmp": packet}),
        ("TIFF", {"tiffinfo": {700: packet}}),
    ):
        data = image_bytes(image_format, size=(8, 8), **options)
        metadata = inspect_image(data, **LIMITS).metadata
        assert metadata.creators == ["Jane Doe", "John Roe"], image_format


def test_packet_text_finds_the_packet_after_any_padding():
    assert packet_text(b"junk\x00  <x:xmpmeta/>\x00\x00  ") == "<x:xmpmeta/>"
    assert packet_text("<x:xmpmeta/>".encode("utf-16-be")) == "<x:xmpmeta/>"
    assert packet_text(b"\x00" + "<x:xmpmeta/>".encode("utf-16-le")) == "<x:xmpmeta/>"
    assert packet_text(b"no packet here") is None


def _caption(text: str) -> str:
    return f"<dc:description>{alt(text)}</dc:description>"


def _png_info(packet: bytes):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", packet.decode())
    return info
