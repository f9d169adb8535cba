"""Text, dates and lengths shared by the block readers."""

import re
from datetime import date, datetime, time

# The longest value kept for each field, in characters: a photo's columns
# (credit text 500, photographer and agency names 200, title 300) and a sane
# bound for the caption and the copyright notice, which have no column of
# their own. Longer values are cut, and the cut is reported.
FIELD_LIMITS = {
    "creator": 1_000,  # the creators joined; each one is cut to CREATOR_LIMIT
    "credit_line": 500,
    "source": 200,
    "copyright_notice": 1_000,
    "caption": 10_000,
    "headline": 300,
    "date_created": 40,
    "time_created": 40,
    "city": 200,
    "country": 200,
}
CREATOR_LIMIT = 200
# The raw blocks kept on the photo (its `embedded` JSON) stay within this
# many bytes of JSON; their longest values are cut, ending in CUT_MARKER.
BLOCKS_BUDGET = 64 * 1024
CUT_MARKER = " [cut]"

LABELS = {"iptc": "IPTC IIM", "exif": "EXIF", "xmp": "XMP"}

# EXIF "2001:05:19 18:36:41", IIM "20040226", XMP "1993-01-01T03:11:11.311+01:00".
DATE = re.compile(
    r"(?P<year>\d{4})(?:[-:]?(?P<month>\d{2})(?:[-:]?(?P<day>\d{2}))?)?"
    r"(?:[T ](?P<hour>\d{2}):?(?P<minute>\d{2})(?::?(?P<second>\d{2}))?(?:[.,]\d+)?)?"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?"
)
# IIM "062751-0500", EXIF OffsetTimeOriginal "-05:00".
TIME = re.compile(
    r"(?P<hour>\d{2}):?(?P<minute>\d{2}):?(?P<second>\d{2})"
    r"(?P<zone>[+-]\d{2}:?\d{2})?"
)
ZONE = re.compile(r"(?:Z|(?P<sign>[+-])(?P<hour>\d{2}):?(?P<minute>\d{2})?)")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Trimmed text with Unix line ends and no control characters but tab and newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub("", text).strip()


def normalise_zone(text: str) -> str:
    """A UTC offset as `+HH:MM` ("Z" is `+00:00`); "" if there is none or it is invalid."""
    match = ZONE.fullmatch(text.strip()) if text else None
    if not match:
        return ""
    if not match["sign"]:
        return "+00:00"
    hours, minutes = int(match["hour"]), int(match["minute"] or 0)
    if hours > 23 or minutes > 59:
        return ""
    return f"{match['sign']}{hours:02}:{minutes:02}"


def normalise_date(text: str) -> str:
    """ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with a time, followed by
    its UTC offset (`+HH:MM`) when the text gives one. Sub-seconds are dropped;
    a bare year or year-month stays as short. "" for no valid date."""
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
    clock = f"{match['hour']}:{match['minute']}:{match['second'] or '00'}"
    return f"{year}-{month}-{day}T{clock}{normalise_zone(match['zone'] or '')}"


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
    return clock + normalise_zone(match["zone"] or "")


def same_instant(first: str, second: str) -> bool:
    """Two ISO date-times with offsets that name the same moment."""
    try:
        one, other = datetime.fromisoformat(first), datetime.fromisoformat(second)
    except ValueError:
        return False
    return one.tzinfo is not None and other.tzinfo is not None and one == other


def cut(text: str, limit: int) -> str:
    """The text cut to at most `limit` characters, at the last space if one is near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return (head[:space] if space > limit * 0.8 else head).rstrip()
