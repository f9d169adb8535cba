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
