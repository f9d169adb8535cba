"""Credits written inside captions, as wires write them.

`... in Kabul. (AP Photo/Jane Doe)`, `... REUTERS/Jane Doe`,
`(Photo by Jane Doe/Getty Images)`, `AFP PHOTO / JANE DOE`,
`(Photo credit should read JANE DOE/AFP/Getty Images)`,
`Mandatory Credit: Photo by Jane Doe/Shutterstock (12345678a)`.

Each form is a row of CAPTION_FORMS, tried in order on the end of the
caption (credits close captions; reading only the end keeps long captions
cheap). The caption itself is never changed.
"""

import re
from collections.abc import Callable
from typing import NamedTuple

from .agencies import is_known_agency
from .parsing import looks_like_credit, parse_credit
from .records import Credit
from .steps import PHOTO_SUFFIX, SLASH
from .text import normalise_space

TAIL = 400  # characters of a caption's end that may hold its credit


def _agency_first(text: str) -> bool:
    """`REUTERS/Jane Doe`, `AFP PHOTO / JANE DOE`: a known agency, then a slash."""
    first = SLASH.split(text, maxsplit=1)[0]
    return is_known_agency(PHOTO_SUFFIX.sub("", first))


def _marked(text: str) -> bool:
    """Text after `Photo credit should read` or `Mandatory Credit:` is a credit."""
    return True


class CaptionForm(NamedTuple):
    name: str
    pattern: re.Pattern
    accepts: Callable[[str], bool]


CAPTION_FORMS = (
    CaptionForm(
        "credit should read",
        re.compile(
            r"photo(?:graph)?\s+credit\s+should\s+read\s*:?\s*(?P<credit>[^()]{1,200}?)\s*(?:\)|$)",
            re.IGNORECASE,
        ),
        _marked,
    ),
    CaptionForm(
        "mandatory credit",
        re.compile(
            r"mandatory\s+credit\s*:?\s*(?P<credit>[^()]{1,200}?)\s*"
            r"(?:\([A-Za-z0-9]{4,20}\)\s*)?(?:\)|$)",
            re.IGNORECASE,
        ),
        _marked,
    ),
    CaptionForm(
        "credit in closing parentheses",
        re.compile(r"\((?P<credit>[^()]{1,200})\)\s*\.?$"),
        looks_like_credit,
    ),
    CaptionForm(
        "wire credit closing the caption",
        re.compile(
            r"(?:^|\s)(?P<credit>[A-Z][\w.&-]{0,30}(?:\s[A-Z][\w.&-]{0,30}){0,3}"
            r"\s*/\s*[^/()]{2,80}?)\s*\.?$"
        ),
        _agency_first,
    ),
    CaptionForm(
        "agency photo by-line",
        re.compile(
            r"\b(?P<credit>[A-Z][A-Za-z-]{1,30}\s+PHOTO\s*/\s*[A-Z][A-Z'\u2019.\- ]{0,60}[A-Z])\b"
        ),
        _agency_first,
    ),
)


def caption_credit(caption: str) -> Credit | None:
    """The credit a caption writes in itself, or None."""
    tail = normalise_space(caption[-2 * TAIL :])[-TAIL:]
    for form in CAPTION_FORMS:
        for match in form.pattern.finditer(tail):
            for text in _from_later_words(match["credit"].strip()):
                credit = parse_credit(text) if form.accepts(text) else None
                if credit and (credit.photographer or credit.agency):
                    return credit
    return None


def _from_later_words(text: str, most: int = 3):
    """`Kabul REUTERS/Jane Doe`: the text, then without its first words, in turn."""
    yield text
    for _ in range(most):
        _, space, text = text.partition(" ")
        if not space:
            return
        yield text
