"""EXIF: Artist, Copyright, ImageDescription, DateTimeOriginal and Orientation."""

import logging
import re
from contextlib import suppress

from PIL import Image
from PIL.ExifTags import IFD, Base

from .text import clean_text, normalise_date, normalise_zone

logger = logging.getLogger("catalog.images.metadata")

EXIF_FIELDS = {
    Base.Artist: "creator",
    Base.Copyright: "copyright_notice",
    Base.ImageDescription: "caption",
}
# MWG 2.0 stores several creators in Artist as `A; B`, quoting a name that holds
# "; " or starts with a quote ("" inside quotes is one quote).
ARTIST_ITEM = re.compile(r'\s*(?:"(?P<quoted>(?:[^"]|"")*)"|(?P<plain>[^;]*))\s*(?:;|$)')


def read_exif(image: Image.Image) -> dict:
    exif = image.getexif()
    values: dict = {name: exif_text(exif.get(tag)) for tag, name in EXIF_FIELDS.items()}
    values["creators"] = split_artist(values.pop("creator"))
    values["creator"] = ", ".join(values["creators"])
    details = exif.get_ifd(IFD.Exif)
    taken = normalise_date(exif_text(details.get(Base.DateTimeOriginal)))
    zone = normalise_zone(exif_text(details.get(Base.OffsetTimeOriginal)))
    values["date_created"] = taken + zone if "T" in taken else taken
    return {name: value for name, value in values.items() if value}


def split_artist(text: str) -> list[str]:
    """The creators an EXIF Artist names, separated by semicolons (MWG 2.0)."""
    names = []
    for match in ARTIST_ITEM.finditer(text):
        name = match["quoted"].replace('""', '"') if match["quoted"] is not None else match["plain"]
        if name and name.strip():
            names.append(name.strip())
        if match.end() >= len(text):
            break
    return names


def exif_text(value) -> str:
    """EXIF ASCII text, which Pillow decodes as Latin-1 though writers often use UTF-8."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    elif isinstance(value, str):
        with suppress(UnicodeError):
            value = value.encode("latin-1").decode("utf-8")
    else:
        return ""
    # Copyright holds the photographer's and the editor's notices, NUL-separated.
    parts = (clean_text(part) for part in value.split("\x00"))
    return ", ".join(part for part in parts if part)


def read_orientation(image: Image.Image) -> int:
    """EXIF orientation 1-8; 1 when absent, invalid or unreadable."""
    try:
        orientation = image.getexif().get(Base.Orientation)
    except Exception:
        logger.warning("Skipped unreadable EXIF orientation in a %s image", image.format)
        return 1
    return orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else 1
