"""Photo credits as newsrooms write them, split into their parts.

Karim Kadim / AP                      photographer / agency
Moises Saman / The New York Times via Redux Pictures
                                      ... agency via distributor
REUTERS/Jim Young, AFP PHOTO / NAME   agency first
Chip Somodevilla/Getty Images         photographer first
Evan Vucci (AP)                       agency in parentheses
Courtesy of NASA, Handout, Pool/Reuters, Getty Images
"""

import re
from functools import lru_cache

from .records import Credit

SLASH = re.compile(r"\s*/\s*")
VIA = re.compile(r"\s+via\s+", re.IGNORECASE)
DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
COURTESY = re.compile(r"^courtesy(?:\s+of)?\s*:?\s+", re.IGNORECASE)
PHOTO_BY = re.compile(r"^(?:photo(?:graph)?s?\s+by|photo(?:graph)?s?\s*:)\s+", re.IGNORECASE)
PHOTO_SUFFIX = re.compile(r"\s+(?:photos?|file)$", re.IGNORECASE)
AGENCY_IN_PARENS = re.compile(r"^(?P<name>[^()/]+?)\s*\((?P<agency>[^()/]+)\)$")
NAME_TOKEN = re.compile(r"^[^\W\d_][\w'\u2019.\-]*$")

NAME_PARTICLES = frozenset(
    [
        "al",
        "bin",
        "bint",
        "da",
        "de",
        "del",
        "della",
        "der",
        "di",
        "du",
        "el",
        "la",
        "le",
        "van",
        "von",
        "y",
    ]
)

ROLES = {"handout": "handout", "pool": "pool"}

# Well-known agencies and the other ways credits spell them. The catalog
# learns further spellings as aliases when it meets them.
KNOWN_AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("Associated Press", "The Associated Press", "AP Images"),
    "Reuters": ("Thomson Reuters",),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "Getty Images": ("Getty",),
    "EPA": ("European Pressphoto Agency", "EPA-EFE"),
    "Bloomberg": ("Bloomberg News",),
    "Xinhua": ("Xinhua News Agency",),
    "The New York Times": ("New York Times", "NYT"),
    "Redux Pictures": ("Redux",),
    "Polaris Images": ("Polaris",),
    "ZUMA Press": ("Zuma", "ZUMA Wire"),
    "Sipa Press": ("Sipa", "Sipa USA"),
    "Magnum Photos": ("Magnum",),
    "NASA": (),
    "U.S. Army": ("US Army",),
    "U.S. Navy": ("US Navy",),
}

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
    ]
)


def normalise_space(text: str) -> str:
    """Fold runs of white space (non-breaking spaces too) into one space."""
    # Most text is already so: printable (so no white space but the plain
    # space), no two spaces in a row, none at either end.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    # str.split() cuts at the same characters as `\s` (str.isspace()).
    return " ".join(text.split())


def agency_key(name: str) -> str:
    key = normalise_space(name).casefold()
    return key[4:] if key.startswith("the ") else key


_CANONICAL = {
    agency_key(spelling): canonical
    for canonical, spellings in KNOWN_AGENCIES.items()
    for spelling in (canonical, *spellings)
}


# The same credits come back on every slide and in every article of an
# agency, so the pure functions reading them keep their recent answers.
@lru_cache(maxsize=4096)
def canonical_agency(name: str) -> str:
    """The usual name of a known agency, or `name` itself."""
    name = normalise_space(name)
    return _CANONICAL.get(agency_key(name), name)


@lru_cache(maxsize=4096)
def is_known_agency(name: str) -> bool:
    return agency_key(name) in _CANONICAL


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
    """A person's name in normal case: `ROBERTO SCHMIDT` -> `Roberto Schmidt`."""
    name = normalise_space(name)
    return name.title() if name.isupper() and len(name) > 3 else name


@lru_cache(maxsize=4096)
def looks_like_credit(text: str) -> bool:
    """Whether `text` (say, a caption's last parenthesised group) is a credit."""
    text = normalise_space(text)
    if not text or len(text) > 200 or text.endswith(("!", "?", ":", ";", ",")):
        return False
    if COURTESY.match(text) or PHOTO_BY.match(text) or text.casefold() in ROLES:
        return True
    if "/" in text or VIA.search(text):
        parts = [part for part in SLASH.split(text) for part in VIA.split(part)]
        return len(parts) >= 2 and all(_credit_part(part) for part in parts)
    match = AGENCY_IN_PARENS.match(text)
    if match:
        return looks_like_person(match["name"]) and looks_like_organisation(match["agency"])
    return is_known_agency(text) or looks_like_person(text)


def _credit_part(part: str) -> bool:
    part = _strip_photo_suffix(part.strip())
    return (
        0 < len(part) <= 100
        and not any(mark in part for mark in ",;:!?")
        and (part.casefold() in ROLES or looks_like_organisation(part) or looks_like_person(part))
    )


@lru_cache(maxsize=4096)
def parse_credit(text: str) -> Credit | None:
    """Split a credit into photographer, agency, distributor and role.

    Returns None for empty text. The parts keep their spelling (an agency
    as written resolves to its agency through aliases when it is saved),
    except that a photographer's name in capitals gets normal case.
    """
    written = normalise_space(text)
    body = PHOTO_BY.sub("", _unwrap(written))
    if not body:
        return None

    courtesy = COURTESY.match(body)
    if courtesy:
        giver = body[courtesy.end() :].strip()
        if looks_like_person(giver):
            return Credit(written, photographer=person_name(giver), role="courtesy")
        return Credit(written, agency=giver, role="courtesy")

    in_parens = AGENCY_IN_PARENS.match(body)
    if in_parens and looks_like_organisation(in_parens["agency"]):
        agency, distributor = _split_distributor(in_parens["agency"].strip())
        return Credit(
            written,
            photographer=person_name(in_parens["name"]),
            agency=agency,
            distributor=distributor,
        )

    made_by, *vias = VIA.split(body)
    distributors = [part.strip() for via in vias for part in SLASH.split(via) if part.strip()]
    role = ""
    parts = []
    for part in SLASH.split(made_by):
        part = part.strip()
        if part.casefold() in ROLES:
            role = ROLES[part.casefold()]
        elif part:
            parts.append(_strip_photo_suffix(part))

    photographer = agency = ""
    if len(parts) == 1:
        if looks_like_person(parts[0]):
            photographer = parts[0]
        else:
            agency = parts[0]
    elif len(parts) >= 2:
        first, second, *rest = parts
        if looks_like_organisation(first) and not looks_like_organisation(second):
            agency, photographer = first, second
        else:
            photographer, agency = first, second
        if rest and not distributors:
            distributors = rest

    distributor = " / ".join(distributors)
    if agency and not distributor:
        agency, distributor = _split_distributor(agency)
    if distributors and not agency:
        # `Name via X via Y`: the first hand it went through is the agency.
        agency, distributor = distributors[0], " / ".join(distributors[1:])
    return Credit(
        written,
        photographer=person_name(photographer) if photographer else "",
        agency=agency,
        distributor=distributor,
        role=role,
    )


def _unwrap(text: str) -> str:
    """`( (AP) )` -> `AP`: parentheses around the whole text, peeled in one pass."""
    start, end = 0, len(text)
    while end - start >= 2 and text[start] == "(" and text[end - 1] == ")":
        start, end = start + 1, end - 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return text[start:end]


def _strip_photo_suffix(part: str) -> str:
    """`AFP PHOTO` -> `AFP`, `AP Photo` -> `AP`, `Reuters file` -> `Reuters`."""
    stripped = PHOTO_SUFFIX.sub("", part)
    return stripped if stripped and looks_like_organisation(stripped) else part


def _split_distributor(agency: str) -> tuple[str, str]:
    """`AFP - Getty Images` -> (`AFP`, `Getty Images`)."""
    pieces = DASH.split(agency)
    if len(pieces) == 2 and all(looks_like_organisation(piece) for piece in pieces):
        return pieces[0], pieces[1]
    return agency, ""
