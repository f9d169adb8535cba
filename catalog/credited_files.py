"""A copy of a photo's file that carries the catalog's current credit.

The web rendition (for anyone) or the original (for staff), with the
credit, caption, headline and copyright the catalog holds now
(catalog.published) written into its IPTC IIM, its XMP and the EXIF fields
that say the same (Artist, Copyright, ImageDescription), by exiv2 (pyexiv2).
The stored file is read, never written: the copy is made in memory.

Written as the Metadata Working Group's guidelines ask of a changer: every
block that holds a field gets the same value, IIM in UTF-8 (1:90) and cut
at its dataset's length limit, XMP whole. exiv2 leaves the file's IPTC
digest as it was, so a reader sees IIM changed after the last XMP sync and
takes IIM, or XMP where the IIM value is cut (catalog/images/metadata/
reconcile.py reads it so, as exiftool's MWG tags do): both say the same.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import PurePath

import pyexiv2

from catalog.models import Photo, RenditionSpec
from catalog.published import Published, published

# IPTC IIM 4.2 dataset limits, in characters (catalog.images.metadata.iim reads them so).
IIM_LIMITS = {
    "Iptc.Application2.Byline": 32,
    "Iptc.Application2.Credit": 32,
    "Iptc.Application2.Source": 32,
    "Iptc.Application2.Copyright": 128,
    "Iptc.Application2.Caption": 2000,
    "Iptc.Application2.Headline": 256,
}
UTF8 = "\x1b%G"  # IIM 1:90, coded character set: UTF-8


class CannotWrite(Exception):
    """The file has no image, is missing, or is of a format exiv2 cannot write."""


@dataclass(frozen=True)
class CreditedFile:
    content: bytes
    filename: str
    content_type: str


def credited_file(photo: Photo, *, original: bool = False) -> CreditedFile:
    """The web rendition (or the original) of `photo` with its credit written
    in. `photo` from `Photo.objects.with_credit().with_renditions()`."""
    if original:
        field, name = photo.image, photo.image_name or PurePath(photo.image.name).name
    else:
        rendition = photo.rendition(RenditionSpec.WEB)
        field = rendition.file if rendition else None
        name = f"{photo.uid}{PurePath(field.name).suffix}" if field else ""
    if not field:
        raise CannotWrite("This photo has no image file.")
    try:
        with field.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise CannotWrite("The image file is missing from storage.") from None
    content_type, _ = mimetypes.guess_type(name)
    return CreditedFile(
        with_credit(data, published(photo)), name, content_type or "application/octet-stream"
    )


def with_credit(data: bytes, said: Published) -> bytes:
    """`data` (an image file) with `said` written into its IIM, XMP and EXIF."""
    iptc = {
        "Iptc.Application2.Byline": [said.creator] if said.creator else None,
        "Iptc.Application2.Credit": said.credit_line or None,
        "Iptc.Application2.Source": said.agency or None,
        "Iptc.Application2.Copyright": said.copyright_notice or None,
        "Iptc.Application2.Caption": said.caption or None,
    }
    xmp = {
        "Xmp.dc.creator": [said.creator] if said.creator else None,
        "Xmp.photoshop.Credit": said.credit_line or None,
        "Xmp.photoshop.Source": said.agency or None,
        "Xmp.dc.rights": _alt(said.copyright_notice),
        "Xmp.dc.description": _alt(said.caption),
    }
    exif = {
        "Exif.Image.Artist": said.creator or None,
        "Exif.Image.Copyright": said.copyright_notice or None,
        "Exif.Image.ImageDescription": said.caption or None,
    }
    if said.headline:  # without one the file's own stays
        iptc["Iptc.Application2.Headline"] = said.headline
        xmp["Xmp.photoshop.Headline"] = said.headline
    iptc = {key: _cut(key, value) for key, value in iptc.items()}
    try:
        with pyexiv2.ImageData(data) as image:
            image.modify_iptc({"Iptc.Envelope.CharacterSet": UTF8, **iptc})
            image.modify_xmp(xmp)
            image.modify_exif(exif)
            return image.get_bytes()
    except RuntimeError as error:
        raise CannotWrite(f"Cannot write metadata into this file: {error}") from None


def _alt(text: str) -> dict | None:
    """An XMP language alternative in the default language."""
    return {'lang="x-default"': text} if text else None


def _cut(key: str, value):
    limit = IIM_LIMITS[key]
    if isinstance(value, list):
        return [item[:limit] for item in value]
    return value[:limit] if value else value
