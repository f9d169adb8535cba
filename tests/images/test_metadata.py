"""Embedded metadata read from images built in memory: IIM charsets, EXIF, XMP shapes,
dates, merging, and hostile blocks. No database."""

import logging

import pytest

from catalog.images.files import inspect_image
from catalog.images.metadata import merge_values, normalise_date, normalise_time, values_agree

from .imagefiles import iim_dataset, jpeg_with_exif, jpeg_with_iim, jpeg_with_xmp, xmp_packet

LIMITS = {"max_bytes": 1_000_000, "max_pixels": 1_000_000}
UTF8_DECLARED = iim_dataset(1, 90, b"\x1b%G")
NAME = "Zoë Müller-Łukasz"  # Ł is not in Latin-1
LATIN1_NAME = "Zoë Müller, Göteborg"


def metadata_of(data: bytes):
    return inspect_image(data, **LIMITS).metadata


# IPTC IIM.


def test_iim_declared_utf8_is_decoded_as_utf8():
    data = jpeg_with_iim(UTF8_DECLARED, iim_dataset(2, 80, NAME.encode("utf-8")))
    assert metadata_of(data).creator == NAME


def test_iim_without_a_declaration_is_latin1():
    data = jpeg_with_iim(iim_dataset(2, 80, LATIN1_NAME.encode("latin-1")))
    assert metadata_of(data).creator == LATIN1_NAME


def test_undeclared_utf8_is_read_as_latin1_as_the_standard_says():
    data = jpeg_with_iim(iim_dataset(2, 80, "Zoë".encode()))
    assert metadata_of(data).creator == "ZoÃ«"


def test_iim_fields_repeated_values_and_date_time():
    data = jpeg_with_iim(
        UTF8_DECLARED,
        iim_dataset(2, 80, b"Jane Doe"),
        iim_dataset(2, 80, b"John Roe"),
        iim_dataset(2, 110, b"Jane Doe / AP"),
        iim_dataset(2, 115, b"AP"),
        iim_dataset(2, 116, "© 2024 AP".encode()),
        iim_dataset(2, 120, b"A quiet street.\r\nSecond line."),
        iim_dataset(2, 105, b"Street"),
        iim_dataset(2, 55, b"20240131"),
        iim_dataset(2, 60, b"143000+0100"),
        iim_dataset(2, 90, "Kraków".encode()),
        iim_dataset(2, 101, b"Poland"),
    )
    metadata = metadata_of(data)
    assert metadata.as_dict() == {
        "creator": "Jane Doe, John Roe",
        "credit_line": "Jane Doe / AP",
        "source": "AP",
        "copyright_notice": "© 2024 AP",
        "caption": "A quiet street.\nSecond line.",
        "headline": "Street",
        "date_created": "2024-01-31T14:30:00+01:00",
    }
    assert metadata.creators == ["Jane Doe", "John Roe"]
    assert metadata.blocks["iptc"]["time_created"] == "14:30:00+01:00"
    assert metadata.blocks["iptc"]["city"] == "Kraków"
    assert metadata.blocks["iptc"]["country"] == "Poland"


def test_an_unknown_iim_date_is_left_empty():
    data = jpeg_with_iim(iim_dataset(2, 55, b"00000000"), iim_dataset(2, 80, b"Jane Doe"))
    metadata = metadata_of(data)
    assert (metadata.creator, metadata.date_created) == ("Jane Doe", "")


def test_a_broken_iim_block_is_skipped_and_the_others_still_read(caplog):
    data = jpeg_with_iim(
        iim_dataset(2, 80, b"Jane Doe"),
        b"\x1c\x63" + b"\xff" * 40,  # record 99 does not exist
        base=jpeg_with_exif(Copyright="Jane Doe"),
    )
    with caplog.at_level(logging.WARNING, logger="catalog.images.metadata"):
        metadata = metadata_of(data)
    assert metadata.blocks["iptc"] == {}
    assert metadata.copyright_notice == "Jane Doe"
    assert "Skipped unreadable IPTC IIM metadata in a JPEG image" in caplog.text


# EXIF.


def test_exif_fields():
    data = jpeg_with_exif(
        Artist="Jane Doe; John Roe",
        Copyright="Jane Doe\x00Desk Editor",
        ImageDescription="  A quiet street.  ",
        DateTimeOriginal="2020:01:02 03:04:05",
    )
    assert metadata_of(data).blocks["exif"] == {
        "creator": "Jane Doe, John Roe",
        "creators": ["Jane Doe", "John Roe"],
        "copyright_notice": "Jane Doe, Desk Editor",
        "caption": "A quiet street.",
        "date_created": "2020-01-02T03:04:05",
    }


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_exif_text_in_utf8_or_latin1(encoding):
    data = jpeg_with_exif(Artist="Zoë Müller".encode(encoding))
    assert metadata_of(data).creator == "Zoë Müller"


def test_an_unset_exif_date_is_left_empty():
    data = jpeg_with_exif(DateTimeOriginal="0000:00:00 00:00:00", Artist="Jane Doe")
    assert metadata_of(data).blocks["exif"] == {"creator": "Jane Doe", "creators": ["Jane Doe"]}


@pytest.mark.parametrize(("stored", "read"), [(6, 6), (8, 8), (9, 1), (0, 1)])
def test_orientation_outside_1_to_8_counts_as_upright(stored, read):
    assert inspect_image(jpeg_with_exif(Orientation=stored), **LIMITS).orientation == read


# XMP.


def test_xmp_alt_prefers_x_default_and_seq_joins_creators():
    packet = xmp_packet(
        'photoshop:Credit="Jane Doe / AP">'
        "<dc:description><rdf:Alt>"
        '<rdf:li xml:lang="fr">Une rue calme.</rdf:li>'
        '<rdf:li xml:lang="x-default">A quiet street.</rdf:li>'
        "</rdf:Alt></dc:description>"
        "<dc:rights><rdf:Alt><rdf:li xml:lang='de'>© Jane Doe</rdf:li></rdf:Alt></dc:rights>"
        "<dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li><rdf:li>John Roe</rdf:li></rdf:Seq>"
        "</dc:creator>"
        "<photoshop:DateCreated>2024-01-31T14:30:15.5+01:00</photoshop:DateCreated>"
        "<photoshop:Headline> Street </photoshop:Headline>"
    )
    metadata = metadata_of(jpeg_with_xmp(packet))
    assert metadata.blocks["xmp"] == {
        "creator": "Jane Doe, John Roe",
        "creators": ["Jane Doe", "John Roe"],
        "credit_line": "Jane Doe / AP",
        "copyright_notice": "© Jane Doe",
        "caption": "A quiet street.",
        "headline": "Street",
        "date_created": "2024-01-31T14:30:15+01:00",
    }


def test_xmp_from_other_namespaces_with_the_same_names_is_not_taken():
    packet = xmp_packet(
        'xmlns:other="http://example.org/other/" other:Credit="Wrong" other:Headline="Wrong">'
        "<dc:source>a dc:source, not photoshop:Source</dc:source>"
    )
    assert metadata_of(jpeg_with_xmp(packet)).blocks["xmp"] == {}


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">&lol3;</x:xmpmeta>'
)


@pytest.mark.parametrize(
    "packet",
    [
        BILLION_LAUGHS,
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><unclosed>",
        "<a>" * 8_000 + "</a>" * 8_000,  # as deep as fits in a JPEG segment
        b"\xff\xfe\x00garbage",
    ],
    ids=["entity-expansion", "malformed", "deep-nesting", "not-xml"],
)
def test_hostile_xmp_is_skipped_and_the_image_still_accepted(packet, caplog):
    with caplog.at_level(logging.WARNING, logger="catalog.images.metadata"):
        facts = inspect_image(jpeg_with_xmp(packet), **LIMITS)
    assert facts.metadata.blocks["xmp"] == {}
    assert "Skipped unreadable XMP metadata in a JPEG image" in caplog.text


# Dates and merging.


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2004:02:26", "2004-02-26"),
        ("20040226", "2004-02-26"),
        ("2004-02-26", "2004-02-26"),
        ("2001:05:19 18:36:41", "2001-05-19T18:36:41"),
        ("1993-01-01T03:11:11.311+01:00", "1993-01-01T03:11:11+01:00"),
        ("2024-01-31T14:30Z", "2024-01-31T14:30:00+00:00"),
        ("2011-10-22T13:58:39-0400", "2011-10-22T13:58:39-04:00"),
        ("2011-10-22T13:58:39+25:00", "2011-10-22T13:58:39"),
        ("2004-02-26Z", "2004-02-26"),
        ("2004-02", "2004-02"),
        ("2004", "2004"),
        ("0000:00:00 00:00:00", ""),
        ("2004-02-30", ""),
        ("2004-02-26T25:00:00", ""),
        ("    :  :     :  :  ", ""),
        ("yesterday", ""),
        ("", ""),
    ],
)
def test_normalise_date(text, iso):
    assert normalise_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [("062751-0500", "06:27:51-05:00"), ("143000", "14:30:00"), ("246000", ""), ("noon", "")],
)
def test_normalise_time(text, iso):
    assert normalise_time(text) == iso


def test_merge_takes_the_first_value_and_a_date_the_most_precise_agreeing_one():
    assert merge_values("caption", ["XMP caption", "IIM caption"]) == "XMP caption"
    assert merge_values("caption", []) == ""
    assert merge_values("date_created", ["2006-10-29", "2006-10-29T06:27:51"]) == (
        "2006-10-29T06:27:51"
    )
    assert merge_values("date_created", ["2004-02-26", "2001-05-19T18:36:41"]) == "2004-02-26"


def test_values_agree_up_to_white_space_and_date_precision():
    assert values_agree("caption", "A quiet\nstreet.", "A quiet street. ")
    assert not values_agree("caption", "A quiet street.", "a quiet street.")
    assert values_agree("date_created", "2006-10-29", "2006-10-29T06:27:51")
    assert not values_agree("date_created", "2006-10-29", "2006-10-30T06:27:51")
