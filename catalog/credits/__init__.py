"""Photo credits: one pipeline for every way a credit comes in.

Article pages, captions, embedded image metadata, API writes and the admin
all read credits through this package. The reading (steps.py, in order,
with the tables of agencies.py) touches no database; resolving.py turns a
read credit into the catalog's agencies and photographers.
"""

from .agencies import (
    AGENCY_SUFFIXES,
    DISTRIBUTORS,
    KNOWN_AGENCIES,
    agency_key,
    canonical_agency,
    is_distributor,
    is_known_agency,
)
from .captions import caption_credit
from .comparing import complete_credit, credits_agree
from .embedded import credit_from_embedded
from .names import looks_like_organisation, looks_like_person, person_name
from .parsing import looks_like_credit, parse_credit
from .records import Credit
from .steps import ROLE_WORDS, STEPS
from .text import normalise_space

__all__ = [
    "AGENCY_SUFFIXES",
    "DISTRIBUTORS",
    "KNOWN_AGENCIES",
    "ROLE_WORDS",
    "STEPS",
    "Credit",
    "agency_key",
    "canonical_agency",
    "caption_credit",
    "complete_credit",
    "credit_from_embedded",
    "credits_agree",
    "is_distributor",
    "is_known_agency",
    "looks_like_credit",
    "looks_like_organisation",
    "looks_like_person",
    "normalise_space",
    "parse_credit",
    "person_name",
]
