"""Labels cut between words, marked with "…" (no database)."""

import pytest

from catalog.labels import shorten


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        (
            "Troops cross the border from Iraq into Kuwait",
            60,
            "Troops cross the border from Iraq into Kuwait",
        ),
        ("Troops cross the border from Iraq into Kuwait", 35, "Troops cross the border from Iraq…"),
        ("Troops cross the border from Iraq into Kuwait", 32, "Troops cross the border from…"),
        ("Troops cross the border, from Iraq", 26, "Troops cross the border…"),
        ("  Troops\n cross   the border  ", 60, "Troops cross the border"),
        ("Supercalifragilistic", 10, "Supercali…"),
        ("A Supercalifragilistic day", 10, "A…"),
    ],
)
def test_shorten_cuts_after_a_whole_word(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit
