"""What the development server serves from the media folder: the renditions,
which are public, and never the original files."""

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.test import RequestFactory

from config.urls import public_media


def served(patterns, path: str):
    """The response of the pattern that takes `path`, or None."""
    for pattern in patterns:
        match = pattern.resolve(path)
        if match:
            return match.func(RequestFactory().get(f"/{path}"), *match.args, **match.kwargs)
    return None


@pytest.fixture
def media_files(media_root):
    for name in ("renditions/ab/ab12-thumbnail.jpg", "photos/ab/ab12.jpg"):
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(b"\xff\xd8\xff" + name.encode())
    return media_root


def test_in_development_only_the_renditions_are_served(settings, media_files):
    settings.DEBUG = True

    patterns = public_media()

    response = served(patterns, "media/renditions/ab/ab12-thumbnail.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).endswith(b"renditions/ab/ab12-thumbnail.jpg")
    assert served(patterns, "media/photos/ab/ab12.jpg") is None
    with pytest.raises(SuspiciousFileOperation):  # a 400 for the client
        served(patterns, "media/renditions/../photos/ab/ab12.jpg")


def test_in_production_nothing_is_served_from_media(settings, media_files):
    settings.DEBUG = False

    assert public_media() == []
