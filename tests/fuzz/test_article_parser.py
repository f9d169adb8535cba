"""The article parser on random and damaged pages.

Whatever the input, `parse_article` returns an article or raises its own
`ParseError` with a line in the file; what it returns holds together (lines
within the file, unique slide positions and keys). Line endings, a BOM and
the encoding never change the result.
"""

import codecs

from hypothesis import assume, given
from hypothesis import strategies as st

from catalog.importers.articles import WARNING_WORDS, parse_article
from catalog.importers.decoding import decode_text, split_lines
from catalog.importers.errors import ParseError
from catalog.importers.records import ParsedArticle
from tests.conftest import SEED

from .strategies import (
    REFERENCE,
    damaged_form_page,
    damaged_reference,
    random_text,
    structured_text,
)

KINDS = {kind for kind, _ in WARNING_WORDS} | {"graphic"}


def parse(text: str) -> ParsedArticle | ParseError:
    """The article, or the parser's own error; any other exception fails the test."""
    try:
        return parse_article(text, source_name=SEED.name)
    except ParseError as error:
        return error


def decode_and_parse(data: bytes, encoding: str) -> ParsedArticle | ParseError:
    try:
        text = decode_text(data, encoding)
    except ParseError as error:
        return error
    return parse(text)


def outcome(result: ParsedArticle | ParseError):
    """Comparable: the article itself, or the error's message and line."""
    return (result.message, result.line) if isinstance(result, ParseError) else result


def check(result: ParsedArticle | ParseError, text: str):
    """A ParseError names a line of the file; an article holds together."""
    count = len(split_lines(text))
    if isinstance(result, ParseError):
        assert 1 <= result.line <= max(count, 1), result
        return
    photos = list(result.photos)
    shows = result.slideshows
    for show in shows:
        photos += [slide.photo for slide in show.slides or []]
        photos += [show.cover] if show.cover else []
    warnings = [warning for show in shows for warning in show.warnings]
    turns = [turn for video in result.videos for turn in video.turns]
    records = [*photos, *shows, *warnings, *result.videos, *turns, *result.body, *result.notices]
    assert all(1 <= record.line <= count for record in records)

    keys = [photo.key for photo in photos] + [warning.key for warning in warnings]
    assert len(keys) == len(set(keys))
    slugs = [show.slug for show in shows]
    assert all(slugs)
    assert len(slugs) == len(set(slugs))
    for show in shows:
        positions = [slide.position for slide in show.slides or []]
        assert all(position >= 1 for position in positions)
        assert positions == sorted(set(positions))
    assert {warning.kind for warning in warnings} <= KINDS
    for video in result.videos:
        assert [turn.position for turn in video.turns] == list(range(1, len(video.turns) + 1))
        # A turn names its speaker, or (unnamed) still says who spoke.
        assert all(turn.speaker is None or turn.speaker.strip() for turn in video.turns)
        assert all(turn.speaker_label.strip() for turn in video.turns)
    assert all(block.text.strip() and "\n" not in block.text for block in result.body)
    assert result.lead_photo is None or result.lead_photo in result.photos


@given(st.one_of(random_text, structured_text))
def test_random_text(text):
    check(parse(text), text)


@given(damaged_reference())
def test_damaged_reference_article(text):
    check(parse(text), text)


@given(damaged_form_page())
def test_damaged_pages_of_other_forms(text):
    check(parse(text), text)


@given(
    damaged_reference(),
    st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32-be", "cp1252"]),
    st.integers(0, 10**6),
)
def test_damaged_reference_cut_at_any_byte(text, encoding, cut):
    data = text.encode(encoding, errors="replace")
    result = decode_and_parse(data[: cut % (len(data) + 1)], encoding)
    if isinstance(result, ParseError):
        assert result.line >= 1
    else:
        check(result, text)


# Other spellings of the same text: each decodes and parses exactly as UTF-8 with LF does.
SAME_TEXT = {
    "CRLF": lambda text: (text.replace("\n", "\r\n").encode(), "utf-8"),
    "CR": lambda text: (text.replace("\n", "\r").encode(), "utf-8"),
    "UTF-8 BOM": lambda text: (codecs.BOM_UTF8 + text.encode(), "utf-8"),
    "UTF-8 BOM, named latin-1": lambda text: (codecs.BOM_UTF8 + text.encode(), "latin-1"),
    "UTF-16 BOM": lambda text: (text.encode("utf-16"), "utf-8"),
    "UTF-16 BOM, CRLF": lambda text: (text.replace("\n", "\r\n").encode("utf-16"), "utf-16"),
    "UTF-16-BE named": lambda text: (text.encode("utf-16-be"), "UTF-16BE"),
    "UTF-32 BOM": lambda text: (text.encode("utf-32"), "utf-8"),
    "UTF-32-LE named": lambda text: (text.encode("utf-32-le"), "utf_32_le"),
}


@given(damaged_reference(), st.sampled_from(sorted(SAME_TEXT)))
def test_line_endings_bom_and_encoding_change_nothing(text, variant):
    text = text.replace("\r", "")
    assume(not text.startswith("\ufeff"))  # a second BOM would be text
    expected = outcome(decode_and_parse(text.encode(), "utf-8"))

    assert outcome(decode_and_parse(*SAME_TEXT[variant](text))) == expected


@given(damaged_reference(), st.sampled_from(["latin-1", "cp1252", "mac_roman", "cp437"]))
def test_an_eight_bit_encoding_named_reads_as_utf_8_does(text, encoding):
    text = text.replace("\r", "").encode(encoding, errors="replace").decode(encoding)
    data = text.encode(encoding)
    assume(not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)))

    expected = outcome(decode_and_parse(text.encode(), "utf-8"))
    assert outcome(decode_and_parse(data, encoding)) == expected


def test_the_reference_article_itself_holds_together():
    check(parse(REFERENCE), REFERENCE)
