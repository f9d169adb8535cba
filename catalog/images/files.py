"""Image files checked before the catalog keeps them, and renditions made from them.

Only the formats the catalog accepts are ever opened; the pixel count and
the memory the decoded pixels would take are checked before a single pixel
is decoded; `verify()` and a full decode catch corrupt and truncated files.
Bad input raises ImageRejected and nothing else.
Nothing here touches the database.
"""

import hashlib
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageFile, ImageMode

from catalog.outcomes import ImportFailed

from .metadata import EmbeddedMetadata, read_embedded_metadata, read_orientation

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "GIF")
MIME_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
    "GIF": "image/gif",
}
# Pillow reads a JPEG with a Multi-Picture Format segment as MPO; it is a JPEG.
FORMAT_ALIASES = {"MPO": "JPEG"}
# Pillow's default Image.MAX_IMAGE_PIXELS, for renditions made without an explicit limit.
DEFAULT_MAX_PIXELS = 89_478_485
# Memory for the decoded pixels of one image, for calls that name no limit.
DEFAULT_MAX_DECODED_BYTES = 256 * 1024 * 1024
# Past this multiple of the limit an image is taken for a decompression bomb, as Pillow does.
BOMB_FACTOR = 2

# Signatures that name a file's format without handing it to a parser.
ACCEPTED_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),
    (b"MM\x00+", "TIFF"),
)
REFUSED_SIGNATURES = (
    (b"8BPS", "PSD"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"icns", "ICNS"),
    (b"%PDF", "PDF"),
    (b"%!PS", "EPS"),
    (b"\xc5\xd0\xd3\xc6", "EPS"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG 2000"),
    (b"\xff\x4f\xff\x51", "JPEG 2000"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "JPEG XL"),
    (b"\xff\x0a", "JPEG XL"),
    (b"qoif", "QOI"),
    (b"DDS ", "DDS"),
)
HEIF_BRANDS = {b"heic": "HEIC", b"heix": "HEIC", b"mif1": "HEIF", b"avif": "AVIF"}
BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}
NETPBM = re.compile(rb"P[1-7]\s")
SVG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
PILLOW_PIXEL_COUNT = re.compile(r"\((\d+) pixels\)")

# EXIF orientation to the turn that shows the picture upright, as ImageOps.exif_transpose
# does; applied here without rewriting the EXIF block, which a rendition drops anyway, so
# a hostile block cannot stop it. Orientations 5 to 8 are stored on their side.
TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class ImageRejected(ImportFailed):
    """A file the catalog will not keep; `reason` is a stable code for forms and the API."""

    REASONS = (
        "not_an_image",
        "format",
        "too_large",
        "too_many_pixels",
        "decoded_too_large",  # its pixels would take more memory than allowed
        "decompression_bomb",
        "corrupt",
        "duplicate",  # the file is already another photo's image
    )

    def __init__(self, reason: str, message: str):
        if reason not in self.REASONS:
            raise ValueError(f"unknown rejection reason {reason!r}")
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ImageFacts:
    """What the catalog keeps about a checked file."""

    format: str  # one of ACCEPTED_FORMATS
    mime_type: str
    width: int  # as stored, before EXIF orientation
    height: int
    size: int  # bytes
    sha256: str
    orientation: int  # EXIF orientation 1-8
    metadata: EmbeddedMetadata


@dataclass(frozen=True)
class Rendition:
    """A copy for display: JPEG bytes and their size."""

    content: bytes
    width: int
    height: int
    format: str = "JPEG"
    mime_type: str = "image/jpeg"


def check_size(size: int, *, max_bytes: int) -> None:
    """Refuse a file by its size alone, so that an upload too large is never read."""
    if size > max_bytes:
        raise ImageRejected("too_large", f"the file has {size:,} bytes; the limit is {max_bytes:,}")


def inspect_image(
    data: bytes,
    *,
    max_bytes: int,
    max_pixels: int,
    max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES,
) -> ImageFacts:
    """Check an uploaded file thoroughly and read its facts and embedded metadata.

    A JPEG is decoded at an eighth of its size: every byte of it is still read
    and checked, in 1/64 of the memory. An image whose pixels would take more
    than `max_decoded_bytes` to decode and convert (`working_size`) is refused
    unread.

    `max_pixels` applies to this call only. Pillow's global Image.MAX_IMAGE_PIXELS
    stays in force behind it, so a limit above twice that (about 179 million
    pixels) needs the global raised at start-up.
    """
    check_size(len(data), max_bytes=max_bytes)
    with _opened(data, max_pixels, max_decoded_bytes) as image, _decoding():
        image.verify()  # structure and checksums (PNG), before any decoding
    with _opened(data, max_pixels, max_decoded_bytes) as image:
        width, height = image.size
        with _decoding():
            image.draft(None, (width // 8, height // 8))  # JPEG only; others ignore it
            image.load()  # the full decode is what finds a truncated file
        image_format = FORMAT_ALIASES.get(image.format, image.format)
        return ImageFacts(
            format=image_format,
            mime_type=MIME_TYPES[image_format],
            width=width,
            height=height,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            orientation=read_orientation(image),
            metadata=read_embedded_metadata(image),
        )


def make_rendition(
    data: bytes,
    *,
    max_width: int,
    max_height: int,
    quality: int = 85,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES,
) -> Rendition:
    """An upright RGB JPEG that fits the box, never enlarged, without the original metadata.

    The picture is made small first and turned and flattened after, so that
    beside the decoded pixels at most one working copy of the full size exists.
    """
    if max_width < 1 or max_height < 1:
        raise ValueError("a rendition box needs a positive width and height")
    with _opened(data, max_pixels, max_decoded_bytes) as image:
        orientation = read_orientation(image)
        profile = _rgb_profile(image)
        stored_box = (max_height, max_width) if orientation >= 5 else (max_width, max_height)
        with _decoding():
            image.draft("RGB", stored_box)  # JPEG: decode at a reduced scale when it can
            image.load()
        with _decoding("the image cannot be converted for display"):
            picture = _shrunk(image, stored_box)
            picture.thumbnail(stored_box, Image.Resampling.LANCZOS)
            transposition = TRANSPOSITIONS.get(orientation)
            picture = _as_rgb(picture.transpose(transposition) if transposition else picture)
            picture.info.clear()  # no comment, EXIF, XMP or IPTC carried over
            buffer = BytesIO()
            picture.save(buffer, "JPEG", quality=quality, optimize=True, icc_profile=profile)
    return Rendition(content=buffer.getvalue(), width=picture.width, height=picture.height)


def _conversions(mode: str, transparent: bool, *, shrinking: bool) -> list[str]:
    """The modes an image goes through before it is resized: palette and bilevel
    pixels cannot be averaged, 16-bit grey cannot be reduced, and before a
    reduction transparency is premultiplied, so that colours under transparent
    pixels do not bleed into the visible ones."""
    if mode in ("1", "P", "PA"):
        chain = ["RGBA", "RGBa"] if transparent else ["RGB"]
    elif mode.startswith("I;16"):
        chain = ["I"]
    elif mode in ("LA", "RGBA"):
        chain = [mode[:-1] + "a"]
    else:
        chain = []
    return chain if shrinking else [step for step in chain if step not in ("La", "RGBa")]


def working_size(width: int, height: int, mode: str, transparent: bool) -> int:
    """The most memory an image's pixels take at once while it is checked and its
    renditions made: the decoded pixels, or two neighbours of its conversions,
    each released once the next is made."""
    sizes = [
        decoded_size(width, height, step)
        for step in [mode, *_conversions(mode, transparent, shrinking=True)]
    ]
    return max([sizes[0], *(a + b for a, b in itertools.pairwise(sizes))])


def _shrunk(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """The picture at about twice the box at most, by whole-pixel reduction, in a
    mode that resizes well. Each full-size copy is released once the next one is
    made, the decoded image included, so at most two are held at once."""
    factor = min(image.width // box[0], image.height // box[1]) // 2
    shrinking = factor >= 2
    picture = image
    for mode in _conversions(image.mode, image.has_transparency_data, shrinking=shrinking):
        converted = picture.convert(mode)
        picture.close()  # frees its pixels (the decoded image's too)
        picture = converted
    if not shrinking:
        return picture
    reduced = picture.reduce(factor)
    picture.close()
    straight = {"La": "LA", "RGBa": "RGBA"}.get(reduced.mode)
    return reduced.convert(straight) if straight else reduced


def _rgb_profile(image: Image.Image) -> bytes | None:
    """The image's ICC profile if it describes RGB, so colours survive; else none."""
    profile = image.info.get("icc_profile")
    return profile if isinstance(profile, bytes) and profile[16:20] == b"RGB " else None


def _as_rgb(image: Image.Image) -> Image.Image:
    """RGB for a JPEG: transparency flattened on white, 16-bit grey scaled, not clipped."""
    if image.mode.startswith("I"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, "white")
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


@contextmanager
def _opened(
    data: bytes, max_pixels: int, max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES
) -> Iterator[ImageFile.ImageFile]:
    """Open an accepted format and check its pixel count, and the memory its
    pixels would take, before anything is decoded."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES is on: truncated files would pass")
    if not data:
        raise ImageRejected("not_an_image", "the file is empty")
    try:
        image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.DecompressionBombError as error:
        raise _bomb(error, max_pixels) from error
    except Image.DecompressionBombWarning as error:  # when warnings are turned into errors
        raise ImageRejected(
            "too_many_pixels", f"the image has too many pixels ({error})"
        ) from error
    except Exception as error:
        raise _unreadable(data, error) from error
    try:
        if image.format not in ACCEPTED_FORMATS and image.format not in FORMAT_ALIASES:
            raise ImageRejected("format", f"{image.format} images are not accepted")
        _check_pixels(image.width, image.height, max_pixels)
        _check_decoded_size(image, max_decoded_bytes)
        yield image
    finally:
        image.close()


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    pixels = width * height
    if pixels > BOMB_FACTOR * max_pixels:
        raise _bomb(f"{pixels:,} pixels ({width}x{height})", max_pixels)
    if pixels > max_pixels:
        raise ImageRejected(
            "too_many_pixels",
            f"the image has {pixels:,} pixels ({width}x{height}); the limit is {max_pixels:,}",
        )


def decoded_size(width: int, height: int, mode: str) -> int:
    """The bytes Pillow holds for an image's decoded pixels: one band in 1, 2
    or 4 bytes by its depth; two to four 8-bit bands packed in 4 bytes (RGB
    too). A 16-bit RGBA PNG is read as 8-bit RGBA: 4 bytes a pixel."""
    info = ImageMode.getmode(mode)
    item = int(info.typestr[-1])  # '|u1', '<u2', '<i4', '<f4', '|b1'
    per_pixel = item if len(info.bands) == 1 else 4 * item
    return width * height * per_pixel


def _check_decoded_size(image: Image.Image, max_decoded_bytes: int) -> None:
    size = working_size(image.width, image.height, image.mode, image.has_transparency_data)
    if size > max_decoded_bytes:
        raise ImageRejected(
            "decoded_too_large",
            f"the image would take {size:,} bytes of memory to decode and convert "
            f"({image.width}x{image.height}, mode {image.mode}); the limit is "
            f"{max_decoded_bytes:,}",
        )


def _bomb(declared: str | Exception, max_pixels: int | None = None) -> ImageRejected:
    """A rejection for an image whose declared size is far beyond the limit."""
    if isinstance(declared, Exception):  # Pillow's DecompressionBombError names the count
        count = PILLOW_PIXEL_COUNT.search(str(declared))
        declared = f"{int(count[1]):,} pixels" if count else str(declared)
    limit = f"; the limit is {max_pixels:,}" if max_pixels else ""
    return ImageRejected(
        "decompression_bomb",
        f"the image may be a decompression bomb: it declares {declared}{limit}",
    )


@contextmanager
def _decoding(problem: str = "the image is truncated or corrupt") -> Iterator[None]:
    """Turn whatever Pillow raises on a bad file into a rejection naming the problem."""
    try:
        yield
    except ImageRejected:
        raise
    except Image.DecompressionBombError as error:
        raise _bomb(error) from error
    except Exception as error:
        raise ImageRejected("corrupt", f"{problem}: {error}") from error


def _unreadable(data: bytes, error: Exception) -> ImageRejected:
    """Why Pillow could not open a file: a broken accepted image, a refused format, or no image."""
    accepted, name = sniff_format(data)
    if accepted:
        return ImageRejected(
            "corrupt", f"the image is truncated or corrupt: it starts as a {name} but {error}"
        )
    if name:
        return ImageRejected(
            "format", f"{name} images are not accepted; send JPEG, PNG, WebP, TIFF or GIF"
        )
    return ImageRejected(
        "not_an_image", "the file is not an image (accepted: JPEG, PNG, WebP, TIFF, GIF)"
    )


def sniff_format(data: bytes) -> tuple[bool, str]:
    """(accepted, format name) from a file's first bytes; (False, "") when unknown."""
    head = data[:1024]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True, "WEBP"
    for signature, name in ACCEPTED_SIGNATURES:
        if head.startswith(signature):
            return True, name
    for signature, name in REFUSED_SIGNATURES:
        if head.startswith(signature):
            return False, name
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return False, HEIF_BRANDS[head[8:12]]
    if head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in BMP_HEADER_SIZES:
        return False, "BMP"
    if NETPBM.match(head):
        return False, "Netpbm"
    if SVG.search(head):
        return False, "SVG"
    return False, ""
