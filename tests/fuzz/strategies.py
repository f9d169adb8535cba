"""What the fuzz tests feed the importers: random text and bytes, and the
reference article damaged the ways real files get damaged."""

from hypothesis import strategies as st

from tests.conftest import ROOT, SEED

REFERENCE = SEED.read_text(encoding="utf-8")
REFERENCE_LINES = REFERENCE.split("\n")
# The short pages of the family's other forms (tests/data/articles/).
FORM_PAGES = [
    path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
]
FORM_LINES = [line for page in FORM_PAGES for line in page.split("\n")]

# Characters that trip up text handling: NUL and other controls, spaces that
# are not U+0020, separators that are not line breaks here, combining marks,
# zero-width and bidirectional controls, a BOM and a replacement character.
AWKWARD = (
    "\x00\x01\x07\x08\t\x0b\x0c\x1b\x1c\x1f\x7f\x85\u00a0\u1680\u2000\u200a\u2028\u2029"
    "\u202f\u3000\u0301\u0327\u0336\u20dd\u200b\u200d\u200e\u200f\u202a\u202e\u2066\u2069"
    "\ufeff\ufffd\U0001f4f7"
)
# Pieces of the page's own syntax, so random lines often look structured.
SYNTAX = [
    "  1. ",
    "  0. ",
    "  12. ",
    "    ",
    "Photos: ",
    "Video: ",
    "Transcript of: ",
    "Editor's note: ",
    "Image: ",
    "Above: ",
    "Slideshow (16) ",
    " Back to slideshow navigation",
    "Copyright 2011 ",
    "By ",
    "updated 10/22/2011 1:58:39 PM ET 2011-10-22T17:58:39",
    "Story: ",
    "KATE SNOW, anchor: ",
    "(Maya Alleruzzo / AP)",
    "Closed captioning of: ",
    ">> ",
    ">>> ",
    "reporter: ",
    "Unidentified Woman #1: ",
    "Dr. OMAR PELL (Red Cross): ",
    "KATE SNOW, anchor (New York, NY): ",
    "/ 4 PHOTOS",
    "1 / 3 PHOTOS",
    "5 photos",
    "\u2014 Ann Lee / AP",
    "More from ",
    "Stories from ",
    "Staff and wire reports",
    ". NBC, msnbc.com and news services",
    "updated 8:49 p.m. ET Jan. 14, 2010",
    "updated 1 hour ago",
    " / ",
    " via ",
    "(",
    ")",
    ":",
    ".",
]

awkward_char = st.sampled_from(AWKWARD)
any_char = st.characters(codec="utf-8")  # every code point but surrogates
random_text = st.text(st.one_of(any_char, awkward_char), max_size=400)
structured_text = st.lists(
    st.one_of(
        st.sampled_from(SYNTAX),
        st.sampled_from(REFERENCE_LINES),
        st.sampled_from(FORM_LINES),
        st.text(st.one_of(any_char, awkward_char), max_size=12),
        st.just("\n"),
    ),
    max_size=60,
).map("".join)


@st.composite
def long_line(draw) -> str:
    """A line of hundreds of KB: a piece of text repeated."""
    piece = draw(st.one_of(st.sampled_from(REFERENCE_LINES + SYNTAX), random_text)) or "x"
    size = draw(st.integers(100_000, 400_000))
    return (piece * (size // len(piece) + 1))[:size]


def _drop(draw, lines):
    del lines[draw(st.integers(0, len(lines) - 1))]


def _duplicate(draw, lines):
    index = draw(st.integers(0, len(lines) - 1))
    lines.insert(draw(st.integers(0, len(lines))), lines[index])


def _swap(draw, lines):
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]


def _truncate(draw, lines):
    index = draw(st.integers(0, len(lines) - 1))
    lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]


def _cut_text(draw, lines):
    text = "\n".join(lines)
    lines[:] = text[: draw(st.integers(0, len(text)))].split("\n")


def _insert_characters(draw, lines):
    index = draw(st.integers(0, len(lines) - 1))
    at = draw(st.integers(0, len(lines[index])))
    inserted = draw(st.text(st.one_of(awkward_char, any_char), min_size=1, max_size=20))
    lines[index] = lines[index][:at] + inserted + lines[index][at:]


def _replace_line(draw, lines):
    lines[draw(st.integers(0, len(lines) - 1))] = draw(st.one_of(random_text, structured_text))


def _respace(draw, lines):
    index = draw(st.integers(0, len(lines) - 1))
    space = draw(st.sampled_from(["\u00a0", "\t", "  ", " \u00a0 ", "\u3000", ""]))
    lines[index] = lines[index].replace(" ", space)


def _indent(draw, lines):
    index = draw(st.integers(0, len(lines) - 1))
    lines[index] = draw(st.sampled_from(["", "  ", "    ", "\t"])) + lines[index].lstrip()


def _long_line(draw, lines):
    lines.insert(draw(st.integers(0, len(lines))), draw(long_line()))


DAMAGE = [
    _drop,
    _duplicate,
    _swap,
    _truncate,
    _cut_text,
    _insert_characters,
    _replace_line,
    _respace,
    _indent,
    _long_line,
]


@st.composite
def damaged_reference(draw) -> str:
    """The reference article after a few random kinds of damage."""
    return draw(damaged_page(REFERENCE))


@st.composite
def damaged_form_page(draw) -> str:
    """One of the short pages of the family's other forms, damaged."""
    return draw(damaged_page(draw(st.sampled_from(FORM_PAGES))))


@st.composite
def damaged_page(draw, page: str) -> str:
    lines = page.split("\n")
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            lines.append("")
        draw(st.sampled_from(DAMAGE))(draw, lines)
    return "\n".join(lines)
