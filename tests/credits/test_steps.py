"""Each cleaning step alone: before -> after, in the order STEPS runs them."""

import pytest

from catalog.credits import STEPS
from catalog.credits.steps import (
    Draft,
    Part,
    capitalise_names,
    drop_repeated_parts,
    drop_transmission_codes,
    fold_agency_suffix,
    reorganise,
    split_chain,
    split_lists,
    strip_copyright_prefix,
    strip_lead_in,
    strip_photo_suffix,
    strip_rights_reserved,
    take_courtesy,
    take_role_words,
    unwrap_parentheses,
)


def texts(draft: Draft) -> list[str]:
    return [part.text for part in draft.parts]


def test_the_steps_run_in_the_documented_order():
    assert [step.__name__ for step in STEPS] == [
        "unwrap_parentheses",
        "strip_copyright_prefix",
        "strip_rights_reserved",
        "strip_lead_in",
        "take_courtesy",
        "split_chain",
        "split_lists",
        "strip_photo_suffix",
        "take_role_words",
        "fold_agency_suffix",
        "drop_transmission_codes",
        "drop_repeated_parts",
        "reorganise",
        "capitalise_names",
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("(AP)", "AP"),
        ("( (Evan Vucci (AP)) )", "Evan Vucci (AP)"),
        ("Jane Doe (AP)", "Jane Doe (AP)"),
        ("()", ""),
    ],
)
def test_unwrap_parentheses(before, after):
    assert unwrap_parentheses(Draft([before])).pieces == [after]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("\u00a9 2019 Jane Doe", "Jane Doe"),
        ("\u00a9Jane Doe", "Jane Doe"),
        ("(c) Reuters", "Reuters"),
        ("(C) 2008-2011 Jane Doe", "Jane Doe"),
        ("Copyright Jane Doe", "Jane Doe"),
        ("Copyright of Jane Doe", "Jane Doe"),
        ("Copyright \u00a9 2019, AFP", "AFP"),
        ("Copyrights Unlimited", "Copyrights Unlimited"),
        ("Jane Doe \u00a9", "Jane Doe \u00a9"),
    ],
)
def test_strip_copyright_prefix(before, after):
    assert strip_copyright_prefix(Draft([before])).pieces == [after]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Jane Doe. All rights reserved.", "Jane Doe"),
        ("Jane Doe, all rights reserved", "Jane Doe"),
        ("All rights reserved", ""),
        ("Jane Doe", "Jane Doe"),
        ("Rights Reserved Studio", "Rights Reserved Studio"),
    ],
)
def test_strip_rights_reserved(before, after):
    assert strip_rights_reserved(Draft([before])).pieces == [after]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Photo by Jane Doe/Getty Images", "Jane Doe/Getty Images"),
        ("Photographs: Jane Doe", "Jane Doe"),
        ("Mandatory Credit: Photo by Jane Doe/Shutterstock", "Jane Doe/Shutterstock"),
        ("Photo credit should read JANE DOE/AFP", "JANE DOE/AFP"),
        ("Picture by Jane Doe", "Jane Doe"),
        ("By JANE DOE", "JANE DOE"),
        ("Byron Smith", "Byron Smith"),
    ],
)
def test_strip_lead_in(before, after):
    assert strip_lead_in(Draft([before])).pieces == [after]


@pytest.mark.parametrize(
    ("before", "after", "role"),
    [
        ("Courtesy of NASA", "NASA", "courtesy"),
        ("Courtesy: Jane Doe", "Jane Doe", "courtesy"),
        ("NASA", "NASA", ""),
    ],
)
def test_take_courtesy(before, after, role):
    draft = take_courtesy(Draft([before]))
    assert (draft.pieces, draft.role) == ([after], role)


@pytest.mark.parametrize(
    ("before", "parts", "via"),
    [
        ("Jane Doe / AFP via Getty Images", ["Jane Doe", "AFP", "Getty Images"], [0, 0, 1]),
        ("AFP/Getty Images", ["AFP", "Getty Images"], [0, 0]),
        ("AFP - Getty Images", ["AFP", "Getty Images"], [0, 0]),
        ("Evan Vucci (AP)", ["Evan Vucci", "AP"], [0, 0]),
        ("Jane Doe for The New York Times", ["Jane Doe", "The New York Times"], [0, 0]),
        ("Jane Doe for The Lakeside Post", ["Jane Doe", "The Lakeside Post"], [0, 0]),
        ("Getty Images for Gucci", ["Getty Images"], [0]),
        ("Center for Strategic Studies", ["Center for Strategic Studies"], [0]),
        ("via REUTERS", ["REUTERS"], [1]),
        ("REUTERS/", ["REUTERS"], [0]),
        ("Jean-Paul Pelissier/Reuters", ["Jean-Paul Pelissier", "Reuters"], [0, 0]),
    ],
)
def test_split_chain(before, parts, via):
    draft = split_chain(Draft([before]))
    assert texts(draft) == parts
    assert [int(part.via) for part in draft.parts] == via
    assert len({part.group for part in draft.parts}) == len(parts)


@pytest.mark.parametrize(
    ("before", "after", "groups"),
    [
        ("Jane Doe, John Roe", ["Jane Doe", "John Roe"], 1),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"], 1),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"], 1),
        ("JANE DOE & JOHN ROE", ["JANE DOE", "JOHN ROE"], 1),
        ("Barnes & Noble", ["Barnes & Noble"], 1),
        ("Center for Strategic and International Studies", None, 1),
        ("Jane Doe", ["Jane Doe"], 1),
    ],
)
def test_split_lists(before, after, groups):
    draft = split_lists(Draft.of_parts(before))
    assert texts(draft) == (after or [before])
    assert len({part.group for part in draft.parts}) == groups


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("AFP PHOTO", "AFP"),
        ("AP Photo", "AP"),
        ("Reuters file", "Reuters"),
        ("Jane Photo", "Jane Photo"),
    ],
)
def test_strip_photo_suffix(before, after):
    assert texts(strip_photo_suffix(Draft.of_parts(before))) == [after]


@pytest.mark.parametrize(
    ("before", "after", "role"),
    [
        (["HO", "Reuters"], ["Reuters"], "handout"),
        (["HANDOUT"], [], "handout"),
        (["POOL", "AFP"], ["AFP"], "pool"),
        (["STR", "AFP"], ["AFP"], ""),
        (["STAFF", "AFP"], ["AFP"], ""),
        (["Supplied"], [], ""),
        (["UNCREDITED", "AP"], ["AP"], ""),
        (["Contributor"], [], ""),
        (["EPA Pool"], ["EPA"], "pool"),
        (["REUTERS", "Jane Doe", "File Photo"], ["REUTERS", "Jane Doe"], ""),
        (["Illustration"], [], ""),
        (["Jane Pool"], ["Jane Pool"], ""),
    ],
)
def test_take_role_words(before, after, role):
    draft = take_role_words(Draft.of_parts(*before))
    assert (texts(draft), draft.role) == (after, role)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Getty Images North America", "Getty Images"),
        ("Getty Images Europe", "Getty Images"),
        ("Getty Images AsiaPac", "Getty Images"),
        ("AFP Contributor", "AFP"),
        ("Reuters TV", "Reuters"),
        ("Getty Images Sport Europe", "Getty Images"),
        ("Getty Images Lakeside", "Getty Images Lakeside"),
        ("Lakeside News", "Lakeside News"),
    ],
)
def test_fold_agency_suffix(before, after):
    assert texts(fold_agency_suffix(Draft.of_parts(before))) == [after]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["Jane Doe", "XAW102", "AFP"], ["Jane Doe", "AFP"]),
        (["Jane Doe", "RTR2X7-B"], ["Jane Doe"]),
        (["Jane Doe", "JRL", "AFP"], ["Jane Doe", "AFP"]),
        (["Jane Doe", "NYT"], ["Jane Doe", "NYT"]),
        (["Jane Doe", "KCNA"], ["Jane Doe", "KCNA"]),
        (["KCNA", "REUTERS"], ["KCNA", "REUTERS"]),
    ],
)
def test_drop_transmission_codes(before, after):
    assert texts(drop_transmission_codes(Draft.of_parts(*before))) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["Reuters", "REUTERS"], ["Reuters"]),
        (["AFP", "Agence France-Presse"], ["AFP"]),
        (["JANE DOE", "Jane Doe", "AP"], ["JANE DOE", "AP"]),
    ],
)
def test_drop_repeated_parts(before, after):
    assert texts(drop_repeated_parts(Draft.of_parts(*before))) == after


@pytest.mark.parametrize(
    ("parts", "photographer", "agency", "distributor", "others"),
    [
        (["AFP", "Getty Images"], "", "AFP", "Getty Images", []),
        (["Getty Images", "AFP"], "", "AFP", "Getty Images", []),
        (["REUTERS", "Jim Young"], "Jim Young", "REUTERS", "", []),
        (["Jane Doe", "Some Local Paper"], "Jane Doe", "Some Local Paper", "", []),
        (["Jane Doe", "SOPA Images", "LightRocket"], "Jane Doe", "SOPA Images", "LightRocket", []),
        (["Holly Pickett", "Redux Pictures"], "Holly Pickett", "Redux Pictures", "", []),
        (["jane doe", "AFP"], "jane doe", "AFP", "", []),
        (["Lakeside Gazette"], "", "Lakeside Gazette", "", []),
        (["lakeside"], "", "lakeside", "", []),
    ],
)
def test_reorganise(parts, photographer, agency, distributor, others):
    draft = reorganise(Draft.of_parts(*parts))
    assert (draft.photographer, draft.agency, draft.distributor, draft.others) == (
        photographer,
        agency,
        distributor,
        others,
    )


def test_reorganise_keeps_the_rest_of_a_list_as_others_and_a_via_as_distributor():
    draft = Draft(
        [],
        parts=[
            Part("Jane Doe", 0),
            Part("John Roe", 0),
            Part("AP", 1),
            Part("Reuters", 1),
            Part("Getty Images", 2, via=True),
        ],
    )
    reorganise(draft)
    assert (draft.photographer, draft.others) == ("Jane Doe", ["John Roe"])
    assert (draft.agency, draft.distributor) == ("AP", "Getty Images")


def test_reorganise_prefers_the_credit_lines_person_to_the_bylines():
    draft = Draft(
        [],
        parts=[Part("Someone Else", 0, byline=True), Part("REUTERS", 1), Part("Jim Young", 2)],
    )
    reorganise(draft)
    assert (draft.photographer, draft.agency, draft.others) == (
        "Jim Young",
        "REUTERS",
        ["Someone Else"],
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("CATRINUS VAN DER VEEN", "Catrinus van der Veen"),
        ("MOHAMMED AL-SHAIKH", "Mohammed Al-Shaikh"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("JOHN MCDONALD", "John McDonald"),
        ("J. SCOTT APPLEWHITE", "J. Scott Applewhite"),
        ("Ali al-Saadi", "Ali al-Saadi"),
        ("Jane DOE", "Jane DOE"),
        ("JRL", "JRL"),
    ],
)
def test_capitalise_names(before, after):
    draft = Draft([], photographer=before, agency="AFP", others=[before])
    capitalise_names(draft)
    assert (draft.photographer, draft.others, draft.agency) == (after, [after], "AFP")
