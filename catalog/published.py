"""What a photo says of itself when it leaves the catalog: the credit,
caption and copyright the catalog holds now, not those the file came with.

One place for both ways out: the schema.org JSON-LD of the API
(catalog/api/jsonld.py) and the metadata written into a downloaded copy of
the file (catalog/credited_files.py). A correction in the catalog is what
both carry from then on.
"""

from dataclasses import dataclass

from catalog.models import Photo, RightsCategory

# Categories whose rights source is the licence itself, not a page to buy one.
OPEN_LICENCES = (RightsCategory.CREATIVE_COMMONS, RightsCategory.PUBLIC_DOMAIN)


@dataclass(frozen=True)
class Published:
    credit_line: str  # the house style: Photographer / Agency
    creator: str  # who made the picture: the photographer, else the agency
    creator_is_person: bool
    agency: str
    caption: str
    headline: str
    copyright_notice: str
    date_created: str  # ISO 8601, as the file said, or ""
    license: str  # the address of the licence or rights statement, or ""
    acquire_license_page: str  # where to license it, for rights that are sold, or ""


def published(photo: Photo) -> Published:
    """The photo's credit as it stands, from `Photo.objects.with_credit()`."""
    photographer = photo.photographer.name if photo.photographer else ""
    agency = photo.agency.name if photo.agency else ""
    embedded = photo.embedded or {}
    return Published(
        credit_line=photo.credit_line,
        creator=photographer or agency,
        creator_is_person=bool(photographer),
        agency=agency,
        caption=photo.caption,
        headline=photo.title,
        copyright_notice=copyright_notice(photo, photographer=photographer, agency=agency),
        date_created=embedded.get("date_created", ""),
        **licensing(photo),
    )


def licensing(photo: Photo) -> dict[str, str]:
    """The rights source as a licence (Creative Commons, public domain) or,
    for any other rights, as the statement that is also where to license it."""
    source = photo.rights_source
    if not source:
        return {"license": "", "acquire_license_page": ""}
    sold = photo.rights_category not in OPEN_LICENCES
    return {"license": source, "acquire_license_page": source if sold else ""}


def copyright_notice(photo: Photo, *, photographer: str, agency: str) -> str:
    """The notice the file came with while it names the photo's agency or
    photographer; else (the credit was corrected, or the file had none) `© `
    the agency that made the picture, else the photographer."""
    embedded = (photo.embedded or {}).get("copyright_notice", "")
    if embedded and any(
        name and name.lower() in embedded.lower() for name in (agency, photographer)
    ):
        return embedded
    owner = agency or photographer
    return f"© {owner}" if owner else ""
