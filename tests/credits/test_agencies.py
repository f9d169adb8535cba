"""The agency table: spellings, distributors, regions and desks."""

import pytest

from catalog.credits import (
    DISTRIBUTORS,
    KNOWN_AGENCIES,
    canonical_agency,
    is_distributor,
    is_known_agency,
)
from catalog.credits.agencies import agency_before_suffix


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("PA Wire", "PA"),
        ("PA Images", "PA"),
        ("Press Association", "PA"),
        ("PA", "PA"),
        ("REUTERS", "Reuters"),
        ("EPA-EFE", "EPA"),
        ("EFE", "EFE"),
        ("Anadolu", "Anadolu Agency"),
        ("Kyodo News", "Kyodo"),
        ("Yonhap News Agency", "Yonhap"),
        ("DPA", "dpa"),
        ("ITAR-TASS", "TASS"),
        ("Alamy Stock Photo", "Alamy"),
        ("Pacific Press Agency", "Pacific Press"),
        ("the associated press", "AP"),
    ],
)
def test_spellings_fold_to_their_agency(written, canonical):
    assert canonical_agency(written) == canonical
    assert is_known_agency(written)


@pytest.mark.parametrize(
    "name",
    ["Bloomberg", "Xinhua", "Sputnik", "ANSA", "NurPhoto", "SOPA Images", "LightRocket"],
)
def test_agencies_the_credits_name_are_known(name):
    assert is_known_agency(name)


def test_every_distributor_is_a_known_agency():
    assert set(KNOWN_AGENCIES) >= DISTRIBUTORS


@pytest.mark.parametrize(
    ("name", "distributes"),
    [
        ("Getty Images", True),
        ("Getty", True),
        ("Redux", True),
        ("Shutterstock", True),
        ("AFP", False),
    ],
)
def test_distributors(name, distributes):
    assert is_distributor(name) == distributes


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("Getty Images North America", "Getty Images"),
        ("Getty Images Latin America", "Getty Images"),
        ("AFP Middle East", "AFP"),
        ("Getty Images Entertainment", "Getty Images"),
        ("Reuters Photographer", "Reuters"),
        ("Getty Images", ""),
        ("Getty Images Jane", ""),
        ("Jane Doe News", ""),
    ],
)
def test_an_agency_before_region_or_desk_words(name, agency):
    assert agency_before_suffix(name) == agency
