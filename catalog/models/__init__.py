"""The catalog's domain model: who made a picture, who sent it, where it ran.

Every record an import creates carries its provenance (the article and the
line of the source text) so an editor can trace it back.
"""

from .base import Sourced, numbered, unique_slug
from .parties import Agency, AgencyAlias, Photographer, PhotographerAlias
from .photos import CreditRole, Photo, Rendition, RenditionSpec, house_credit_line
from .rights import (
    AgencyAgreement,
    AgreementTerms,
    Lease,
    LeaseAccess,
    RightsCategory,
    Usage,
    UsagePlatform,
)
from .slideshows import ContentWarning, Slide, Slideshow, WarningKind
from .videos import Speaker, TranscriptTurn, Video

# isort: split
# Article last: it and Photo name each other, and where dumpdata meets such a
# cycle it writes the last-registered model early. Registered last, Article
# comes first, before the turns and slides whose natural keys need their parents.
from .articles import Article

__all__ = [
    "Agency",
    "AgencyAgreement",
    "AgencyAlias",
    "AgreementTerms",
    "Article",
    "ContentWarning",
    "CreditRole",
    "Lease",
    "LeaseAccess",
    "Photo",
    "Photographer",
    "PhotographerAlias",
    "Rendition",
    "RenditionSpec",
    "RightsCategory",
    "Slide",
    "Slideshow",
    "Sourced",
    "Speaker",
    "TranscriptTurn",
    "Usage",
    "UsagePlatform",
    "Video",
    "WarningKind",
    "house_credit_line",
    "numbered",
    "unique_slug",
]
