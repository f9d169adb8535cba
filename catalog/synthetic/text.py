"""Drawing captions, titles and names from the word lists, reproducibly.

Everything takes a `random.Random`, so one seed gives the same catalog (or
the same article pages) on every machine.
"""

import random
from itertools import accumulate

from .words import (
    AGENCY_PLACES,
    AGENCY_SUFFIXES,
    CONTENT_WORDS,
    FIRST_NAMES,
    FUNCTION_WORDS,
    LAST_NAMES,
    MONTHS,
    PLACES,
)

# Share of function words ("the", "in", ...) among a caption's words.
FUNCTION_SHARE = 0.4
CONTENT_EXPONENT = 0.8
INITIALS = "ABCDEFGHJKLMNPRSTW"


class Zipf:
    """Draws items with weight 1 / rank ** exponent: the first items dominate."""

    def __init__(self, items, exponent: float = 1.0):
        self.items = list(items)
        if not self.items:
            raise ValueError("nothing to draw from")
        self.cumulative = list(accumulate(1 / rank**exponent for rank in range(1, len(self) + 1)))

    def __len__(self):
        return len(self.items)

    def draw(self, rng: random.Random, k: int = 1) -> list:
        return rng.choices(self.items, cum_weights=self.cumulative, k=k)

    def one(self, rng: random.Random):
        return self.draw(rng)[0]

    def share(self, rank: int) -> float:
        """The expected share of draws that give the item of this rank (from 1)."""
        previous = self.cumulative[rank - 2] if rank > 1 else 0
        return (self.cumulative[rank - 1] - previous) / self.cumulative[-1]


def _caption_words() -> tuple[list[str], list[float]]:
    """Function words evenly weighted, content words by Zipf: one weighted list."""
    content = Zipf(CONTENT_WORDS, exponent=CONTENT_EXPONENT)
    function_weight = FUNCTION_SHARE / len(FUNCTION_WORDS)
    content_scale = (1 - FUNCTION_SHARE) / content.cumulative[-1]
    weights = [function_weight] * len(FUNCTION_WORDS)
    weights += [content_scale / rank**CONTENT_EXPONENT for rank in range(1, len(CONTENT_WORDS) + 1)]
    return [*FUNCTION_WORDS, *CONTENT_WORDS], list(accumulate(weights))


WORDS, WORD_WEIGHTS = _caption_words()


class Writer:
    """Captions, titles and names, as news pages print them."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, count: int) -> list[str]:
        return self.rng.choices(WORDS, cum_weights=WORD_WEIGHTS, k=count)

    def content_words(self, count: int) -> list[str]:
        return self.rng.sample(CONTENT_WORDS[:150], count)

    def caption(self, low: int = 15, high: int = 60) -> str:
        """One or two sentences of `low` to `high` words, ending with where and when."""
        rng = self.rng
        # A content word first: never `By ...`, which a page's header reads as a byline.
        words = self.content_words(1) + self.words(rng.randint(low, high) - 6)
        if len(words) > 24:
            cut = rng.randint(10, len(words) - 10)
            words[cut - 1] += "."
            words[cut] = words[cut].capitalize()
        text = " ".join(words)
        when = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
        return f"{text[0].upper()}{text[1:]} in {rng.choice(PLACES)} on {when}."

    def title(self) -> str:
        """A short headline-style title, no final stop: `Troops border crowd`."""
        words = self.content_words(self.rng.randint(2, 5))
        return " ".join([words[0].capitalize(), *words[1:]])

    def place(self) -> str:
        return self.rng.choice(PLACES)

    def person(self, middle_initial: bool = False) -> str:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if middle_initial:
            return f"{first} {rng.choice(INITIALS)}. {last}"
        return f"{first} {last}"

    def agency(self) -> str:
        place = self.rng.choice(AGENCY_PLACES if self.rng.random() < 0.7 else PLACES)
        return f"{place} {self.rng.choice(AGENCY_SUFFIXES)}"


def unique(make, taken: set[str], *, attempts: int = 1000) -> str:
    """A value from `make()` whose lower case is not in `taken` (then taken)."""
    for _ in range(attempts):
        value = make()
        if value.lower() not in taken:
            taken.add(value.lower())
            return value
    raise ValueError("ran out of distinct names; ask for fewer")
