"""The cleaning steps a credit goes through, each small, named and tested alone.

A credit is read in two stages. The text steps tidy each written piece (a
credit line, or an embedded by-line): parentheses, copyright marks,
lead-ins such as `Photo by`, `Courtesy of`. `split_chain` then cuts every
piece into parts (`X / Y`, `X via Y`, `X - Y`, `X (Y)`), and the part steps
drop what names nobody (role words, desk codes, repeats) before
`reorganise` decides, with the agency table, which part is the
photographer, the agency and the distributor. STEPS lists them in order.

Each step takes the draft and returns it, changed in place. A new agency
quirk is a row in a table (agencies.py, ROLE_WORDS here) or a new step,
never a branch inside another step.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .agencies import agency_before_suffix, canonical_agency, is_distributor, is_known_agency
from .names import looks_like_organisation, looks_like_person, person_name

# Words that say how a picture came in (or what it is: `File`,
# `Illustration`), never who made it; the role they give ("" for none).
# Matched against a whole part, case-insensitively.
ROLE_WORDS = {
    "handout": "handout",
    "handout photo": "handout",
    "ho": "handout",
    "ho handout": "handout",
    "pool": "pool",
    "pool photo": "pool",
    "pool new": "pool",
    "str": "",
    "stringer": "",
    "staff": "",
    "staff photographer": "",
    "supplied": "",
    "uncredited": "",
    "contributor": "",
    "file": "",
    "file photo": "",
    "illustration": "",
}
ROLES = ("handout", "courtesy", "pool")

COPYRIGHT_PREFIX = re.compile(
    r"^(?:(?:\u00a9|\(c\)|copyright\b(?:\s+of\b)?)[\s:,]*)+"
    r"(?:(?:19|20)\d\d(?:\s*[-\u2013]\s*\d{2,4})?\b[\s:,.]*)?",
    re.IGNORECASE,
)
LEAD_IN = re.compile(
    r"^(?:(?:mandatory\s+credit\s*:?|credit\s*:|photo(?:graph)?s?\s+credit\s+should\s+read\s*:?"
    r"|(?:photo(?:graph)?s?|pictures?|images?)\s+by\b|(?:photo(?:graph)?s?|pictures?)\s*:"
    r"|by\b)\s*)+",
    re.IGNORECASE,
)
COURTESY = re.compile(r"^courtesy(?:\s+of)?\s*:?\s+", re.IGNORECASE)
SLASH = re.compile(r"\s*/\s*")
VIA = re.compile(r"\s+via\s+", re.IGNORECASE)
VIA_LEAD = re.compile(r"^via\s+", re.IGNORECASE)
DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
AGENCY_IN_PARENS = re.compile(r"^(?P<name>[^()/]+?)\s*\((?P<agency>[^()/]+)\)$")
LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
PHOTO_SUFFIX = re.compile(r"\s+(?:photos?|file)$", re.IGNORECASE)
TRANSMISSION_CODE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
ACRONYM = re.compile(r"[A-Z]{2,5}")


@dataclass
class Part:
    """One name in a credit, and where it was written."""

    text: str
    group: int = 0  # the names of one list (`A, B`) share a group
    via: bool = False  # written after `via`: a hand the picture went through
    byline: bool = False  # from an embedded by-line rather than the credit line


@dataclass
class Draft:
    """A credit on its way through the steps."""

    pieces: list[str]  # the written pieces, before split_chain
    bylines: int = 0  # how many of the first pieces are by-lines
    parts: list[Part] = field(default_factory=list)
    role: str = ""
    photographer: str = ""
    agency: str = ""
    distributor: str = ""
    others: list[str] = field(default_factory=list)

    @classmethod
    def of_parts(cls, *texts: str) -> "Draft":
        """A draft already split, one part to a group (for the part steps)."""
        return cls([], parts=[Part(text, group) for group, text in enumerate(texts)])

    def set_role(self, role: str):
        self.role = self.role or role


Step = Callable[[Draft], Draft]


# -- text steps: each written piece ------------------------------------------------


def unwrap_parentheses(draft: Draft) -> Draft:
    """`( (AP) )` -> `AP`: parentheses around a whole piece, peeled in one pass."""
    draft.pieces = [peel_parentheses(piece) for piece in draft.pieces]
    return draft


def strip_copyright_prefix(draft: Draft) -> Draft:
    """`© 2019 Jane Doe` -> `Jane Doe`; also `(c)`, `Copyright`, `Copyright of`."""
    draft.pieces = [COPYRIGHT_PREFIX.sub("", piece, count=1) for piece in draft.pieces]
    return draft


def strip_rights_reserved(draft: Draft) -> Draft:
    """`Jane Doe. All rights reserved.` -> `Jane Doe`."""
    draft.pieces = [_without_rights_reserved(piece) for piece in draft.pieces]
    return draft


def strip_lead_in(draft: Draft) -> Draft:
    """`Mandatory Credit: Photo by Jane Doe` -> `Jane Doe`; `Photo credit should read`,
    `Photographs:`, `Picture by`, `By` likewise."""
    draft.pieces = [LEAD_IN.sub("", piece, count=1) for piece in draft.pieces]
    return draft


def take_courtesy(draft: Draft) -> Draft:
    """`Courtesy of NASA` -> `NASA`, role courtesy."""
    pieces = []
    for piece in draft.pieces:
        courtesy = COURTESY.match(piece)
        if courtesy:
            draft.set_role("courtesy")
            piece = piece[courtesy.end() :]
        pieces.append(piece)
    draft.pieces = pieces
    return draft


def split_chain(draft: Draft) -> Draft:
    """`Jane Doe / AFP via Getty Images` -> parts `Jane Doe`, `AFP`, `Getty Images`
    (after via); `X - Y`, `Name (AGENCY)` and `Name for AGENCY` are chains too."""
    parts = []
    for index, piece in enumerate(draft.pieces):
        via_lead = VIA_LEAD.match(piece)
        made_by, *vias = VIA.split(piece[via_lead.end() :] if via_lead else piece)
        segments = [(made_by, bool(via_lead)), *((via, True) for via in vias)]
        for segment, via in segments:
            for slashed in SLASH.split(segment):
                for text in DASH.split(slashed):
                    for name in _name_and_agency(text.strip()):
                        if name:
                            parts.append(
                                Part(name, len(parts), via=via, byline=index < draft.bylines)
                            )
    draft.parts = parts
    return draft


# -- part steps: the names ---------------------------------------------------------


def split_lists(draft: Draft) -> Draft:
    """`Jane Doe, John Roe` and `Jane Doe and John Roe` -> two parts of one list:
    a list never names one party. `and`/`&` split only between names of people."""
    parts = []
    for part in draft.parts:
        items = [part.text]
        if not is_known_agency(part.text):
            items = [item for item in LIST_SEPARATOR.split(part.text) if item]
            if len(items) == 1 and not looks_like_organisation(part.text):
                names = AND.split(part.text)
                if len(names) > 1 and all(_full_name(name) for name in names):
                    items = names
        parts += [Part(item, part.group, part.via, part.byline) for item in items]
    draft.parts = parts
    return draft


def strip_photo_suffix(draft: Draft) -> Draft:
    """`AFP PHOTO` -> `AFP`, `AP Photo` -> `AP`, `Reuters file` -> `Reuters`."""
    for part in draft.parts:
        stripped = PHOTO_SUFFIX.sub("", part.text)
        if stripped != part.text and looks_like_organisation(stripped):
            part.text = stripped
    return draft


def take_role_words(draft: Draft) -> Draft:
    """`HO` -> role handout, `POOL` -> pool, `STR`, `STAFF`, `Supplied`,
    `UNCREDITED`, `Contributor` -> no one; `EPA Pool` -> `EPA`, role pool.
    A role word is a role or nothing, never a person or an agency."""
    kept = []
    for part in draft.parts:
        key = part.text.casefold()
        if key in ROLE_WORDS:
            draft.set_role(ROLE_WORDS[key])
            continue
        head, _, last = part.text.rpartition(" ")
        if head and ROLE_WORDS.get(last.casefold()) and looks_like_organisation(head):
            draft.set_role(ROLE_WORDS[last.casefold()])
            part.text = head
        kept.append(part)
    draft.parts = kept
    return draft


def fold_agency_suffix(draft: Draft) -> Draft:
    """`Getty Images North America` -> `Getty Images`, `AFP Contributor` -> `AFP`,
    `Reuters TV` -> `Reuters`: a known agency followed by region or desk words."""
    for part in draft.parts:
        part.text = agency_before_suffix(part.text) or part.text
    return draft


def drop_transmission_codes(draft: Draft) -> Draft:
    """`Jane Doe / XAW102 / AFP` -> `Jane Doe / AFP`: a code of capitals and
    digits never names anyone, nor does an unknown run of 2-5 capitals written
    beside a known agency (a desk's initials)."""
    beside_agency = any(is_known_agency(part.text) for part in draft.parts)
    draft.parts = [
        part
        for part in draft.parts
        if not _is_transmission_code(part.text)
        and not (beside_agency and ACRONYM.fullmatch(part.text) and not is_known_agency(part.text))
    ]
    return draft


def drop_repeated_parts(draft: Draft) -> Draft:
    """`Reuters` by-line with credit `REUTERS` -> one `Reuters`; `AFP/AFP` -> `AFP`."""
    seen, kept = set(), []
    for part in draft.parts:
        key = canonical_agency(part.text).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(part)
    draft.parts = kept
    return draft


def reorganise(draft: Draft) -> Draft:
    """Which part is who: `AFP/Getty Images` -> agency AFP, distributor Getty
    Images; `REUTERS/Jim Young` -> Jim Young, Reuters.

    The photographer is the first name of a person (the credit line's before
    the by-line's, unless the line is one name: then it is the agency); other
    people of its list and of the by-line are `others`.
    Of the rest, in order (one to a list), the agency is the first that is not
    a distributor (those after `via` only when none is before), and the
    distributor the last of the others.
    """
    parts = draft.parts
    kinds = [_kind(part.text) for part in parts]
    line = [index for index, part in enumerate(parts) if not part.byline]
    if len(line) == 1 and len(parts) > 1 and kinds[line[0]] == "person":
        kinds[line[0]] = "unsure"  # a credit line of one name beside a by-line: the agency
    if "person" not in kinds and len(parts) >= 2:
        for index, part in enumerate(parts):  # `foo / bar`: the first is the person
            if kinds[index] == "unsure" and not part.via:
                kinds[index] = "person"
                break
    people = [i for i, part in enumerate(parts) if kinds[i] == "person" and not part.via]
    chosen = next((i for i in people if not parts[i].byline), people[0] if people else None)
    hands, groups = [], set()
    for index, part in enumerate(parts):
        if index == chosen:
            draft.photographer = part.text
        elif kinds[index] == "person" and (
            part.byline or (chosen is not None and part.group == parts[chosen].group)
        ):
            draft.others.append(part.text)
        elif part.group not in groups:  # `Jane Doe / Some Local Paper`: positional
            groups.add(part.group)
            hands.append(part)
    made = [hand for hand in hands if not hand.via] or hands
    if made:
        agency = next((hand for hand in made if not is_distributor(hand.text)), made[0])
        draft.agency = agency.text
        rest = [hand for hand in hands if hand is not agency]
        draft.distributor = rest[-1].text if rest else ""
    return draft


def capitalise_names(draft: Draft) -> Draft:
    """`CATRINUS VAN DER VEEN` -> `Catrinus van der Veen`: people's names in
    capitals in name case; mixed-case names and agencies (`AFP`) as written."""
    draft.photographer = person_name(draft.photographer) if draft.photographer else ""
    draft.others = [person_name(name) for name in draft.others]
    return draft


STEPS: tuple[Step, ...] = (
    unwrap_parentheses,
    strip_copyright_prefix,
    strip_rights_reserved,
    strip_lead_in,
    take_courtesy,
    split_chain,
    split_lists,
    strip_photo_suffix,
    take_role_words,
    fold_agency_suffix,
    drop_transmission_codes,
    drop_repeated_parts,
    reorganise,
    capitalise_names,
)


def run(draft: Draft) -> Draft:
    for step in STEPS:
        step(draft)
    return draft


# -- helpers -------------------------------------------------------------------------


def peel_parentheses(text: str) -> str:
    """`( (AP) )` -> `AP`."""
    start, end = 0, len(text)
    while end - start >= 2 and text[start] == "(" and text[end - 1] == ")":
        start, end = start + 1, end - 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return text[start:end]


def _name_and_agency(text: str) -> list[str]:
    """`Evan Vucci (AP)` and `Jane Doe for The Washington Post` -> the name and
    the agency; `Getty Images for Gucci` -> the agency (its client is no
    party); other text whole (`Center for Strategic Studies`)."""
    match = AGENCY_IN_PARENS.match(text)
    if match and looks_like_organisation(match["agency"]):
        return [match["name"].strip(), match["agency"].strip()]
    name, found, agency = text.partition(" for ")
    if found and is_known_agency(name):
        return [name]
    if found and looks_like_person(name) and looks_like_organisation(agency):
        return [name, agency]
    return [text]


RIGHTS_RESERVED = "all rights reserved"


def _without_rights_reserved(text: str) -> str:
    stripped = text.rstrip(" .")
    if not stripped.casefold().endswith(RIGHTS_RESERVED):
        return text
    return stripped[: len(stripped) - len(RIGHTS_RESERVED)].rstrip(" .,;")


def _full_name(text: str) -> bool:
    """A person's name of two words or more (`Barnes & Noble` is no list)."""
    return " " in text and looks_like_person(text)


def _is_transmission_code(text: str) -> bool:
    return (
        TRANSMISSION_CODE.fullmatch(text) is not None
        and any(char.isdigit() for char in text)
        and any(char.isalpha() for char in text)
    )


def _kind(text: str) -> str:
    if is_known_agency(text):
        return "agency"
    if looks_like_person(text):
        return "person"
    return "agency" if looks_like_organisation(text) else "unsure"
