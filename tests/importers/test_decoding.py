"""Decoding article files: encodings, byte-order marks, cut files and the line
of a bad byte. (Cases the fuzz tests in tests/fuzz/ found.)"""

import codecs

import pytest

from catalog.importers.decoding import decode_text
from catalog.importers.errors import ParseError

pytestmark = pytest.mark.filterwarnings("error")


def test_utf32_with_a_bom_is_not_taken_for_utf16():
    # The UTF-32 little-endian mark begins with the UTF-16 one.
    data = "Caf\u00e9 owners\n".encode("utf-32")
    assert data.startswith(codecs.BOM_UTF16_LE)

    assert decode_text(data) == "Caf\u00e9 owners\n"


@pytest.mark.parametrize("encoding", ["utf_16_le", "UTF-16BE", "utf_32_be", "U32"])
def test_any_spelling_of_a_wide_encoding_reads_its_nul_bytes_as_text(encoding):
    assert decode_text("Caf\u00e9\n".encode(encoding), encoding) == "Caf\u00e9\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32-be"])
def test_a_wide_file_cut_mid_character_loses_only_that_character(encoding):
    data = "Caf\u00e9 owners".encode(encoding)

    assert decode_text(data[:-1], encoding) == "Caf\u00e9 owner"


def test_a_file_cut_inside_a_utf16_pair_loses_only_that_character():
    data = "Camera \U0001f4f7".encode("utf-16-le")

    assert decode_text(data[:-2], "utf-16-le") == "Camera "


@pytest.mark.parametrize(
    ("encoding", "data"), [("punycode", b"Headline\n\nBM"), ("idna", b"Headline.xn--a")]
)
def test_a_codec_that_cannot_say_where_fails_on_line_one(encoding, data):
    with pytest.raises(ParseError, match=f"not valid {encoding}") as error:
        decode_text(data, encoding)
    assert error.value.line == 1


def test_a_lone_surrogate_is_refused_with_its_line():
    # UTF-7 (like unicode_escape) decodes "+2AA-" to half a UTF-16 pair, which
    # no database can store.
    with pytest.raises(ParseError, match=r"not valid utf-7 .*lone surrogate") as error:
        decode_text(b"Headline\n\nA +2AA- caption\n", "utf-7")
    assert error.value.line == 3


@pytest.mark.parametrize("encoding", ["base64", "rot13", "zlib_codec"])
def test_a_codec_that_is_not_a_text_encoding_is_unknown(encoding):
    with pytest.raises(ParseError, match=f"unknown encoding '{encoding}'"):
        decode_text(b"Headline\x00\n", encoding)


@pytest.mark.parametrize("ending", [b"\r", b"\r\n", b"\n"])
@pytest.mark.parametrize(("bad", "message"), [(b"\xff", "not valid"), (b"\x00", "binary")])
def test_a_bad_byte_is_on_the_line_an_editor_sees(ending, bad, message):
    data = ending.join([b"Headline", b"", b"A caption" + bad, b"More"])

    with pytest.raises(ParseError, match=message) as error:
        decode_text(data)
    assert error.value.line == 3


def test_a_bad_byte_in_utf16_is_on_its_line():
    # U+010A is written 0A 01: a newline byte that is not a newline.
    data = (
        "\u010a\u010a\u010a\n\u010a\n".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le")
    )

    with pytest.raises(ParseError, match="not valid utf-16-le") as error:
        decode_text(data, "utf-16-le")
    assert error.value.line == 3


@pytest.mark.parametrize("data", [b"", b"  \n\t\n", " \n".encode("utf-16"), b"\xff\xfe"])
def test_a_blank_file_is_empty_in_any_encoding(data):
    with pytest.raises(ParseError, match="the file is empty") as error:
        decode_text(data)
    assert error.value.line == 1
