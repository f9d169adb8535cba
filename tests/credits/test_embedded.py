"""An embedded by-line and credit line go through the same steps as any credit."""

import pytest

from catalog.credits import Credit, credit_from_embedded


@pytest.mark.parametrize(
    ("creators", "line", "source", "photographer", "agency", "distributor", "others"),
    [
        (["FIRST LAST"], "AFP/Getty Images", "", "First Last", "AFP", "Getty Images", ()),
        (["STR"], "AFP", "", "", "AFP", "", ()),
        (["Jane Doe"], "ASSOCIATED PRESS", "", "Jane Doe", "ASSOCIATED PRESS", "", ()),
        (["A B", "C D"], "", "", "A B", "", "", ("C D",)),
        (["Ann Lee, Bo Ray"], "AP", "", "Ann Lee", "AP", "", ("Bo Ray",)),
        (["Reuters"], "Reuters", "", "", "Reuters", "", ()),
        (["Jane Doe"], "", "Reuters", "Jane Doe", "Reuters", "", ()),
        (["Jane Doe"], "AP", "Reuters", "Jane Doe", "AP", "", ()),
        (["Someone Else"], "REUTERS/Jim Young", "", "Jim Young", "REUTERS", "", ("Someone Else",)),
        (["AFP Contributor"], "AFP via Getty Images", "", "", "AFP", "Getty Images", ()),
        (["\u00a9 Jane Doe"], "", "", "Jane Doe", "", "", ()),
        (["HO"], "Reuters", "", "", "Reuters", "", ()),
    ],
)
def test_byline_and_credit_line(creators, line, source, photographer, agency, distributor, others):
    credit = credit_from_embedded(creators=creators, credit_line=line, source=source)

    assert (credit.photographer, credit.agency, credit.distributor, credit.others) == (
        photographer,
        agency,
        distributor,
        others,
    )


def test_the_text_is_the_byline_then_the_credit_line_once():
    assert credit_from_embedded(creators=["Reuters"], credit_line="Reuters").text == "Reuters"
    assert credit_from_embedded(creators=["Jane Doe"], credit_line="AP") == Credit(
        "Jane Doe / AP", photographer="Jane Doe", agency="AP"
    )


def test_a_handout_byline_gives_its_role():
    assert credit_from_embedded(creators=["HANDOUT"], credit_line="Reuters").role == "handout"


@pytest.mark.parametrize("creators", [[], [""], ["  "]])
def test_nothing_embedded_is_no_credit(creators):
    assert credit_from_embedded(creators=creators, credit_line=" ", source="") is None
