"""EXIF Artist holds several creators, separated as MWG 2.0 says. No database."""

import pytest

from catalog.images.files import inspect_image
from catalog.images.metadata.exif import split_artist
from tests.images.imagefiles import jpeg_with_exif


@pytest.mark.parametrize(
    ("artist", "creators"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe;John Roe; ", ["Jane Doe", "John Roe"]),
        ('"Doe; Jane"; John Roe', ["Doe; Jane", "John Roe"]),
        ('"The ""Desk"""; Jane Doe', ['The "Desk"', "Jane Doe"]),
        (" ; ", []),
    ],
)
def test_split_artist(artist, creators):
    assert split_artist(artist) == creators


def test_several_exif_creators_are_kept_one_by_one():
    data = jpeg_with_exif(Artist="Jane Doe; John Roe")
    metadata = inspect_image(data, max_bytes=100_000, max_pixels=10_000).metadata
    assert metadata.creators == ["Jane Doe", "John Roe"]
    assert metadata.creator == "Jane Doe, John Roe"
