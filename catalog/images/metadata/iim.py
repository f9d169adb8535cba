"""IPTC IIM datasets, and the Photoshop image resources that hold them.

JPEG keeps IIM in resource 0x0404 of an APP13 "Photoshop 3.0" block, TIFF in
tag 33723; resource 0x0425 beside it holds the MD5 digest of the IIM block as
it was when the XMP was last synchronised with it (MWG 2.0, "IPTC digest").
"""

import hashlib

from PIL import Image, IptcImagePlugin

from .text import clean_text, normalise_date, normalise_time

# IPTC IIM datasets (record, dataset).
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
# The longest value each dataset may hold (IIM 4.2): a value exactly this long
# may be an XMP value cut to fit, which MWG then takes from XMP.
IIM_LIMITS = {
    "creator": 32,
    "credit_line": 32,
    "source": 32,
    "copyright_notice": 128,
    "caption": 2000,
    "headline": 256,
    "city": 32,
    "country": 64,
}
IIM_DATE_CREATED = (2, 55)
IIM_TIME_CREATED = (2, 60)
IIM_CODED_CHARACTER_SET = (1, 90)
IIM_UTF8 = b"\x1b%G"  # ISO 2022 escape for UTF-8; without it IIM text is Latin-1

IPTC_RESOURCE = 0x0404
DIGEST_RESOURCE = 0x0425
TIFF_IPTC_TAG = 33723
TIFF_RESOURCES_TAG = 34377

# What resource 0x0425 says about the IIM block.
DIGEST_MATCHES = "matches"  # XMP was synchronised with this very IIM block
DIGEST_DIFFERS = "differs"  # IIM was changed afterwards by a program unaware of XMP
DIGEST_MISSING = "missing"  # no digest (or not 16 bytes): nothing is known


def read_iim(image: Image.Image) -> dict:
    return iim_values(IptcImagePlugin.getiptcinfo(image) or {})


def iim_values(datasets: dict) -> dict:
    """IIM datasets as getiptcinfo returns them (bytes, or lists of bytes) to text.

    Repeated by-lines become `creators`, and `creator` their names joined."""
    charset = b"".join(_iim_items(datasets, IIM_CODED_CHARACTER_SET))
    encoding = "utf-8" if IIM_UTF8 in charset else "latin-1"

    def texts(key: tuple[int, int]) -> list[str]:
        items = (clean_text(item.decode(encoding, "replace")) for item in _iim_items(datasets, key))
        return [item for item in items if item]

    values: dict = {name: ", ".join(texts(key)) for key, name in IIM_FIELDS.items()}
    values["creators"] = texts((2, 80))
    day = normalise_date(", ".join(texts(IIM_DATE_CREATED)))
    time_created = normalise_time(", ".join(texts(IIM_TIME_CREATED)))
    has_full_date = len(day) == len("YYYY-MM-DD")
    values["date_created"] = f"{day}T{time_created}" if has_full_date and time_created else day
    values["time_created"] = time_created
    return {name: value for name, value in values.items() if value}


def _iim_items(datasets: dict, key: tuple[int, int]) -> list[bytes]:
    value = datasets.get(key)
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, bytes)]


def iim_digest_state(image: Image.Image) -> str:
    """Whether the stored IPTC digest matches the IIM block; "" when there is no IIM."""
    iim = _raw_iim(image)
    if not iim:
        return ""
    stored = image_resources(image).get(DIGEST_RESOURCE)
    if not isinstance(stored, bytes) or len(stored) != 16:
        return DIGEST_MISSING
    # TIFF writers type tag 33723 as LONGs, padding the block with NULs the digest left out.
    candidates = (iim, iim.rstrip(b"\x00"))
    if any(hashlib.md5(block, usedforsecurity=False).digest() == stored for block in candidates):
        return DIGEST_MATCHES
    return DIGEST_DIFFERS


def _raw_iim(image: Image.Image) -> bytes:
    data = image_resources(image).get(IPTC_RESOURCE)
    if data is None and hasattr(image, "tag_v2"):
        data = image.tag_v2._tagdata.get(TIFF_IPTC_TAG)  # raw: Photoshop types it as LONGs
    return data if isinstance(data, bytes) else b""


def image_resources(image: Image.Image) -> dict:
    """Photoshop image resources by id: JPEG's as Pillow parsed them, TIFF's from tag 34377."""
    resources = image.info.get("photoshop")
    if isinstance(resources, dict):
        return resources
    if hasattr(image, "tag_v2"):
        block = image.tag_v2._tagdata.get(TIFF_RESOURCES_TAG)
        if isinstance(block, bytes):
            return parse_image_resources(block)
    return {}


def parse_image_resources(block: bytes) -> dict[int, bytes]:
    """`8BIM` resources: id, Pascal name padded to even, size, data padded to even."""
    resources, offset = {}, 0
    while block[offset : offset + 4] == b"8BIM" and offset + 7 <= len(block):
        code = int.from_bytes(block[offset + 4 : offset + 6], "big")
        name_length = block[offset + 6]
        offset += 6 + 1 + name_length
        offset += offset % 2  # the name with its length byte is padded to an even size
        size = int.from_bytes(block[offset : offset + 4], "big")
        offset += 4
        if offset + size > len(block):
            break
        resources[code] = block[offset : offset + size]
        offset += size + size % 2
    return resources
