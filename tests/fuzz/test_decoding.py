"""Decoding a file's bytes: text, or a ParseError that names a line.

Text written in any encoding and read back with that encoding (or with a
BOM that names it) comes back unchanged; a file cut at any byte loses at
most its last, incomplete character; a bad byte is reported on its line
whichever line endings the file uses.
"""

import codecs

from hypothesis import assume, given
from hypothesis import strategies as st

from catalog.importers.decoding import decode_text
from catalog.importers.errors import ParseError

from .strategies import random_text

UNICODE = ["utf-8", "utf_8", "UTF8", "utf-16", "utf_16", "utf-16-le", "UTF-16BE", "utf-32"]
UNICODE += ["utf_32_le", "utf-7"]
EIGHT_BIT = ["latin-1", "iso8859_15", "cp1252", "mac_roman", "cp437", "koi8_r", "cp037"]
MULTI_BYTE = ["shift_jis", "gb18030", "big5", "euc_kr"]
# Codecs that fail without saying where, or refuse everything.
ODD = ["ascii", "idna", "punycode", "undefined"]
NOT_TEXT = ["base64", "zlib_codec", "rot13", "no-such-encoding"]
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes, encoding: str) -> str | ParseError:
    try:
        return decode_text(data, encoding)
    except ParseError as error:
        return error


@given(st.binary(max_size=2000), st.sampled_from(UNICODE + EIGHT_BIT + MULTI_BYTE + ODD))
def test_random_bytes_give_text_or_an_error_on_a_line(data, encoding):
    result = decode(data, encoding)
    if isinstance(result, ParseError):
        assert 1 <= result.line <= len(data) + 1
    else:
        assert "\x00" not in result
        assert result.strip()


@given(st.binary(min_size=1, max_size=200), st.sampled_from(NOT_TEXT))
def test_an_encoding_that_is_not_a_text_encoding_is_named(data, encoding):
    assume(not data.startswith(BOMS))
    result = decode(data, encoding)

    assert isinstance(result, ParseError)
    assert result.message == f"unknown encoding {encoding!r}"


@given(random_text, st.sampled_from(UNICODE + EIGHT_BIT + MULTI_BYTE))
def test_text_round_trips_through_its_encoding(text, encoding):
    text = text.encode(encoding, errors="replace").decode(encoding)
    data = text.encode(encoding)
    assume("\x00" not in text and text.strip() and not text.startswith("\ufeff"))
    assume(encoding in UNICODE or not data.startswith(BOMS))

    assert decode_text(data, encoding) == text


BOM_WRITERS = {
    "UTF-8": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "UTF-16 LE": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "UTF-16 BE": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "UTF-32 LE": lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
    "UTF-32 BE": lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
}


@given(random_text, st.sampled_from(sorted(BOM_WRITERS)), st.sampled_from(UNICODE + EIGHT_BIT))
def test_a_byte_order_mark_wins_over_the_encoding_named(text, bom, named):
    assume("\x00" not in text and text.strip() and not text.startswith("\ufeff"))

    assert decode_text(BOM_WRITERS[bom](text), named) == text


# How each encoding writes a file: byte-order mark, then the text.
CUT_ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-16": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-le": (b"", "utf-16-le"),
    "utf-16-be": (b"", "utf-16-be"),
    "utf-32-le": (b"", "utf-32-le"),
}


@given(random_text, st.sampled_from(sorted(CUT_ENCODINGS)), st.integers(0, 2000))
def test_a_file_cut_at_any_byte_loses_only_its_last_character(text, encoding, cut):
    assume("\x00" not in text and not text.startswith("\ufeff"))
    bom, codec = CUT_ENCODINGS[encoding]
    data = bom + text.encode(codec)
    cut = min(cut, len(data))
    # The longest start of the text whose bytes were all kept.
    kept = next(
        text[:length]
        for length in range(len(text), -1, -1)
        if len(bom) + len(text[:length].encode(codec)) <= max(cut, len(bom))
    )

    result = decode(data[:cut], encoding)
    if kept.strip():
        assert result == kept
    else:
        assert (result.message, result.line) == ("the file is empty", 1)


@given(
    st.lists(
        st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x00"), max_size=30),
        min_size=1,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.data(),
)
def test_a_bad_byte_is_reported_on_its_line(lines, ending, data):
    bad_line = data.draw(st.integers(0, len(lines) - 1))
    bad = data.draw(st.sampled_from([b"\xff", b"\x00", b"\xc3("]))
    encoded = [line.encode() for line in lines]
    encoded[bad_line] += bad

    result = decode(ending.encode().join(encoded), "utf-8")

    assert isinstance(result, ParseError)
    assert result.line == bad_line + 1
