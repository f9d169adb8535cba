"""Small image files built in memory for the image reader's tests."""

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


def jpeg_with_iim(*datasets: bytes, base: bytes | None = None) -> bytes:
    """A JPEG carrying IIM datasets in a Photoshop APP13 segment, as editors write them."""
    iim = b"".join(datasets)
    resource = (
        b"8BIM"
        + (0x0404).to_bytes(2, "big")  # IPTC-NAA resource
        + b"\x00\x00"  # empty name, padded to an even length
        + len(iim).to_bytes(4, "big")
        + iim
        + b"\x00" * (len(iim) % 2)
    )
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    jpeg = base or image_bytes("JPEG", size=(8, 8))
    return jpeg[:2] + segment + jpeg[2:]


def jpeg_with_exif(**tags) -> bytes:
    """A JPEG with EXIF tags named as in PIL.ExifTags.Base (DateTimeOriginal: Exif IFD)."""
    exif = Image.Exif()
    for name, value in tags.items():
        if name == "DateTimeOriginal":
            exif.get_ifd(IFD.Exif)[Base.DateTimeOriginal] = value
        else:
            exif[Base[name]] = value
    return image_bytes("JPEG", size=(8, 8), exif=exif)


def jpeg_with_xmp(packet: str | bytes) -> bytes:
    xmp = packet.encode("utf-8") if isinstance(packet, str) else packet
    return image_bytes("JPEG", size=(8, 8), xmp=xmp)


def xmp_packet(description: str) -> str:
    """An XMP packet with one rdf:Description holding `description` (attributes, then body)."""
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        f" {description}</rdf:Description>"
        "</rdf:RDF></x:xmpmeta>"
    )


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
