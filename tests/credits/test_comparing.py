"""Two credits of one picture: agreeing, and completing one from the other."""

import pytest

from catalog.credits import Credit, complete_credit, credits_agree, parse_credit


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("Jane Doe / AP", "AP Photo/Jane Doe", True),
        ("JANE DOE / ASSOCIATED PRESS", "Jane Doe / AP", True),
        ("Jane Doe", "Jane Doe / AP", True),
        ("Jane Doe / Getty Images", "Jane Doe / AFP via Getty Images", True),
        ("Jane Doe / AP", "John Roe / AP", False),
        ("Jane Doe / AP", "Jane Doe / Reuters", False),
    ],
)
def test_credits_agree(first, second, agree):
    assert credits_agree(parse_credit(first), parse_credit(second)) == agree
    assert credits_agree(parse_credit(second), parse_credit(first)) == agree


def test_a_missing_credit_is_the_other():
    other = parse_credit("AP Photo/Jane Doe")
    assert complete_credit(None, other) == (other, False)
    line = parse_credit("Jane Doe / AP")
    assert complete_credit(line, None) == (line, False)


@pytest.mark.parametrize(
    ("line", "caption", "photographer", "agency", "distributor"),
    [
        ("Jane Doe", "AP Photo/Jane Doe", "Jane Doe", "AP", ""),
        ("Jane Doe / XAW102", "Jane Doe/AFP via Getty Images", "Jane Doe", "AFP", "Getty Images"),
        ("AP", "AP Photo/Jane Doe", "Jane Doe", "AP", ""),
        ("Jane Doe / AFP", "Jane Doe/AFP via Getty Images", "Jane Doe", "AFP", "Getty Images"),
    ],
)
def test_a_cut_off_credit_is_completed_and_keeps_its_text(
    line, caption, photographer, agency, distributor
):
    credit, conflict = complete_credit(parse_credit(line), parse_credit(caption))

    assert (credit.photographer, credit.agency, credit.distributor) == (
        photographer,
        agency,
        distributor,
    )
    assert credit.text == line
    assert not conflict


def test_a_disagreeing_credit_is_kept_and_flagged():
    line = parse_credit("Karim Kadim / AP")

    credit, conflict = complete_credit(line, parse_credit("AP Photo/Jane Doe"))

    assert (credit, conflict) == (line, True)


def test_others_come_with_the_photographer_they_go_with():
    credit, _ = complete_credit(Credit("AP", agency="AP"), parse_credit("Jane Doe and John Roe/AP"))
    assert (credit.photographer, credit.others) == ("Jane Doe", ("John Roe",))
