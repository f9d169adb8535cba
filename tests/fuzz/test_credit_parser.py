"""The credit parser on random text and on credit-like text.

Neither function ever raises. `parse_credit` gives None only when there is
nothing but parentheses and white space; otherwise a Credit whose text is the
input with its white space folded and whose parts are taken from that text:
the agency and the distributor verbatim, the photographer and the others
verbatim or, written in capitals, in name case; no party is named after a
list nor a photographer after a \u00a9, and a role is one the text spells. `caption_credit` and
`credit_from_embedded` never raise either.
"""

from hypothesis import given
from hypothesis import strategies as st

from catalog.credits import (
    ROLE_WORDS,
    caption_credit,
    credit_from_embedded,
    looks_like_credit,
    normalise_space,
    parse_credit,
)

from .strategies import awkward_char, random_text

WORDS = [
    "AP",
    "Reuters",
    "REUTERS",
    "AFP",
    "PHOTO",
    "Photo",
    "Getty Images",
    "The New York Times",
    "Redux Pictures",
    "ASSOCIATED PRESS",
    "Karim Kadim",
    "MAYA ALLERUZZO",
    "J. Scott Applewhite",
    "Ali al-Saadi",
    "\u00c9MILE ZOLA",
    "\u0130STANBUL",
    "STRASSE \u1e9e",
    "Jos\u00e9 Mar\u00eda",
    "Courtesy of",
    "courtesy",
    "Photo by",
    "Photos:",
    "Handout",
    "HO",
    "STR",
    "Pool",
    "\u00a9",
    "(c)",
    "Copyright",
    "2019",
    "Getty Images North America",
    "AFP Contributor",
    "XAW102",
    "and",
    "&",
    ";",
    "CATRINUS VAN DER VEEN",
    "SEAN O'BRIEN",
    "file",
    "via",
    "/",
    " / ",
    " - ",
    "\u2013",
    "(",
    ")",
    ",",
    ":",
    ".",
]
SPACE = st.sampled_from([" ", "  ", "\u00a0", "\t", " \u00a0 ", "\u2009", "\u3000", ""])
credit_like = st.lists(st.tuples(st.sampled_from(WORDS), SPACE), max_size=10).map(
    lambda pairs: "".join(word + space for word, space in pairs)
)
credit_text = st.one_of(credit_like, random_text, st.text(awkward_char, max_size=20))


@given(credit_text)
def test_never_raises_and_returns_what_it_says(text):
    assert isinstance(looks_like_credit(text), bool)
    credit = parse_credit(text)
    folded = normalise_space(text)
    if credit is None:
        assert set(folded) <= set("() ")
        return

    assert credit.text == folded
    parts = [credit.photographer, credit.agency, credit.distributor]
    assert all(part == normalise_space(part) for part in parts)
    assert credit.agency in folded
    assert credit.distributor in folded
    for person in (credit.photographer, *credit.others):
        assert person in folded or person.casefold() in folded.casefold()
        assert person == normalise_space(person)
    assert all(person for person in credit.others)
    assert not credit.photographer.startswith("\u00a9")
    for party in (credit.photographer, credit.agency, credit.distributor, *credit.others):
        assert "," not in party
        assert ";" not in party
    assert credit.agency or not credit.distributor
    assert credit.role in ("", "handout", "courtesy", "pool")
    spellings = [word for word, role in ROLE_WORDS.items() if role == credit.role]
    assert not credit.role or any(word in folded.casefold() for word in [credit.role, *spellings])


@given(credit_text)
def test_white_space_never_changes_the_result(text):
    respaced = text.replace(" ", " \u00a0\t ")

    assert parse_credit(respaced) == parse_credit(text)
    assert looks_like_credit(respaced) == looks_like_credit(text)


@given(credit_text)
def test_a_parsed_credit_parses_the_same_again(text):
    credit = parse_credit(text)
    if credit is not None:
        assert parse_credit(credit.text) == credit


@given(credit_text)
def test_what_looks_like_a_credit_parses_as_one(text):
    if looks_like_credit(text):
        assert parse_credit(text) is not None


@given(credit_text, credit_text, credit_text)
def test_embedded_credits_never_raise_and_keep_their_parts_from_the_text(byline, line, source):
    credit = credit_from_embedded(creators=[byline], credit_line=line, source=source)
    if credit is None:
        assert not normalise_space(byline)
        assert not normalise_space(line + source)
        return
    written = " ".join([byline, line, source]).casefold()
    assert credit.agency.casefold() in normalise_space(written)
    assert credit.agency or not credit.distributor


@given(st.one_of(random_text, credit_text), credit_text)
def test_caption_credit_never_raises_and_reads_the_caption(caption, credit):
    for text in (caption, f"{caption} ({credit})", f"{caption}. {credit}"):
        found = caption_credit(text)
        if found is not None:
            assert found.photographer or found.agency
            assert found.text in normalise_space(text)
