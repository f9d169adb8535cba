"""Photo credits as newsrooms write them, split into their parts.

Karim Kadim / AP                      photographer / agency
Moises Saman / The New York Times via Redux Pictures
                                      ... agency via distributor
REUTERS/Jim Young, AFP PHOTO / NAME   agency first
Chip Somodevilla/Getty Images         photographer first
Evan Vucci (AP)                       agency in parentheses
© 2019 Jane Doe, HO/Reuters, STR/AFP, Jane Doe and John Roe / AP
Courtesy of NASA, Handout, Pool/Reuters, Getty Images North America

The work is done by the ordered steps of steps.py; this module is the
entry point the rest of the catalog calls.
"""

import re
from functools import lru_cache

from .agencies import (  # noqa: F401  (the names the catalog imports from here)
    KNOWN_AGENCIES,
    agency_before_suffix,
    agency_key,
    canonical_agency,
    is_known_agency,
)
from .names import looks_like_organisation, looks_like_person, person_name  # noqa: F401
from .records import Credit
from .steps import (
    AGENCY_IN_PARENS,
    COPYRIGHT_PREFIX,
    COURTESY,
    LIST_SEPARATOR,
    PHOTO_SUFFIX,
    ROLE_WORDS,
    SLASH,
    VIA,
    Draft,
    peel_parentheses,
    run,
)
from .text import normalise_space

# Lead-ins that mark a credit (fewer than the parser strips: `By` or
# `Credit:` alone also begin ordinary sentences).
CREDIT_LEAD_IN = re.compile(
    r"^(?:photo(?:graph)?s?\s+by|photo(?:graph)?s?\s*:|photo(?:graph)?s?\s+credit\s+should\s+read"
    r"|mandatory\s+credit\s*:?)\s+",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def parse_credit(text: str) -> Credit | None:
    """Split a credit into photographer, agency, distributor, role and others.

    Returns None for empty text. The parts keep their spelling (an agency
    as written resolves to its agency through aliases when it is saved),
    except that a person's name in capitals gets name case.
    """
    written = normalise_space(text)
    if not peel_parentheses(written):
        return None
    return credit_of(run(Draft([written])), written)


def credit_of(draft: Draft, text: str) -> Credit:
    return Credit(
        text,
        photographer=draft.photographer,
        agency=draft.agency,
        distributor=draft.distributor,
        role=draft.role,
        others=tuple(draft.others),
    )


@lru_cache(maxsize=4096)
def looks_like_credit(text: str) -> bool:
    """Whether `text` (say, a caption's last parenthesised group) is a credit."""
    text = normalise_space(text)
    if not text or len(text) > 200 or text.endswith(("!", "?", ":", ";", ",")):
        return False
    if (
        COURTESY.match(text)
        or CREDIT_LEAD_IN.match(text)
        or COPYRIGHT_PREFIX.match(text)
        or text.casefold() in ROLE_WORDS
    ):
        return True
    if "/" in text or VIA.search(text):
        parts = [part for part in SLASH.split(text) for part in VIA.split(part)]
        return len(parts) >= 2 and all(_credit_part(part) for part in parts)
    match = AGENCY_IN_PARENS.match(text)
    if match:
        return looks_like_person(match["name"]) and looks_like_organisation(match["agency"])
    return _known_agency(_strip_photo_suffix(text)) or looks_like_person(text)


def _credit_part(part: str) -> bool:
    """A name, an agency or a role word; or a list of them (`Jane Doe, File`)."""
    items = LIST_SEPARATOR.split(part.strip())
    return 0 < len(part.strip()) <= 100 and all(_credit_item(item) for item in items)


def _credit_item(item: str) -> bool:
    item = _strip_photo_suffix(item)
    return (
        bool(item)
        and not any(mark in item for mark in ":!?")
        and (
            item.casefold() in ROLE_WORDS
            or looks_like_organisation(item)
            or looks_like_person(item)
            or bool(agency_before_suffix(item))
        )
    )


def _known_agency(text: str) -> bool:
    return is_known_agency(text) or bool(agency_before_suffix(text))


def _strip_photo_suffix(part: str) -> str:
    stripped = PHOTO_SUFFIX.sub("", part)
    return stripped if stripped and looks_like_organisation(stripped) else part
