"""Parsing time grows linearly with the input: no regular expression or loop
blows up on adversarial text.

Each case makes an input of n units and one of 10n; the larger may take at
most RATIO times as long as the smaller (a quadratic cost takes about 100
times), or less than FLOOR seconds whatever the ratio. Times are CPU time of
this thread, so other processes on a busy machine do not count, with the
cyclic garbage collector paused (its passes scale with the whole suite's
heap, not with the input), and the best of several runs taken in turn; a
case is measured again before it counts as failed, as noise cannot pass for
a blow-up that shows on every attempt.
"""

import contextlib
import gc
import time

import pytest

from catalog.credits import caption_credit, looks_like_credit, parse_credit
from catalog.importers.articles import parse_article
from catalog.importers.decoding import decode_text, split_lines
from catalog.importers.errors import ParseError

RATIO = 20
FLOOR = 0.05  # seconds
REPEATS = 3
ATTEMPTS = 3
LINE_BYTES = 20_000  # a long line at n units; 200 KB at 10n
PAGE_BYTES = 10_000  # a page of many lines at n units; 100 KB at 10n
NBSP = "\u00a0"


def parse(text: str):
    with contextlib.suppress(ParseError):
        parse_article(text, source_name="adversarial.txt")


def decode(data: bytes, encoding: str):
    with contextlib.suppress(ParseError):
        decode_text(data, encoding)


def best_times(function, small, large) -> tuple[float, float]:
    gc.collect()
    with gc_paused():
        return _best_times(function, small, large)


@contextlib.contextmanager
def gc_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _best_times(function, small, large) -> tuple[float, float]:
    best_small = best_large = float("inf")
    for _ in range(REPEATS):
        for argument, which in ((small, "small"), (large, "large")):
            start = time.thread_time()
            function(argument)
            spent = time.thread_time() - start
            if which == "small":
                best_small = min(best_small, spent)
            else:
                best_large = min(best_large, spent)
    return best_small, best_large


def assert_linear(function, make, n: int) -> float:
    """Fail unless `function(make(10 * n))` takes at most ~10x `function(make(n))`.

    Returns the best time of the larger input.
    """
    small, large = make(n), make(10 * n)
    for _ in range(ATTEMPTS):
        small_time, large_time = best_times(function, small, large)
        if large_time <= max(RATIO * small_time, FLOOR):
            return large_time
    pytest.fail(
        f"{len(small):,} characters: {small_time * 1000:.1f} ms; "
        f"{len(large):,} characters: {large_time * 1000:.1f} ms ({large_time / small_time:.0f}x)"
    )


def units_for(make, size: int) -> int:
    """How many units make an input of about `size` characters."""
    return max(1, size // (len(make(2)) - len(make(1))))


# One line made of a unit repeated n times: (before, unit, after).
LINES = {
    "indent of spaces and tabs, no number": ("  ", " \t", "x"),
    "item number of many digits": ("  ", "1", "."),
    "item with spaces after the number": ("  1.", " ", "x"),
    "section name then spaces, no colon": ("Video", " ", "x"),
    "copyright with years": ("Copyright ", "2011 ", ""),
    "copyright with dots and no holder": ("Copyright", " .", " x"),
    "copyright signs": ("\u00a9 ", "(c) ", "All rights"),
    "copyright holder of NBSPs": ("Copyright 2011", NBSP, "x"),
    "byline": ("By ", "x ", ""),
    "US times": ("updated ", "1/1/2011 1:00 ", ""),
    "ISO times": ("updated ", "2011-10-22T17:58", ""),
    "digits and slashes": ("updated ", "12/", ""),
    "digits and dots": ("", "1.", ""),
    "story without a colon": ("Story", " ", "x"),
    "card of Slideshow (": ("  1. Image: ", "Slideshow (", ""),
    "card of Above:": ("  1. Image: ", "Above: ", ""),
    "slide tail almost": ("  1. caption ", "Back to slideshow navigatio ", "x"),
    "slide of open parentheses": ("Photos: x\n  1. caption ", "(", ")"),
    "slide of close parentheses": ("Photos: x\n  1. caption ", ")", ""),
    "slide of parenthesised words": ("Photos: x\n  1. caption ", "(a) ", "(b)"),
    "slide credit of NBSPs": ("Photos: x\n  1. caption (Ann", NBSP, "/ AP)"),
    "slide credit of slashes": ("Photos: x\n  1. caption (", "Ann / ", "AP)"),
    "credit line of slashes": ("", "a / ", "b"),
    "credit line of one slash run": ("", "/", "Ann Lee"),
    "credit line of vias": ("", "Ann via ", "Lee"),
    "credit line of initials": ("", "A. ", "/ AP"),
    "speaker look-alike without a colon": ("Video: v\n  1. Transcript of: v\n    ", "AAAA ", "x"),
    "speaker titles": ("Video: v\n  1. Transcript of: v\n    ", "Mr. ", "x"),
    "speaker role of commas": ("Video: v\n  1. Transcript of: v\n    AAAA, a", " ,", "x"),
    "speaker role never closed": ("Video: v\n  1. Transcript of: v\n    AAAA (", "x", ""),
    "speaker colons": ("Video: v\n  1. Transcript of: v\n    AA", ":", ""),
    "editor's note of warning words": ("Photos: x\n  1. Editor's note: ", "drug ", ""),
    "speaker role and place": ("Video: v\n  1. Transcript of: v\n    AAAA, a", "b ", "(x"),
    "speaker places never closed": ("Video: v\n  1. Transcript of: v\n    AAAA (", "(x ", ":"),
    "unnamed speakers": ("Video: v\n  1. Transcript of: v\n    ", "Unidentified Man ", ":"),
    # A turn for every few words, not every three characters: a line of
    # tens of thousands of turns measures the garbage collector, not the parser.
    "caption marks": (
        "Video: v\n  1. Closed captioning of: v\n    ",
        ">> one two three four ",
        "x",
    ),
    "caption marks with nothing said": ("Video: v\n  1. Closed captioning of: v\n    ", ">> ", "x"),
    "caption arrows": ("Video: v\n  1. Closed captioning of: v\n    ", ">", "x"),
    "worded times": ("updated ", "8:49 p.m. ET ", "Jan. 14, 2010"),
    "worded dates": ("updated 8:49 p.m. ", "Jan. 14 ", "x"),
    "byline beside a time": ("Ann Lee ", "updated ", "1 hour ago"),
    "run-on byline after many sentences": ("Karim Kadim / AP\n", "Yes. ", "news services"),
    "run-on byline of many words": ("Karim Kadim / AP\nSaid. ", "and ", "news services"),
    "photo count digits": ("", "1 / ", "4 PHOTOS"),
    "slide credit dashes": ("Autumn\n/ 4 PHOTOS\nImage: x\n", "\u2014 ", "Ann Lee / AP"),
    "link list": ("More from ", "x ", ""),
    "heading look-alike": ("", "Word ", ""),
    "spaces": ("x", " ", "x"),
    "NBSPs": ("x", NBSP, "x"),
    "one long word": ("", "x", ""),
}


def _letters(number: int) -> str:
    return "".join(chr(65 + number // 26**place % 26) for place in range(4))


# A page of n repeated parts.
PAGES = {
    "inline photos": lambda n: "Lead.\n\n" + "Ann Lee / AP\nA caption here.\n\n" * n,
    "slideshow cards and sections": lambda n: (
        "".join(f"Photos: Heading {i}\n\n" for i in range(n))
        + "".join(
            f"  1. Image:\n    {'Above: ' if i % 2 else ''}Slideshow (3) Title {i}\n"
            for i in range(n)
        )
    ),
    "cards all naming one heading": lambda n: (
        "Photos: Week\n\n" * n + "  1. Image:\n    Slideshow (3) City - Week\n" * n
    ),
    "speakers by surname": lambda n: (
        "Video: v\n\n  1. Transcript of: v\n\n"
        + "".join(f"    KATE {_letters(i)}: Hi.\n    SNOW: Yes.\n" for i in range(n))
    ),
    "one transcript turn of many paragraphs": lambda n: (
        "Video: v\n\n  1. Transcript of: v\n\n    SNOW: Hello.\n" + "    and\n" * n
    ),
    "numbered paragraphs": lambda n: "  1. x\n" * n,
    "slides in many sections": lambda n: "".join(
        f"  {i % 9999 + 1}. c (Ann Lee / AP)\nPhotos: y{i}\n" for i in range(n)
    ),
    "videos": lambda n: "Video: v\n  1. Transcript of: v\n    SNOW: hi\n" * n,
    "editor's notes": lambda n: "Photos: x\n" + "  1. Editor's note: nudity\n" * n,
    "later slideshow slides": lambda n: (
        "Festival\n/ 4 PHOTOS\n" + "Image: t\nA caption.\n\u2014 Ann Lee / AP\n" * n
    ),
    "later slideshows": lambda n: "".join(
        f"Gallery {i}\n/ 2 PHOTOS\nImage:\nc\n" for i in range(n)
    ),
    "photo count lines": lambda n: "/ 4 PHOTOS\n" * n,
    "unnamed turns": lambda n: (
        "Video: v\n  1. Transcript of: v\n" + "    Unidentified Man: Hi.\n    Reporter: Yes.\n" * n
    ),
    "caption turns": lambda n: (
        "Video: v\n  1. Closed captioning of: v\n" + "    >> Hi. >>> Yes.\n" * n
    ),
    "link lists and prose": lambda n: (
        "Lead.\n\n" + "More from here\nA link\n\nA paragraph of prose goes on here.\n\n" * n
    ),
    "body after videos": lambda n: (
        "Video: v\n  1. Transcript of: v\n    SNOW: Hi.\nThe body goes on after it here.\n" * n
    ),
    "CRLF line breaks": lambda n: "x" + "\r\n" * n + "x",
    "CR line breaks": lambda n: "x" + "\r" * n + "x",
    "LF CR line breaks": lambda n: "x" + "\n\r" * n + "x",
}

CREDITS = {
    "nested parentheses": lambda n: "(" * n + "Ann Lee" + ")" * n,
    "slashes": lambda n: "a / " * n,
    "one slash run": lambda n: "/" * n,
    "vias": lambda n: "a via " * n,
    "dashes": lambda n: "a - " * n,
    "open parentheses": lambda n: "x (" * n,
    "agency in parentheses after a long name": lambda n: "Ann Lee " * n + "(AP)",
    "courtesy of courtesy": lambda n: "Courtesy of " * n,
    "photo by photo by": lambda n: "Photo by " * n,
    "name of apostrophes": lambda n: "A" + "'" * n,
    "spaces before a slash": lambda n: "a" + " " * n + "/b",
    "NBSPs before a parenthesis": lambda n: "a" + NBSP * n + "(b",
    "photo suffixes": lambda n: "AP " + "photos " * n,
    "copyright marks": lambda n: "\u00a9 (c) Copyright of " * n + "Jane Doe",
    "lead-ins": lambda n: "Mandatory Credit: Photo by " * n,
    "a list of names": lambda n: "Ann Lee, " * n + "Bo Ray / AP",
    "names joined by and": lambda n: "Ann Lee and " * n + "Bo Ray",
    "region words": lambda n: "Getty Images" + " North America" * n,
    "role words": lambda n: "HO/" * n + "Reuters",
    "codes beside an agency": lambda n: "XAW102/JRL/" * n + "AFP",
    "names for agencies": lambda n: "Ann Lee for " * n + "AP",
    "rights reserved after dots": lambda n: "Ann Lee" + " ." * n + " All rights reserved",
    "a list in a chain": lambda n: "AP Photo/" + "Ann Lee, " * n + "File",
}
# Captions that may close with a credit.
CAPTIONS = {
    "a long caption, then a credit": lambda n: "Troops wait. " * n + "(AP Photo/Ann Lee)",
    "capitals before a slash": lambda n: "A" * n + "/B",
    "credit should read, open": lambda n: "Photo credit should read " + "AFP " * n,
    "many parentheses": lambda n: "(a) " * n + "(AP Photo)",
    "many PHOTO slashes": lambda n: "AFP PHOTO / " * n,
}

# Bytes of n repeated parts, and the encoding they are read with.
DECODING = {
    "bad byte after many lines": (lambda n: b"line\n" * n + b"\xff", "utf-8"),
    "bad byte after many CR lines": (lambda n: b"line\r" * n + b"\xff", "utf-8"),
    "NUL after many lines": (lambda n: b"line\r\n" * n + b"\x00", "latin-1"),
    "UTF-16 cut mid character": (lambda n: "line\n".encode("utf-16-le") * n + b"\x00", "utf-16-le"),
    "UTF-16 bad pair after many lines": (
        lambda n: "line\r".encode("utf-16-le") * n + b"\x00\xdc",
        "utf-16-le",
    ),
    "line breaks only": (lambda n: b"\r\n\r" * n, "utf-8"),
}


@pytest.mark.parametrize("name", sorted(LINES))
def test_a_long_line_parses_in_linear_time(name):
    before, unit, after = LINES[name]

    def make(n):
        return before + unit * n + after

    n = units_for(make, LINE_BYTES)
    large_time = assert_linear(parse, make, n)
    assert large_time < 1.0, f"a line of {len(make(10 * n)):,} characters: {large_time:.2f} s"


# Pages where each part costs far more than a quadratic step would (a copy of
# a few bytes, a comparison): measured larger, in characters at n, so that a
# blow-up shows.
PAGE_SIZES = {"inline photos": 25_000, "one transcript turn of many paragraphs": 100_000}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_of_many_lines_parses_in_linear_time(name):
    make = PAGES[name]
    assert_linear(parse, make, units_for(make, PAGE_SIZES.get(name, PAGE_BYTES)))


@pytest.mark.parametrize("function", [parse_credit, looks_like_credit])
@pytest.mark.parametrize("name", sorted(CREDITS))
def test_a_long_credit_parses_in_linear_time(name, function):
    make = CREDITS[name]
    # Timed past its cache of recent answers, which would answer the repeats.
    assert_linear(function.__wrapped__, make, units_for(make, LINE_BYTES))


@pytest.mark.parametrize("name", sorted(CAPTIONS))
def test_a_long_caption_is_read_in_linear_time(name):
    make = CAPTIONS[name]
    assert_linear(caption_credit, make, units_for(make, LINE_BYTES))


@pytest.mark.parametrize("name", sorted(DECODING))
def test_decoding_takes_linear_time(name):
    make, encoding = DECODING[name]
    n = units_for(make, LINE_BYTES)
    assert_linear(lambda data: decode(data, encoding), make, n)
    assert_linear(split_lines, lambda n: make(n).decode("latin-1"), n)
