"""The agencies credits name: their spellings, which ones distribute others'
pictures, and the region and desk words that may follow their names.

Every agency quirk is a row here, not a rule elsewhere: a new spelling goes
into KNOWN_AGENCIES, a new distributor into DISTRIBUTORS, a new desk into
AGENCY_SUFFIXES.
"""

from functools import lru_cache

from .text import normalise_space

# Well-known agencies and the other ways credits spell them. The catalog
# learns further spellings as aliases when it meets them.
KNOWN_AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("Associated Press", "The Associated Press", "AP Images"),
    "Reuters": ("Thomson Reuters",),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "Getty Images": ("Getty",),
    "EPA": ("European Pressphoto Agency", "EPA-EFE", "EPA Images"),
    "Bloomberg": ("Bloomberg News",),
    "Xinhua": ("Xinhua News Agency",),
    "The New York Times": ("New York Times", "NYT"),
    "Redux Pictures": ("Redux",),
    "Polaris Images": ("Polaris",),
    "ZUMA Press": ("Zuma", "ZUMA Wire", "ZUMAPRESS.com"),
    "Sipa Press": ("Sipa", "Sipa USA"),
    "Magnum Photos": ("Magnum",),
    "NASA": (),
    "U.S. Army": ("US Army",),
    "U.S. Navy": ("US Navy",),
    "PA": ("PA Wire", "PA Images", "PA Photos", "PA Archive", "Press Association"),
    "EFE": ("Agencia EFE",),
    "Anadolu Agency": ("Anadolu",),
    "NurPhoto": (),
    "SOPA Images": (),
    "LightRocket": (),
    "TASS": ("ITAR-TASS",),
    "Sputnik": (),
    "Kyodo": ("Kyodo News",),
    "Yonhap": ("Yonhap News Agency",),
    "ANSA": (),
    "dpa": ("Deutsche Presse-Agentur", "dpa picture alliance"),
    "Shutterstock": (),
    "Rex Features": ("REX", "Rex"),
    "Alamy": ("Alamy Stock Photo", "Alamy Live News"),
    "Pacific Press": ("Pacific Press Agency",),
    "AAP": ("AAP Image", "AAPIMAGE", "Australian Associated Press"),
    "UPI": ("United Press International",),
    # State and national agencies whose initials would otherwise pass for desk codes.
    "KCNA": ("Korean Central News Agency",),
    "IRNA": ("Islamic Republic News Agency",),
    "SANA": ("Syrian Arab News Agency",),
    "WAFA": (),
    "MENA": ("Middle East News Agency",),
    "ANP": (),
    "Belga": (),
    "PAP": (),
    "TT": ("TT News Agency",),
    "NTB": (),
    "Ritzau": ("Ritzau Scanpix",),
    "Lusa": (),
}

# Agencies that pass on pictures other agencies made: in a chain of two
# known agencies such as `Getty Images / AFP`, these are the distributor
# wherever they are written. Any agency after `via` is a distributor too.
DISTRIBUTORS = frozenset(
    [
        "Getty Images",
        "Redux Pictures",
        "Polaris Images",
        "ZUMA Press",
        "Sipa Press",
        "Shutterstock",
        "Alamy",
    ]
)

# Words that may follow an agency's name for a region, a desk or an unnamed
# contributor (`Getty Images North America`, `AFP Contributor`): the credit
# is the agency's. Matched whole, one phrase after another.
AGENCY_SUFFIXES = frozenset(
    phrase.casefold()
    for phrase in (
        "North America",
        "South America",
        "Latin America",
        "Central America",
        "Europe",
        "AsiaPac",
        "Asia Pacific",
        "Asia",
        "Middle East",
        "Africa",
        "Oceania",
        "Sport",
        "Sports",
        "Entertainment",
        "News",
        "Archive",
        "TV",
        "Video",
        "Contributor",
        "Photographer",
        "Staff",
        "Stringer",
    )
)
LONGEST_SUFFIX = max(len(phrase.split()) for phrase in AGENCY_SUFFIXES)


def agency_key(name: str) -> str:
    key = normalise_space(name).casefold()
    return key[4:] if key.startswith("the ") else key


_CANONICAL = {
    agency_key(spelling): canonical
    for canonical, spellings in KNOWN_AGENCIES.items()
    for spelling in (canonical, *spellings)
}
LONGEST_AGENCY = max(len(spelling.split()) for spelling in _CANONICAL)


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


def is_distributor(name: str) -> bool:
    return canonical_agency(name) in DISTRIBUTORS


@lru_cache(maxsize=4096)
def agency_before_suffix(name: str) -> str:
    """`Getty Images North America` -> `Getty Images`: a known agency followed
    only by region or desk words, as written; otherwise ""."""
    words = normalise_space(name).split()
    for length in range(min(len(words) - 1, LONGEST_AGENCY), 0, -1):
        agency = " ".join(words[:length])
        if is_known_agency(agency) and _all_suffixes(words[length:]):
            return agency
    return ""


def _all_suffixes(words: list[str]) -> bool:
    """Whether `words` are region and desk phrases, one after another."""
    start = 0
    while start < len(words):
        for length in range(min(LONGEST_SUFFIX, len(words) - start), 0, -1):
            if " ".join(words[start : start + length]).casefold() in AGENCY_SUFFIXES:
                start += length
                break
        else:
            return False
    return True
