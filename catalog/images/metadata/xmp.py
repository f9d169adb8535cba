"""XMP packets: found wherever a file keeps them, parsed with defusedxml.

A JPEG may carry several APP1 packets: the standard one (signature
`http://ns.adobe.com/xap/1.0/` and a NUL, though writers also leave the NUL
out or pad it), a second standard packet, and extended XMP split into
chunks (`http://ns.adobe.com/xmp/extension/`). Each is read; the first
standard packet wins, later ones and the extended packet only fill the
fields it lacks. PNG, WebP and TIFF keep one packet, as Pillow reads it.

Property names are matched without regard to case (`dc:Rights`,
`photoshop:credit`), and namespaces also without a trailing slash.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from defusedxml import ElementTree
from PIL import Image

from .text import clean_text, normalise_date

logger = logging.getLogger("catalog.images.metadata")

STANDARD_SIGNATURE = b"http://ns.adobe.com/xap/1.0/"
EXTENSION_SIGNATURE = b"http://ns.adobe.com/xmp/extension/\x00"
EXIF_SIGNATURE = b"Exif\x00"
# How a packet starts; searched for near the start of an APP1 segment.
PACKET_STARTS = ("<?xpacket", "<x:xmpmeta", "<x:xapmeta", "<?xml", "<rdf:RDF")
ENCODINGS = ("utf-8", "utf-16-be", "utf-16-le")
SEARCHED_BYTES = 512
MAX_DEPTH = 64  # far beyond any real packet; a deeper one is hostile

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
XMP_NOTE = "http://ns.adobe.com/xmp/note/"
XMP_FIELDS = {
    "creator": (DC, "creator"),
    "credit_line": (PHOTOSHOP, "Credit"),
    "source": (PHOTOSHOP, "Source"),
    "copyright_notice": (DC, "rights"),
    "caption": (DC, "description"),
    "headline": (PHOTOSHOP, "Headline"),
    "date_created": (PHOTOSHOP, "DateCreated"),
    "city": (PHOTOSHOP, "City"),
    "country": (PHOTOSHOP, "Country"),
}
HAS_EXTENDED = (XMP_NOTE, "HasExtendedXMP")


class XmpError(ValueError):
    """A packet that is not XMP the reader can take."""


@dataclass
class Packets:
    standard: list[str]
    extended: dict[str, str]  # GUID -> the assembled packet


def read_xmp(image: Image.Image) -> dict:
    """The fields of every packet: the first standard packet's, then the others' where
    it has none, then the extended packet's (the one the main packet names first).
    An unreadable packet is skipped with a warning; XmpError when none can be read."""
    found = find_packets(image)
    readings = _parsed(found.standard, image)
    referenced = [reading.get("extended", "") for reading in readings]
    order = [guid for guid in referenced if guid in found.extended]
    order += [guid for guid in found.extended if guid not in order]
    readings += _parsed([found.extended[guid] for guid in order], image, already=len(readings))
    values: dict = {}
    for reading in readings:
        reading.pop("extended", None)
        for name, value in reading.items():
            values.setdefault(name, value)
    return values


def _parsed(texts: list[str], image: Image.Image, already: int = 0) -> list[dict]:
    """Each packet's fields; an unreadable packet is skipped, unless none was read."""
    readings, errors = [], []
    for text in texts:
        try:
            readings.append(parse_packet(text))
        except XmpError as error:
            errors.append(error)
    if errors and not readings and not already:
        raise errors[0]
    for error in errors:
        logger.warning("Skipped an unreadable XMP packet in a %s image: %s", image.format, error)
    return readings


def find_packets(image: Image.Image) -> Packets:
    applist = getattr(image, "applist", None)
    if applist is None:  # PNG, WebP, TIFF: one packet, where Pillow found it
        packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
        text = packet_text(packet) if packet else None
        return Packets([text] if text else [], {})
    standard, chunks = [], defaultdict(dict)
    for marker, payload in applist:
        if marker != "APP1" or payload.startswith(EXIF_SIGNATURE):
            continue
        if payload.startswith(EXTENSION_SIGNATURE):
            _add_chunk(chunks, payload[len(EXTENSION_SIGNATURE) :])
            continue
        text = packet_text(payload)
        if not text and payload.lower().startswith(STANDARD_SIGNATURE):
            # Marked as XMP but not a packet: parsed anyway, so that it is reported.
            text = payload[len(STANDARD_SIGNATURE) :].lstrip(b"\x00").decode("utf-8", "replace")
        if text:
            standard.append(text)
    return Packets(standard, _assemble(chunks))


def packet_text(payload: bytes | str) -> str | None:
    """The packet in an APP1 payload, whatever signature or padding comes before it.

    In the standard layout the packet follows the signature's NUL. Otherwise it
    starts at the first `<?xpacket`, `<x:xmpmeta`, ... found in UTF-8 or UTF-16
    near the start, the earliest reading that also ends as XML does. None when
    there is no packet."""
    if isinstance(payload, str):
        return payload.strip("\x00 \t\r\n") or None
    if payload.lower().startswith(STANDARD_SIGNATURE + b"\x00"):
        # The standard layout: the packet follows the NUL, in the encoding its first bytes show.
        text = _decoded(payload[len(STANDARD_SIGNATURE) + 1 :])
        if text.startswith("<") and text.endswith(">"):
            return text
    head = payload[:SEARCHED_BYTES]
    starts = []
    for encoding in ENCODINGS:
        for start in PACKET_STARTS:
            index = head.find(start.encode(encoding))
            if index >= 0:
                starts.append((index, encoding))
    for index, encoding in sorted(set(starts)):
        data = payload[index:]
        if encoding != "utf-8":
            data = data[: len(data) - len(data) % 2]
        text = data.decode(encoding, "replace").rstrip("\x00 \t\r\n")
        if text.endswith(">"):
            return text
    return None


def _decoded(data: bytes) -> str:
    """Bytes as text: UTF-16 when a byte order mark or a NUL beside the first `<` says
    so, else UTF-8; without the mark and the padding around the packet."""
    if data.startswith((b"\xfe\xff", b"\x00<")):
        encoding = "utf-16-be"
    elif data.startswith((b"\xff\xfe", b"<\x00")):
        encoding = "utf-16-le"
    else:
        encoding = "utf-8"
    if encoding != "utf-8":
        data = data[: len(data) - len(data) % 2]
    return data.decode(encoding, "replace").lstrip("\ufeff").strip("\x00 \t\r\n")


def _add_chunk(chunks: dict, body: bytes):
    """An extended XMP chunk: 32-character GUID, full length, offset, data (XMP part 3)."""
    if len(body) < 40:
        return
    guid = body[:32].decode("latin-1")
    total = int.from_bytes(body[32:36], "big")
    offset = int.from_bytes(body[36:40], "big")
    chunks[guid][offset] = (total, body[40:])


def _assemble(chunks: dict) -> dict[str, str]:
    """The extended packets whose chunks are all there, by GUID."""
    packets = {}
    for guid, parts in chunks.items():
        data, totals = b"", set()
        for offset in sorted(parts):
            total, part = parts[offset]
            totals.add(total)
            if offset != len(data):
                break
            data += part
        else:
            if totals == {len(data)}:
                text = packet_text(data)
                if text:
                    packets[guid] = text
    return packets


def _key(namespace: str, name: str) -> tuple[str, str]:
    return namespace.lower().rstrip("/"), name.lower()


FIELD_KEYS = {_key(*prop): name for name, prop in XMP_FIELDS.items()}
FIELD_KEYS[_key(*HAS_EXTENDED)] = "extended"
RDF_DESCRIPTION = _key(RDF, "Description")
RDF_LI = _key(RDF, "li")


def _split(tag: str) -> tuple[str, str]:
    """An ElementTree `{namespace}name` as its matching key."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return _key(namespace, name)
    return _key("", tag)


def parse_packet(text: str) -> dict:
    """The fields one packet holds; `creators` lists dc:creator's items."""
    try:
        root = ElementTree.fromstring(text)
    except Exception as error:  # defusedxml refusals, syntax errors, bad encodings
        raise XmpError(f"unreadable XMP: {error}") from error
    values: dict = {}
    for description in _descriptions(root):
        for name, items in _properties(description):
            if name not in values and items:
                values[name] = items
    result: dict = {}
    for name, items in values.items():
        if name == "creator":
            result["creators"] = items
            result["creator"] = ", ".join(items)
        else:
            result[name] = ", ".join(items)
    if "date_created" in result:
        result["date_created"] = normalise_date(result["date_created"])
    return {name: value for name, value in result.items() if value}


def _descriptions(root) -> list:
    """The rdf:Description elements, in document order; a packet too deep is refused."""
    found, stack = [], [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise XmpError(f"XMP nested deeper than {MAX_DEPTH} elements")
        if _is(element, RDF_DESCRIPTION):
            found.append(element)
        stack.extend((child, depth + 1) for child in reversed(list(element)))
    return found


def _properties(description):
    """(field, texts) for each property the catalog reads, attributes first."""
    for attribute, value in description.attrib.items():
        name = FIELD_KEYS.get(_split(attribute))
        if name:
            yield name, [text for text in [clean_text(value)] if text]
    for element in description:
        name = FIELD_KEYS.get(_split(element.tag)) if isinstance(element.tag, str) else None
        if name:
            yield name, _element_texts(element)


def _element_texts(element) -> list[str]:
    """A Seq's or Bag's items; an Alt's x-default (else first) item; or the simple text."""
    for container in element:
        kind = _split(container.tag)[1] if isinstance(container.tag, str) else ""
        items = [child for child in container if _is(child, RDF_LI)]
        if kind in ("seq", "bag"):
            return [text for text in map(_text, items) if text]
        if kind == "alt":
            defaults = [item for item in items if _language(item) == "x-default"]
            texts = (_text(item) for item in defaults + items)
            return [text for text in [next((text for text in texts if text), "")] if text]
    return [text for text in [_text(element)] if text]


def _is(element, key: tuple[str, str]) -> bool:
    return isinstance(element.tag, str) and _split(element.tag) == key


def _language(element) -> str:
    return element.get(XML_LANG, "").lower()


def _text(element) -> str:
    return clean_text(element.text or "")
