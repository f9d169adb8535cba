"""Which block's value the catalog takes, by the Metadata Working Group's
Guidelines for Handling Image Metadata 2.0 ("Reconciling metadata" when reading):

1. EXIF first, for the fields EXIF holds (Artist -> creator, Copyright,
   ImageDescription -> caption, DateTimeOriginal): EXIF has no checksum, so
   a program unaware of XMP may have changed it; a Consumer takes a native
   EXIF value that is not empty (blank or space-only values count as absent).
2. Then IIM against XMP, judged by the IPTC digest (Photoshop resource 0x0425,
   the MD5 of the IIM block when XMP was last synchronised with it):
   - digest matches, or no digest: XMP; IIM only where XMP lacks the field;
   - digest differs: IIM was edited after the sync, so IIM wins where it has
     the field, unless its value is the XMP value cut at the IIM dataset's
     length limit (then XMP's full value is the one meant).
3. Otherwise whichever block has the field.

The Adobe XMP Toolkit and exiftool's MWG composite tags read files the same
way. A date taken from one block gains the time or UTC offset another block
gives for the same day; fields the blocks disagree on are reported as
conflicts.
"""

from itertools import combinations

from .iim import DIGEST_DIFFERS, IIM_LIMITS
from .text import same_instant

FIELDS = (
    "creator",
    "credit_line",
    "source",
    "copyright_notice",
    "caption",
    "headline",
    "date_created",
)
EXIF_HELD = ("creator", "copyright_notice", "caption", "date_created")


def reconcile(blocks: dict[str, dict], digest: str) -> tuple[dict, list[str], dict[str, str]]:
    """(merged values with `creators`, conflicting fields, the block each field came from)."""
    merged, conflicts, chosen = {}, [], {}
    for name in FIELDS:
        block = choose_block(name, blocks, digest)
        others = [key for key in ("exif", "iptc", "xmp") if key != block]
        values = [blocks[key][name] for key in [block, *others] if key and blocks[key].get(name)]
        merged[name] = merge_values(name, values)
        if block:
            chosen[name] = block
        if any(not values_agree(name, a, b) for a, b in combinations(values, 2)):
            conflicts.append(name)
    creators = blocks[chosen["creator"]].get("creators", []) if "creator" in chosen else []
    merged["creators"] = list(creators) or ([merged["creator"]] if merged["creator"] else [])
    return merged, conflicts, chosen


def choose_block(name: str, blocks: dict[str, dict], digest: str) -> str:
    """The block whose value MWG takes for the field; "" when none has it."""
    if name in EXIF_HELD and blocks["exif"].get(name, "").strip():
        return "exif"
    iim, xmp = blocks["iptc"].get(name), blocks["xmp"].get(name)
    if not xmp:
        return "iptc" if iim else ""
    if iim and digest == DIGEST_DIFFERS and not cut_from_xmp(name, blocks["iptc"], blocks["xmp"]):
        return "iptc"
    return "xmp"


def cut_from_xmp(name: str, iim: dict, xmp: dict) -> bool:
    """Whether IIM's value is XMP's cut at the dataset's length limit (MWG: take XMP)."""
    limit = IIM_LIMITS.get(name)
    if not limit:
        return False
    if name == "creator":
        pairs = list(zip(iim.get("creators", []), xmp.get("creators", []), strict=False))
    else:
        pairs = [(iim[name], xmp[name])]
    return any(len(short) == limit and full.startswith(short) for short, full in pairs) and all(
        full.startswith(short) for short, full in pairs
    )


def merge_values(name: str, values: list[str]) -> str:
    """The first value; a date gains the time or offset an agreeing one adds."""
    if not values:
        return ""
    chosen = values[0]
    if name == "date_created":
        for value in values[1:]:
            if value.startswith(chosen):
                chosen = value
    return chosen


def values_agree(name: str, first: str, second: str) -> bool:
    """Equal up to white space; dates agree when one only adds precision to the
    other, or both name the same moment in different offsets."""
    if name == "date_created":
        return first.startswith(second) or second.startswith(first) or same_instant(first, second)
    return first.split() == second.split()
