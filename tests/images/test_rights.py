"""Usage rights embedded in a file (XMP rights, PLUS) are read on ingest."""

import pytest

from catalog.images.rights import embedded_rights
from catalog.images.store import ingest_image
from catalog.models import RightsCategory
from tests.factories import PhotoFactory
from tests.images.imagefiles import alt, jpeg_with_xmp

from .test_metadata import metadata_of

RIGHTS_NAMESPACES = (
    'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" '
    'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" '
)


def rights_packet(*, terms: str, statement: str, licensor: str, caption: str = "") -> str:
    """A packet written as photo desks' tools write these fields: the usage terms
    a language alternative, the licensor a PLUS struct in a sequence."""
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        f"{RIGHTS_NAMESPACES}"
        f'xmpRights:WebStatement="{statement}" photoshop:Credit="Ann Lee / Wire">'
        f"<dc:description>{alt(caption)}</dc:description>"
        f"<xmpRights:UsageTerms>{alt(terms)}</xmpRights:UsageTerms>"
        '<plus:Licensor><rdf:Seq><rdf:li rdf:parseType="Resource">'
        f"<plus:LicensorName>{licensor}</plus:LicensorName>"
        "</rdf:li></rdf:Seq></plus:Licensor>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )


def test_the_xmp_rights_fields_are_read():
    data = jpeg_with_xmp(
        rights_packet(
            terms="Editorial use only. No archiving.",
            statement="https://example.org/rights/4521",
            licensor="Harbour Images Ltd",
        )
    )
    metadata = metadata_of(data)
    assert metadata.usage_terms == "Editorial use only. No archiving."
    assert metadata.web_statement == "https://example.org/rights/4521"
    assert metadata.licensor == "Harbour Images Ltd"
    assert metadata.sources["usage_terms"] == "xmp"


@pytest.mark.parametrize(
    ("statement", "category", "licence", "source"),
    [
        (
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "creative_commons",
            "CC BY-SA 4.0",
            True,
        ),
        ("http://creativecommons.org/publicdomain/zero/1.0/", "creative_commons", "CC0 1.0", True),
        ("https://creativecommons.org/publicdomain/mark/1.0/", "public_domain", "", True),
        ("https://example.org/terms", "", "", True),
        ("Ask the picture desk", "", "", False),
    ],
)
def test_a_web_statement_may_make_the_category_plain(statement, category, licence, source):
    rights = embedded_rights(usage_terms="", web_statement=statement, licensor="")
    assert (rights.category, rights.licence) == (category, licence)
    assert rights.source == (statement if source else "")


@pytest.mark.django_db
def test_ingest_fills_a_new_photos_rights(media_root):
    data = jpeg_with_xmp(
        rights_packet(
            terms="Credit the author.",
            statement="https://creativecommons.org/licenses/by/4.0/",
            licensor="Ann Lee",
            caption="Boats at dawn.",
        )
    )
    photo, _ = ingest_image(data, name="boats.jpg")
    photo.refresh_from_db()
    assert photo.rights_category == RightsCategory.CREATIVE_COMMONS
    assert photo.rights_licence == "CC BY 4.0"
    assert photo.rights_restrictions == "Credit the author."
    assert photo.rights_source == "https://creativecommons.org/licenses/by/4.0/"
    assert photo.rights_licensor == "Ann Lee"


@pytest.mark.django_db
def test_ingest_takes_the_category_from_a_plain_credit(media_root):
    data = jpeg_with_xmp(
        rights_packet(terms="", statement="", licensor="", caption="Boats at dawn.")
    )
    photo, _ = ingest_image(data, name="boats.jpg")
    photo.refresh_from_db()
    assert photo.agency.name == "Wire"
    assert photo.rights_category == RightsCategory.AGENCY


@pytest.mark.django_db
def test_ingest_keeps_the_rights_an_editor_set(media_root):
    photo = PhotoFactory(rights_category=RightsCategory.STAFF, rights_restrictions="Not for print.")
    data = jpeg_with_xmp(
        rights_packet(
            terms="Editorial use only.",
            statement="https://creativecommons.org/licenses/by/4.0/",
            licensor="Someone Else",
        )
    )
    ingest_image(data, name="boats.jpg", photo=photo)
    photo.refresh_from_db()
    assert (photo.rights_category, photo.rights_restrictions) == ("staff", "Not for print.")
    assert photo.rights_licensor == "Someone Else"  # it had none
