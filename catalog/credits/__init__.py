"""Photo credits: one pipeline for every way a credit comes in.

Article pages, embedded image metadata, API writes and the admin all read
credits through this package; nothing here touches the database.
"""

from .embedded import credit_from_embedded
from .parsing import (
    KNOWN_AGENCIES,
    agency_key,
    canonical_agency,
    is_known_agency,
    looks_like_credit,
    looks_like_organisation,
    looks_like_person,
    normalise_space,
    parse_credit,
    person_name,
)
from .records import Credit

__all__ = [
    "KNOWN_AGENCIES",
    "Credit",
    "agency_key",
    "canonical_agency",
    "credit_from_embedded",
    "is_known_agency",
    "looks_like_credit",
    "looks_like_organisation",
    "looks_like_person",
    "normalise_space",
    "parse_credit",
    "person_name",
]
