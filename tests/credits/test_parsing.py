"""Credit parsing: the newsroom forms, without a database."""

import pytest

from catalog.credits import (
    Credit,
    canonical_agency,
    looks_like_credit,
    parse_credit,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "photographer", "agency", "distributor", "role"),
    [
        # Forms of the reference article.
        (f"Karim Kadim {NBSP}/{NBSP} AP", "Karim Kadim", "AP", "", ""),
        (
            f"Maya Alleruzzo {NBSP}/{NBSP} ASSOCIATED PRESS",
            "Maya Alleruzzo",
            "ASSOCIATED PRESS",
            "",
            "",
        ),
        (
            f"Moises Saman{NBSP}/{NBSP}The New York Times via Redux Pictures",
            "Moises Saman",
            "The New York Times",
            "Redux Pictures",
            "",
        ),
        ("Holly Pickett / Redux Pictures", "Holly Pickett", "Redux Pictures", "", ""),
        ("Getty Images", "", "Getty Images", "", ""),
        # Agency first.
        ("REUTERS/Jim Young", "Jim Young", "REUTERS", "", ""),
        ("AFP PHOTO / ROBERTO SCHMIDT", "Roberto Schmidt", "AFP", "", ""),
        ("AP Photo/J. Scott Applewhite", "J. Scott Applewhite", "AP", "", ""),
        # Photographer first, no spaces.
        ("Chip Somodevilla/Getty Images", "Chip Somodevilla", "Getty Images", "", ""),
        # Agency in parentheses.
        ("Evan Vucci (AP)", "Evan Vucci", "AP", "", ""),
        # Courtesy, handout, pool.
        ("Courtesy of NASA", "", "NASA", "", "courtesy"),
        ("Courtesy of John Smith", "John Smith", "", "", "courtesy"),
        ("Handout", "", "", "", "handout"),
        ("Handout/Reuters", "", "Reuters", "", "handout"),
        ("REUTERS/Handout", "", "REUTERS", "", "handout"),
        ("Handout via Reuters", "", "Reuters", "", "handout"),
        ("Pool/Reuters", "", "Reuters", "", "pool"),
        # Distribution written with a dash, or as a third part.
        ("Mandel Ngan / AFP - Getty Images", "Mandel Ngan", "AFP", "Getty Images", ""),
        ("Mandel Ngan / AFP / Getty Images", "Mandel Ngan", "AFP", "Getty Images", ""),
        ("Photo by Jane Doe", "Jane Doe", "", "", ""),
        # Two hands it went through: the first is the agency, not "Reuters / Getty Images".
        ("Jane Doe via Reuters via Getty Images", "Jane Doe", "Reuters", "Getty Images", ""),
        ("Jane Doe via Reuters / Getty Images", "Jane Doe", "Reuters", "Getty Images", ""),
        # Parentheses around the whole credit, however many.
        ("( (Evan Vucci (AP)) )", "Evan Vucci", "AP", "", ""),
        ("((((AP))))", "", "AP", "", ""),
        ("Jane Doe", "Jane Doe", "", "", ""),
    ],
)
def test_newsroom_forms(text, photographer, agency, distributor, role):
    credit = parse_credit(text)

    assert (credit.photographer, credit.agency, credit.distributor, credit.role) == (
        photographer,
        agency,
        distributor,
        role,
    )


def test_credit_keeps_the_text_as_written_with_white_space_folded():
    credit = parse_credit(f"Karim Kadim {NBSP}/{NBSP} AP")

    assert credit == Credit("Karim Kadim / AP", photographer="Karim Kadim", agency="AP")


@pytest.mark.parametrize("text", ["", "   ", f"{NBSP}", "()"])
def test_empty_credit_is_none(text):
    assert parse_credit(text) is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("AP", "AP"),
        ("ASSOCIATED PRESS", "AP"),
        ("The Associated Press", "AP"),
        ("associated  press", "AP"),
        ("Agence France-Presse", "AFP"),
        ("Some Local Paper", "Some Local Paper"),
    ],
)
def test_canonical_agency(written, canonical):
    assert canonical_agency(written) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "Maya Alleruzzo / AP",
        "Chip Somodevilla / Getty Images",
        "AP Photo/Evan Vucci",
        "Evan Vucci (AP)",
        "Courtesy of NASA",
        "Getty Images",
    ],
)
def test_credits_are_recognised(text):
    assert looks_like_credit(text)


@pytest.mark.parametrize(
    "text",
    [
        "left to right",
        "left/right",
        "He said so.",
        "file photo, 2009",
        "see page 4",
        "",
    ],
)
def test_asides_in_parentheses_are_not_credits(text):
    assert not looks_like_credit(text)


@pytest.mark.parametrize(
    ("text", "photographer", "agency", "distributor", "role"),
    [
        # Copyright prefixes never make a photographer named "©".
        ("\u00a9 2019 Jane Doe", "Jane Doe", "", "", ""),
        ("\u00a9 Jane Doe / AP", "Jane Doe", "AP", "", ""),
        ("Copyright of John Roe", "John Roe", "", "", ""),
        # Role words are roles or nothing.
        ("STR/AFP", "", "AFP", "", ""),
        ("HO/Reuters", "", "Reuters", "", "handout"),
        ("POOL/AFP", "", "AFP", "", "pool"),
        ("STAFF/AFP", "", "AFP", "", ""),
        ("UNCREDITED/AP", "", "AP", "", ""),
        ("AFP Contributor", "", "AFP", "", ""),
        ("Supplied", "", "", "", ""),
        # Chains of two known agencies: source, then distributor.
        ("AFP/Getty Images", "", "AFP", "Getty Images", ""),
        ("AFP - Getty Images", "", "AFP", "Getty Images", ""),
        ("AFP via Getty Images", "", "AFP", "Getty Images", ""),
        ("Getty Images/AFP", "", "AFP", "Getty Images", ""),
        ("JANE DOE/AFP/Getty Images South America", "Jane Doe", "AFP", "Getty Images", ""),
        (
            "Jane Doe/SOPA Images/LightRocket via Getty Images",
            "Jane Doe",
            "SOPA Images",
            "Getty Images",
            "",
        ),
        ("Jane Doe/NurPhoto via Getty Images", "Jane Doe", "NurPhoto", "Getty Images", ""),
        (
            "Jane Doe/Anadolu Agency via Getty Images",
            "Jane Doe",
            "Anadolu Agency",
            "Getty Images",
            "",
        ),
        ("Jane Doe/REX/Shutterstock", "Jane Doe", "REX", "Shutterstock", ""),
        ("Jane Doe for The New York Times", "Jane Doe", "The New York Times", "", ""),
        # An agency with its region or desk is that agency.
        ("Jane Doe/Getty Images North America", "Jane Doe", "Getty Images", "", ""),
        ("Getty Images AsiaPac", "", "Getty Images", "", ""),
        ("Reuters TV", "", "Reuters", "", ""),
        # Names in capitals in name case; acronyms as written.
        ("CATRINUS VAN DER VEEN/AFP", "Catrinus van der Veen", "AFP", "", ""),
        (
            "MOHAMMED AL-SHAIKH/AFP via Getty Images",
            "Mohammed Al-Shaikh",
            "AFP",
            "Getty Images",
            "",
        ),
        ("EPA/SEAN O'BRIEN", "Sean O'Brien", "EPA", "", ""),
        ("JOHN MCDONALD/PA Wire", "John McDonald", "PA Wire", "", ""),
        ("\u00a9 Jane Doe. All rights reserved.", "Jane Doe", "", "", ""),
        ("REUTERS/Jane Doe/File Photo", "Jane Doe", "REUTERS", "", ""),
        ("AP Photo/Jane Doe, File", "Jane Doe", "AP", "", ""),
        ("Jane Doe/Getty Images for Gucci", "Jane Doe", "Getty Images", "", ""),
        ("KCNA via REUTERS", "", "KCNA", "REUTERS", ""),
        # Desk and transmission codes name nobody.
        ("Jane Doe/XAW102/AFP", "Jane Doe", "AFP", "", ""),
        ("Jane Doe / XAW102", "Jane Doe", "", "", ""),
        ("Jane Doe / JRL / AFP", "Jane Doe", "AFP", "", ""),
        # Credits as captions write them.
        ("Photo by Jane Doe/Getty Images", "Jane Doe", "Getty Images", "", ""),
        ("Mandatory Credit: Photo by Jane Doe/Shutterstock", "Jane Doe", "Shutterstock", "", ""),
        (
            "Photo credit should read JANE DOE/AFP/Getty Images",
            "Jane Doe",
            "AFP",
            "Getty Images",
            "",
        ),
    ],
)
def test_the_rules_end_to_end(text, photographer, agency, distributor, role):
    credit = parse_credit(text)

    assert (credit.photographer, credit.agency, credit.distributor, credit.role) == (
        photographer,
        agency,
        distributor,
        role,
    )
    assert credit.text == text


@pytest.mark.parametrize(
    ("text", "photographer", "agency", "others"),
    [
        ("Jane Doe and John Roe / AP", "Jane Doe", "AP", ("John Roe",)),
        ("Jane Doe, John Roe", "Jane Doe", "", ("John Roe",)),
        ("Jane Doe; John Roe/Reuters", "Jane Doe", "Reuters", ("John Roe",)),
        ("JANE DOE & JOHN ROE/AFP", "Jane Doe", "AFP", ("John Roe",)),
        ("Jane Doe, Reuters", "Jane Doe", "Reuters", ()),
        ("AP, Reuters", "", "AP", ()),
        ("Barnes & Noble", "", "Barnes & Noble", ()),
    ],
)
def test_several_creators_make_one_photographer_and_others(text, photographer, agency, others):
    credit = parse_credit(text)

    assert (credit.photographer, credit.agency, credit.others) == (photographer, agency, others)
    for party in (credit.photographer, credit.agency, credit.distributor):
        assert "," not in party
        assert ";" not in party


@pytest.mark.parametrize(
    "text",
    [
        "HO/Reuters",
        "STR/AFP",
        "\u00a9 Jane Doe",
        "Jane Doe/Getty Images North America",
        "AP Photo/Jane Doe, File",
    ],
)
def test_new_forms_are_recognised_as_credits(text):
    assert looks_like_credit(text)
