"""Credit, caption and date embedded in an image: IPTC IIM, EXIF and XMP.

Each block is read on its own into the same snake_case fields, then merged:
XMP first, then IPTC IIM, then EXIF. A block that cannot be read is logged
and skipped, so a hostile file never stops an import at this step. Nothing
here touches the database.
"""

import logging
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, time
from itertools import combinations

from PIL import Image, IptcImagePlugin
from PIL.ExifTags import IFD, Base

logger = logging.getLogger(__name__)

FIELDS = (
    "creator",
    "credit_line",
    "source",
    "copyright_notice",
    "caption",
    "headline",
    "date_created",
)
BLOCKS_BY_PREFERENCE = ("xmp", "iptc", "exif")

# IPTC IIM datasets (record, dataset). Repeated datasets, such as several
# by-lines, are joined with ", " as exiftool prints them.
IIM_FIELDS = {
    (2, 80): "creator",
    (2, 110): "credit_line",
    (2, 115): "source",
    (2, 116): "copyright_notice",
    (2, 120): "caption",
    (2, 105): "headline",
    (2, 90): "city",
    (2, 101): "country",
}
IIM_DATE_CREATED = (2, 55)
IIM_TIME_CREATED = (2, 60)
IIM_CODED_CHARACTER_SET = (1, 90)
IIM_UTF8 = b"\x1b%G"  # ISO 2022 escape for UTF-8; without it IIM text is Latin-1

EXIF_FIELDS = {
    Base.Artist: "creator",
    Base.Copyright: "copyright_notice",
    Base.ImageDescription: "caption",
}

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
XMP_META = ("{adobe:ns:meta/}xmpmeta", "{adobe:ns:meta/}xapmeta")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XMP_FIELDS = {
    "creator": DC + "creator",
    "credit_line": PHOTOSHOP + "Credit",
    "source": PHOTOSHOP + "Source",
    "copyright_notice": DC + "rights",
    "caption": DC + "description",
    "headline": PHOTOSHOP + "Headline",
    "date_created": PHOTOSHOP + "DateCreated",
    "city": PHOTOSHOP + "City",
    "country": PHOTOSHOP + "Country",
}

# EXIF "2001:05:19 18:36:41", IIM "20040226", XMP "1993-01-01T03:11:11.311+01:00".
DATE = re.compile(
    r"(?P<year>\d{4})(?:[-:]?(?P<month>\d{2})(?:[-:]?(?P<day>\d{2}))?)?"
    r"(?:[T ](?P<hour>\d{2}):?(?P<minute>\d{2})(?::?(?P<second>\d{2}))?(?:[.,]\d+)?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)
# IIM "062751-0500".
TIME = re.compile(
    r"(?P<hour>\d{2}):?(?P<minute>\d{2}):?(?P<second>\d{2})"
    r"(?:(?P<sign>[+-])(?P<zone_hour>\d{2}):?(?P<zone_minute>\d{2}))?"
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class EmbeddedMetadata:
    """The merged fields, each block's own values, and the fields they disagree on."""

    creator: str = ""
    credit_line: str = ""
    source: str = ""
    copyright_notice: str = ""
    caption: str = ""
    headline: str = ""
    date_created: str = ""  # ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS
    blocks: dict = field(default_factory=lambda: {"iptc": {}, "exif": {}, "xmp": {}})
    conflicts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELDS}


def read_embedded_metadata(image: Image.Image) -> EmbeddedMetadata:
    """Read and merge the blocks of an opened image (loaded, for a PNG's late XMP)."""
    blocks = {
        "iptc": _read_block("IPTC IIM", read_iim, image),
        "exif": _read_block("EXIF", read_exif, image),
        "xmp": _read_block("XMP", read_xmp, image),
    }
    merged = {}
    conflicts = []
    for name in FIELDS:
        values = [blocks[block][name] for block in BLOCKS_BY_PREFERENCE if blocks[block].get(name)]
        merged[name] = merge_values(name, values)
        if any(not values_agree(name, a, b) for a, b in combinations(values, 2)):
            conflicts.append(name)
    return EmbeddedMetadata(**merged, blocks=blocks, conflicts=conflicts)


def merge_values(name: str, values: list[str]) -> str:
    """The first value in order of preference; a date gains a time another block knows."""
    if not values:
        return ""
    chosen = values[0]
    if name == "date_created":
        for value in values[1:]:
            if value.startswith(chosen):
                chosen = value
    return chosen


def values_agree(name: str, first: str, second: str) -> bool:
    """Equal up to white space; dates agree when one only adds precision to the other."""
    if name == "date_created":
        return first.startswith(second) or second.startswith(first)
    return first.split() == second.split()


def _read_block(label: str, reader, image: Image.Image) -> dict[str, str]:
    try:
        return reader(image)
    except Exception:
        logger.warning("Skipped unreadable %s metadata in a %s image", label, image.format)
        logger.debug("Reading %s metadata failed", label, exc_info=True)
        return {}


def read_iim(image: Image.Image) -> dict[str, str]:
    return iim_values(IptcImagePlugin.getiptcinfo(image) or {})


def iim_values(datasets: dict) -> dict[str, str]:
    """IIM datasets as getiptcinfo returns them (bytes, or lists of bytes) to text."""
    charset = b"".join(_iim_items(datasets, IIM_CODED_CHARACTER_SET))
    encoding = "utf-8" if IIM_UTF8 in charset else "latin-1"

    def text(key: tuple[int, int]) -> str:
        items = (clean_text(item.decode(encoding, "replace")) for item in _iim_items(datasets, key))
        return ", ".join(item for item in items if item)

    values = {name: text(key) for key, name in IIM_FIELDS.items()}
    day = normalise_date(text(IIM_DATE_CREATED))
    time_created = normalise_time(text(IIM_TIME_CREATED))
    has_full_date = len(day) == len("YYYY-MM-DD")
    values["date_created"] = f"{day}T{time_created[:8]}" if has_full_date and time_created else day
    values["time_created"] = time_created  # with its zone, which date_created leaves out
    return {name: value for name, value in values.items() if value}


def _iim_items(datasets: dict, key: tuple[int, int]) -> list[bytes]:
    value = datasets.get(key)
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, bytes)]


def read_exif(image: Image.Image) -> dict[str, str]:
    exif = image.getexif()
    values = {name: exif_text(exif.get(tag)) for tag, name in EXIF_FIELDS.items()}
    # Several creators in Artist are separated by semicolons (MWG guidelines).
    creators = (part.strip() for part in values["creator"].split(";"))
    values["creator"] = ", ".join(part for part in creators if part)
    taken = exif.get_ifd(IFD.Exif).get(Base.DateTimeOriginal)
    values["date_created"] = normalise_date(exif_text(taken))
    return {name: value for name, value in values.items() if value}


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


def read_xmp(image: Image.Image) -> dict[str, str]:
    descriptions = _rdf_descriptions(image.getxmp(strip_namespaces=False))
    values = {}
    for name, prop in XMP_FIELDS.items():
        texts = (xmp_text(description[prop]) for description in descriptions if prop in description)
        values[name] = next((text for text in texts if text), "")
    values["date_created"] = normalise_date(values["date_created"])
    return {name: value for name, value in values.items() if value}


def _rdf_descriptions(xmp: dict) -> list[dict]:
    """The rdf:Description elements, in the dictionary shape getxmp gives."""
    root = next((xmp[key] for key in XMP_META if key in xmp), xmp)
    rdf = root.get(RDF + "RDF") if isinstance(root, dict) else None
    descriptions = rdf.get(RDF + "Description") if isinstance(rdf, dict) else None
    if not isinstance(descriptions, list):
        descriptions = [descriptions]
    return [description for description in descriptions if isinstance(description, dict)]


def xmp_text(value) -> str:
    """A simple value; a Seq or Bag joined with ", "; an Alt's x-default (else first) item."""
    if isinstance(value, list):  # a property repeated against the rules: take the first
        value = value[0] if value else ""
    if not isinstance(value, dict):
        return _xmp_item_text(value)
    for array in ("Seq", "Bag"):
        if RDF + array in value:
            items = (_xmp_item_text(item) for item in _xmp_items(value[RDF + array]))
            return ", ".join(item for item in items if item)
    if RDF + "Alt" in value:
        items = _xmp_items(value[RDF + "Alt"])
        defaults = [
            item for item in items if isinstance(item, dict) and item.get(XML_LANG) == "x-default"
        ]
        texts = (_xmp_item_text(item) for item in defaults + items)
        return next((text for text in texts if text), "")
    return _xmp_item_text(value)


def _xmp_items(array) -> list:
    items = array.get(RDF + "li") if isinstance(array, dict) else None
    return items if isinstance(items, list) else [items]


def _xmp_item_text(item) -> str:
    """An item's text: a string, or the text beside an element's attributes (xml:lang)."""
    if isinstance(item, dict):
        item = item.get("text")
    return clean_text(item) if isinstance(item, str) else ""


def clean_text(text: str) -> str:
    """Trimmed text with Unix line ends and no control characters but tab and newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub("", text).strip()


def normalise_date(text: str) -> str:
    """ISO 8601 `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with a time (sub-seconds and zone
    dropped); a bare year or year-month stays as short. "" for no valid date."""
    match = DATE.fullmatch(text.strip())
    if not match:
        return ""
    year, month, day = match["year"], match["month"], match["day"]
    try:
        date(int(year), int(month or 1), int(day or 1))
        if match["hour"]:
            time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
    except ValueError:
        return ""
    if not month:
        return year
    if not day:
        return f"{year}-{month}"
    if not match["hour"]:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}-{day}T{match['hour']}:{match['minute']}:{match['second'] or '00'}"


def normalise_time(text: str) -> str:
    """IIM time `HHMMSS±HHMM` as `HH:MM:SS±HH:MM` (zone kept when given); "" if invalid."""
    match = TIME.fullmatch(text.strip())
    if not match:
        return ""
    try:
        time(int(match["hour"]), int(match["minute"]), int(match["second"]))
    except ValueError:
        return ""
    clock = f"{match['hour']}:{match['minute']}:{match['second']}"
    if match["sign"]:
        return f"{clock}{match['sign']}{match['zone_hour']}:{match['zone_minute']}"
    return clock
