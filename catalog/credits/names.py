"""Telling a person's name from an organisation's, and writing names in name case."""

import re
from functools import lru_cache

from .agencies import is_known_agency
from .text import normalise_space

NAME_TOKEN = re.compile(r"^[^\W\d_][\w'\u2019.\-]*$")

# Words inside a name that stay in lower case (`Catrinus van der Veen`).
NAME_PARTICLES = frozenset(
    [
        "al",
        "bin",
        "bint",
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "ibn",
        "la",
        "le",
        "van",
        "von",
        "y",
    ]
)

ORGANISATION_WORDS = frozenset(
    [
        "press",
        "news",
        "times",
        "post",
        "images",
        "pictures",
        "photos",
        "agency",
        "service",
        "services",
        "wire",
        "network",
        "journal",
        "tribune",
        "herald",
        "gazette",
        "daily",
        "weekly",
        "magazine",
        "media",
        "inc",
        "ltd",
        "llc",
        "corp",
        "company",
        "department",
        "ministry",
        "office",
        "army",
        "navy",
        "air",
        "force",
        "marines",
        "police",
        "university",
        "museum",
        "library",
        "archive",
        "archives",
        "government",
        "council",
        "committee",
        "foundation",
        "institute",
        "studio",
        "studios",
        "group",
        "tv",
        "television",
        "broadcasting",
        "channel",
        "handout",
        "pool",
        "courtesy",
        "staff",
        "file",
        "center",
        "centre",
    ]
)


@lru_cache(maxsize=4096)
def looks_like_organisation(name: str) -> bool:
    words = normalise_space(name).casefold().replace(".", "").split()
    if is_known_agency(name) or any(word in ORGANISATION_WORDS for word in words):
        return True
    # A lone all-capitals word is an acronym (XINHUA, EPA), not a person.
    return len(words) == 1 and name.isupper()


@lru_cache(maxsize=4096)
def looks_like_person(name: str) -> bool:
    tokens = normalise_space(name).split()
    return (
        1 <= len(tokens) <= 5
        and all(NAME_TOKEN.match(token) for token in tokens)
        and all(token[0].isupper() or token in NAME_PARTICLES for token in tokens)
        and tokens[0][0].isupper()
        and not looks_like_organisation(name)
    )


def person_name(name: str) -> str:
    """A name written all in capitals, in name case; any other name as written.

    `CATRINUS VAN DER VEEN` -> `Catrinus van der Veen`, `SEAN O'BRIEN` ->
    `Sean O'Brien`, `JOHN MCDONALD` -> `John McDonald`, `MOHAMMED AL-SHAIKH`
    -> `Mohammed Al-Shaikh`. Three letters or fewer may be initials: kept.
    """
    name = normalise_space(name)
    if not name.isupper() or len(name) <= 3:
        return name
    words = name.lower().split(" ")
    return " ".join(
        word if index and word in NAME_PARTICLES else "-".join(map(_name_piece, word.split("-")))
        for index, word in enumerate(words)
    )


def _name_piece(piece: str) -> str:
    for mark in ("'", "\u2019"):
        head, found, tail = piece.partition(mark)
        if found and len(head) == 1 and tail:  # O'Brien, D'Arcy
            return head.upper() + mark + _initial_capital(tail)
    if piece.startswith("mc") and len(piece) > 2:  # McDonald
        return "Mc" + _initial_capital(piece[2:])
    return _initial_capital(piece)


def _initial_capital(word: str) -> str:
    return word[:1].upper() + word[1:]
