"""Embedded wire credits end to end: by-line and credit line as wire services embed
them, through ingest, to the photo's photographer, agency and distributor.

These expectations follow the credit rules for wire metadata (a by-line in capitals
is a name in name case; `AFP/Getty Images` is AFP's picture distributed by Getty
Images) that the catalog.credits package gains separately; what reaches the credit
reader is pinned in tests/images/test_store.py. Expectations read by hand.
"""

import pytest

from catalog.images.store import ingest_image
from tests.images.imagefiles import jpeg_with_segments, seq, xmp_packet, xmp_segment
from tests.images.test_store import wire_photo

pytestmark = pytest.mark.django_db


def parties(photo) -> tuple[str, str, str]:
    photo.refresh_from_db()
    return (
        photo.photographer.name if photo.photographer else "",
        photo.agency.name if photo.agency else "",
        photo.distributor.name if photo.distributor else "",
    )


def test_a_by_line_in_capitals_and_an_agency_via_distributor_credit():
    photo, _ = ingest_image(wire_photo("FIRST LAST", "AFP/Getty Images"), name="afp.jpg")
    assert parties(photo) == ("First Last", "AFP", "Getty Images")


def test_the_same_credit_from_xmp():
    packet = xmp_packet(
        f'photoshop:Credit="AFP/Getty Images"><dc:creator>{seq("FIRST LAST")}</dc:creator>'
    )
    photo, _ = ingest_image(jpeg_with_segments(xmp_segment(packet)), name="afp-xmp.jpg")
    assert parties(photo) == ("First Last", "AFP", "Getty Images")
