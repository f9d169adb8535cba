"""Credit, caption and date embedded in an image: IPTC IIM, EXIF and XMP.

Each block is read on its own into the same snake_case fields (iim, exif,
xmp), cut to the lengths in `text.FIELD_LIMITS`, then reconciled by the
MWG 2.0 rules (reconcile). A block that cannot be read is logged and
skipped, so a hostile file never stops an import at this step. Nothing here
touches the database.
"""

import json
import logging
from dataclasses import dataclass, field

from PIL import Image

from .exif import read_exif, read_orientation
from .iim import iim_digest_state, read_iim
from .reconcile import FIELDS, merge_values, reconcile, values_agree
from .text import (
    BLOCKS_BUDGET,
    CREATOR_LIMIT,
    CUT_MARKER,
    FIELD_LIMITS,
    LABELS,
    cut,
    normalise_date,
    normalise_time,
)
from .xmp import read_xmp

__all__ = [
    "BLOCKS_BUDGET",
    "FIELDS",
    "FIELD_LIMITS",
    "EmbeddedMetadata",
    "merge_values",
    "normalise_date",
    "normalise_time",
    "read_embedded_metadata",
    "read_orientation",
    "values_agree",
]

logger = logging.getLogger(__name__)

READERS = {"iptc": read_iim, "exif": read_exif, "xmp": read_xmp}


@dataclass(frozen=True)
class EmbeddedMetadata:
    """The reconciled fields, each block's own values, and what the reading found.

    `creators` lists the creators one by one; `creator` joins them for people
    to read. `sources` names the block each field came from, `iim_digest`
    what the IPTC digest said ("matches", "differs", "missing", or "" without
    IIM), `notices` the values cut to fit.
    """

    creator: str = ""
    credit_line: str = ""
    source: str = ""
    copyright_notice: str = ""
    caption: str = ""
    headline: str = ""
    date_created: str = ""  # ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS[+HH:MM]
    creators: list[str] = field(default_factory=list)
    blocks: dict = field(default_factory=lambda: {"iptc": {}, "exif": {}, "xmp": {}})
    conflicts: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    iim_digest: str = ""
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELDS}


def read_embedded_metadata(image: Image.Image) -> EmbeddedMetadata:
    """Read and reconcile the blocks of an opened image (loaded, for a PNG's late XMP)."""
    notices: list[str] = []
    blocks = {}
    for key, reader in READERS.items():
        blocks[key] = cap_values(LABELS[key], _read_block(key, reader, image), notices)
    digest = _read_digest(image) if blocks["iptc"] else ""
    merged, conflicts, sources = reconcile(blocks, digest)
    fit_blocks(blocks, BLOCKS_BUDGET, notices)
    return EmbeddedMetadata(
        **merged,
        blocks=blocks,
        conflicts=conflicts,
        sources=sources,
        iim_digest=digest,
        notices=notices,
    )


def _read_block(key: str, reader, image: Image.Image) -> dict:
    try:
        return reader(image)
    except Exception:
        logger.warning("Skipped unreadable %s metadata in a %s image", LABELS[key], image.format)
        logger.debug("Reading %s metadata failed", LABELS[key], exc_info=True)
        return {}


def _read_digest(image: Image.Image) -> str:
    try:
        return iim_digest_state(image)
    except Exception:
        logger.warning("Skipped an unreadable IPTC digest in a %s image", image.format)
        return ""


def cap_values(label: str, values: dict, notices: list[str]) -> dict:
    """Each value cut to its field's limit (each creator to CREATOR_LIMIT), noting each cut."""
    capped = {}
    for name, value in values.items():
        if name == "creators":
            capped[name] = [
                _capped(label, "creator", item, CREATOR_LIMIT, notices) for item in value
            ]
        elif name in FIELD_LIMITS:
            capped[name] = _capped(label, name, value, FIELD_LIMITS[name], notices)
        else:
            capped[name] = value
    if "creators" in capped:
        capped["creator"] = _capped(
            label, "creator", ", ".join(capped["creators"]), FIELD_LIMITS["creator"], []
        )
    return capped


def _capped(label: str, name: str, value: str, limit: int, notices: list[str]) -> str:
    if len(value) <= limit:
        return value
    notices.append(
        f"the {label} {name.replace('_', ' ')} has {len(value):,} characters; cut to {limit:,}"
    )
    return cut(value, limit)


def fit_blocks(blocks: dict, budget: int, notices: list[str]):
    """Cut the longest block values (marking the cut) until the blocks' JSON fits `budget`."""
    size = _json_size(blocks)
    if size <= budget:
        return
    while size > budget:
        strings = [
            (len(value), key, name)
            for key, block in blocks.items()
            for name, value in block.items()
            if isinstance(value, str) and len(value) > 2 * len(CUT_MARKER)
        ]
        if not strings:
            break
        length, key, name = max(strings)
        keep = max(0, length - (size - budget) - len(CUT_MARKER))
        blocks[key][name] = blocks[key][name][:keep] + CUT_MARKER
        size = _json_size(blocks)
    notices.append(f"the embedded blocks kept on the photo were cut to fit {budget:,} bytes")


def _json_size(value) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
