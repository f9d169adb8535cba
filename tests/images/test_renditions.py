"""Renditions: upright, fitted, never enlarged, RGB JPEG without the original metadata."""

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageFile
from PIL.ExifTags import Base

from catalog.images.files import ImageRejected, make_rendition
from tests.processes import environment, evaluate

from .imagefiles import declared_png, image_bytes

DATA = Path(__file__).resolve().parent.parent / "data" / "images"
RED, BLUE, WHITE = (255, 0, 0), (0, 0, 255), (255, 255, 255)


def opened(content: bytes) -> Image.Image:
    image = Image.open(BytesIO(content))
    image.load()
    return image


def close_to(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def red_left_blue_right(width: int, height: int, orientation: int | None = None) -> bytes:
    """A JPEG stored red on the left half and blue on the right, with an EXIF orientation."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    exif = Image.Exif()
    if orientation:
        exif[Base.Orientation] = orientation
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("stored", "upright"),
    [((40, 20), (20, 40)), ((2000, 1000), (50, 100))],
    ids=["small", "decoded-at-a-reduced-scale"],
)
def test_exif_orientation_6_is_turned_upright(stored, upright):
    # Orientation 6: the stored picture is turned 90 degrees clockwise to be seen, so the
    # stored left half (red) becomes the top and the right half (blue) the bottom.
    data = red_left_blue_right(*stored, orientation=6)
    rendition = make_rendition(data, max_width=100, max_height=100)
    image = opened(rendition.content)
    assert (rendition.width, rendition.height) == image.size == upright
    assert close_to(image.getpixel((image.width // 2, 2)), RED)
    assert close_to(image.getpixel((image.width // 2, image.height - 3)), BLUE)


def test_an_upright_picture_is_left_as_it_is():
    image = opened(
        make_rendition(red_left_blue_right(40, 20, 1), max_width=100, max_height=100).content
    )
    assert image.size == (40, 20)
    assert close_to(image.getpixel((2, 10)), RED)
    assert close_to(image.getpixel((37, 10)), BLUE)


@pytest.mark.parametrize(
    ("size", "box", "fitted"),
    [
        ((400, 200), (100, 100), (100, 50)),
        ((200, 400), (100, 100), (50, 100)),
        ((400, 200), (300, 50), (100, 50)),
        ((3000, 2000), (640, 640), (640, 427)),
        ((40, 20), (400, 400), (40, 20)),  # never enlarged
    ],
)
def test_the_rendition_fits_the_box_keeping_the_aspect_ratio(size, box, fitted):
    rendition = make_rendition(image_bytes("JPEG", size=size), max_width=box[0], max_height=box[1])
    assert (rendition.width, rendition.height) == fitted
    assert opened(rendition.content).size == fitted


@pytest.mark.parametrize(
    ("image_format", "mode", "colour", "expected"),
    [
        ("PNG", "RGBA", (255, 0, 0, 0), WHITE),  # transparent: flattened on white
        ("PNG", "RGBA", (255, 0, 0, 255), RED),
        ("PNG", "LA", (0, 0), WHITE),
        ("JPEG", "CMYK", (0, 255, 255, 0), RED),
        ("JPEG", "L", 128, (128, 128, 128)),
        ("PNG", "1", 1, WHITE),
        ("PNG", "I;16", 32768, (128, 128, 128)),  # scaled down, not clipped to white
        ("TIFF", "CMYK", (0, 255, 255, 0), RED),
        ("WEBP", "RGBA", (0, 0, 255, 0), WHITE),
    ],
)
def test_every_mode_becomes_an_rgb_jpeg(image_format, mode, colour, expected):
    data = image_bytes(image_format, size=(30, 20), mode=mode, color=colour)
    rendition = make_rendition(data, max_width=15, max_height=15)
    image = opened(rendition.content)
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (15, 10))
    assert (rendition.format, rendition.mime_type) == ("JPEG", "image/jpeg")
    assert close_to(image.getpixel((7, 5)), expected), image.getpixel((7, 5))


@pytest.mark.parametrize("image_format", ["PNG", "GIF"])
def test_a_palette_image_with_a_transparent_colour_is_flattened_on_white(image_format):
    image = Image.new("P", (30, 20), 1)
    image.putpalette([*RED, *BLUE])
    image.paste(0, (0, 0, 15, 20))
    buffer = BytesIO()
    image.save(buffer, image_format, transparency=1)  # the blue right half is transparent
    picture = opened(make_rendition(buffer.getvalue(), max_width=30, max_height=20).content)
    assert close_to(picture.getpixel((3, 10)), RED)
    assert close_to(picture.getpixel((26, 10)), WHITE)


def test_a_colour_profile_for_another_colour_space_is_dropped():
    cmyk_profile = bytes(16) + b"CMYK" + bytes(108)
    data = image_bytes("JPEG", size=(8, 8), mode="CMYK", icc_profile=cmyk_profile)
    assert Image.open(BytesIO(data)).info["icc_profile"] == cmyk_profile
    image = opened(make_rendition(data, max_width=8, max_height=8).content)
    assert "icc_profile" not in image.info


def test_the_original_metadata_is_left_out_but_the_colour_profile_kept():
    original = Image.open(DATA / "exiftool_ExifTool.jpg")
    assert {"exif", "xmp", "photoshop", "comment", "icc_profile"} <= set(original.info)
    rendition = make_rendition(
        (DATA / "exiftool_ExifTool.jpg").read_bytes(), max_width=4, max_height=4
    )
    image = opened(rendition.content)
    assert not {"exif", "xmp", "photoshop", "comment"} & set(image.info)
    assert len(image.getexif()) == 0
    assert image.info["icc_profile"] == original.info["icc_profile"]


def test_a_rendition_respects_the_pixel_limit_without_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    with pytest.raises(ImageRejected) as rejected:
        make_rendition(
            image_bytes("PNG", size=(150, 100)), max_width=10, max_height=10, max_pixels=10_000
        )
    assert rejected.value.reason == "too_many_pixels"
    with pytest.raises(ImageRejected) as rejected:
        make_rendition(
            (DATA / "pillow_decompression_bomb.gif").read_bytes(), max_width=10, max_height=10
        )
    assert rejected.value.reason == "decompression_bomb"
    assert decoded == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [("pillow_truncated_jpeg.jpg", "corrupt"), ("manifest.json", "not_an_image")],
)
def test_a_rendition_of_a_bad_file_is_rejected(name, reason):
    with pytest.raises(ImageRejected) as rejected:
        make_rendition((DATA / name).read_bytes(), max_width=10, max_height=10)
    assert rejected.value.reason == reason


# -- memory: made small first, with at most one working copy ---------------------------


def test_a_rendition_respects_the_memory_limit_without_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))

    with pytest.raises(ImageRejected) as rejected:
        make_rendition(
            declared_png(2000, 1000), max_width=10, max_height=10, max_decoded_bytes=15_000_000
        )

    assert rejected.value.reason == "decoded_too_large"
    assert decoded == []


def png(image: Image.Image, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["RGBA", "P"])
def test_a_large_transparent_picture_is_reduced_without_dark_edges(kind):
    # Stored: the left half transparent black, the right half opaque red; turned
    # upright (orientation 6) the left half is the top, flattened on white.
    image = Image.new("RGBA", (2400, 1200), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (1200, 0, 2400, 1200))
    if kind == "P":
        image = image.convert("P")  # one palette entry transparent
    exif = Image.Exif()
    exif[Base.Orientation] = 6

    rendition = make_rendition(png(image, exif=exif), max_width=300, max_height=100)

    picture = opened(rendition.content)
    assert picture.size == (rendition.width, rendition.height) == (50, 100)
    assert close_to(picture.getpixel((25, 10)), WHITE)
    assert close_to(picture.getpixel((25, 90)), RED)
    # Where the halves meet, white and red mix: full red, never darkened by the
    # black under the transparent pixels.
    assert all(picture.getpixel((25, y))[0] >= 200 for y in range(100))


def test_a_large_16_bit_grey_picture_is_scaled_not_clipped():
    grey = Image.new("I;16", (1600, 1600), 32768)  # half of the 16-bit range

    picture = opened(make_rendition(png(grey), max_width=100, max_height=100).content)

    assert picture.size == (100, 100)
    assert close_to(picture.getpixel((50, 50)), (128, 128, 128), tolerance=2)


PEAK = """
import resource
from catalog.images.files import inspect_image, make_rendition
from tests.images.imagefiles import declared_png

data = declared_png(4000, 4000)  # 16-bit RGBA: 64 MB decoded, 128 MB with its working copy
limit = 128 * 1024 * 1024
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
inspect_image(data, max_bytes=10**6, max_pixels=50_000_000, max_decoded_bytes=limit)
for box in ((240, 240), (1280, 1280)):
    make_rendition(data, max_width=box[0], max_height=box[1], max_decoded_bytes=limit)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grew": (after - before) * 1024, "limit": limit}))
"""


def test_checking_and_rendering_stay_within_the_memory_limit():
    measured = evaluate(PEAK, env=environment(DJANGO_SETTINGS_MODULE="tests.settings"))

    # The pixels held at once, and some for resampling to the web size (an image
    # less than four times the box is resampled whole: a pass of 1280 x 4000 pixels).
    # Before the working copies were bounded this grew by over 300 MB.
    assert measured["grew"] <= measured["limit"] + 48 * 1024 * 1024
