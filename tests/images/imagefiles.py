"""Small image files built in memory for the image reader's tests."""

import hashlib
import struct
import zlib
from io import BytesIO

from PIL import Image
from PIL.ExifTags import IFD, Base


def image_bytes(image_format: str, size=(20, 10), mode="RGB", color="red", **options) -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


def iim_dataset(record: int, number: int, value: bytes) -> bytes:
    """One IPTC IIM dataset: tag marker, record, dataset number, length, value."""
    return bytes([0x1C, record, number]) + len(value).to_bytes(2, "big") + value


def image_resource(code: int, data: bytes, name: bytes = b"") -> bytes:
    """One Photoshop image resource: `8BIM`, id, Pascal name and data, each padded to even."""
    pascal = bytes([len(name)]) + name
    pascal += b"\x00" * (len(pascal) % 2)
    return (
        b"8BIM"
        + code.to_bytes(2, "big")
        + pascal
        + len(data).to_bytes(4, "big")
        + data
        + (b"\x00" * (len(data) % 2))
    )


def segment(marker: int, payload: bytes) -> bytes:
    """One JPEG marker segment (APP1 is 0xE1, APP13 0xED)."""
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def jpeg_with_segments(*segments: bytes, base: bytes | None = None) -> bytes:
    """A Pillow-encoded JPEG with the segments inserted after its start-of-image marker."""
    jpeg = base or image_bytes("JPEG", size=(8, 8))
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def photoshop_segment(*resources: bytes) -> bytes:
    """An APP13 "Photoshop 3.0" segment holding image resources."""
    return segment(0xED, b"Photoshop 3.0\x00" + b"".join(resources))


def jpeg_with_iim(
    *datasets: bytes, base: bytes | None = None, digest: bytes | None = None
) -> bytes:
    """A JPEG carrying IIM datasets in a Photoshop APP13 segment, as editors write them;
    with `digest`, also the IPTC digest resource (0x0425) holding it."""
    resources = [image_resource(0x0404, b"".join(datasets))]
    if digest is not None:
        resources.append(image_resource(0x0425, digest))
    return jpeg_with_segments(photoshop_segment(*resources), base=base)


def iim_digest(*datasets: bytes) -> bytes:
    """The MD5 digest a program that synchronised XMP with these datasets stores."""
    return hashlib.md5(b"".join(datasets), usedforsecurity=False).digest()


EXIF_IFD_TAGS = {"DateTimeOriginal", "OffsetTimeOriginal"}


def exif_block(**tags) -> Image.Exif:
    """EXIF tags named as in PIL.ExifTags.Base (DateTimeOriginal, OffsetTimeOriginal:
    the Exif IFD)."""
    exif = Image.Exif()
    for name, value in tags.items():
        if name in EXIF_IFD_TAGS:
            exif.get_ifd(IFD.Exif)[Base[name]] = value
        else:
            exif[Base[name]] = value
    return exif


def jpeg_with_exif(**tags) -> bytes:
    return image_bytes("JPEG", size=(8, 8), exif=exif_block(**tags))


XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"


def xmp_segment(packet: str | bytes, signature: bytes = XMP_SIGNATURE) -> bytes:
    """An APP1 segment holding an XMP packet behind `signature`."""
    xmp = packet.encode("utf-8") if isinstance(packet, str) else packet
    return segment(0xE1, signature + xmp)


def extended_xmp_segments(packet: str, chunk_size: int) -> tuple[str, list[bytes]]:
    """(GUID, APP1 segments) of an extended XMP packet split into chunks (XMP part 3)."""
    data = packet.encode("utf-8")
    guid = hashlib.md5(data, usedforsecurity=False).hexdigest().upper()
    segments = []
    for offset in range(0, len(data), chunk_size):
        payload = (
            b"http://ns.adobe.com/xmp/extension/\x00"
            + guid.encode("ascii")
            + len(data).to_bytes(4, "big")
            + offset.to_bytes(4, "big")
            + data[offset : offset + chunk_size]
        )
        segments.append(segment(0xE1, payload))
    return guid, segments


def jpeg_with_xmp(packet: str | bytes) -> bytes:
    xmp = packet.encode("utf-8") if isinstance(packet, str) else packet
    return image_bytes("JPEG", size=(8, 8), xmp=xmp)


def xmp_packet(description: str, wrapper: bool = False) -> str:
    """An XMP packet with one rdf:Description holding `description` (attributes, then
    body); with `wrapper`, inside the `<?xpacket?>` processing instructions."""
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:xmpNote="http://ns.adobe.com/xmp/note/"'
        f" {description}</rdf:Description>"
        "</rdf:RDF></x:xmpmeta>"
    )
    if wrapper:
        packet = (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            + packet
            + " " * 100
            + '<?xpacket end="w"?>'
        )
    return packet


def alt(text: str) -> str:
    """An rdf:Alt with one x-default item, as dc:description and dc:rights hold text."""
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{text}</rdf:li></rdf:Alt>'


def seq(*items: str) -> str:
    return "<rdf:Seq>" + "".join(f"<rdf:li>{item}</rdf:li>" for item in items) + "</rdf:Seq>"


def declared_png(width: int, height: int, *, mode: str = "RGBA16") -> bytes:
    """A PNG of zeros, written row by row without ever holding its pixels: a
    small file that declares many. `mode`: RGBA16 (16-bit RGBA), GREY16, or
    PALETTE (8-bit palette with transparency)."""
    depth, colour_type, channels = {
        "RGBA16": (16, 6, 4),
        "GREY16": (16, 0, 1),
        "PALETTE": (8, 3, 1),
    }[mode]

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    chunks = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header)]
    if mode == "PALETTE":
        chunks += [chunk(b"PLTE", bytes(3 * 256)), chunk(b"tRNS", bytes(256))]
    row = bytes(1 + width * channels * depth // 8)  # filter byte 0, then the samples
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    chunks += [chunk(b"IDAT", pixels), chunk(b"IEND", b"")]
    return b"".join(chunks)
