"""The credit an image file carries in its embedded by-line and credit line."""

from collections.abc import Sequence

from .parsing import credit_of
from .records import Credit
from .steps import Draft, run
from .text import normalise_space


def credit_from_embedded(
    *, creators: Sequence[str], credit_line: str = "", source: str = ""
) -> Credit | None:
    """The credit a file carries: its by-line (creators) and its credit line
    (or, without one, its source) through the same steps as any credit.

    By-line `JANE DOE` with credit `AFP/Getty Images` -> Jane Doe, AFP, Getty
    Images; by-line `STR` with `AFP` -> AFP alone; a person the credit line
    names comes before the by-line's, who are then `others`.
    """
    names = [normalise_space(name) for name in creators]
    names = [name for name in names if name]
    line = normalise_space(credit_line) or normalise_space(source)
    if not names and not line:
        return None
    return credit_of(run(Draft([*names, line], bylines=len(names))), _written(names, line))


def _written(names: list[str], line: str) -> str:
    """The credit as the file writes it: the by-line, then the credit line
    unless it already holds the by-line (`Reuters` and `Reuters` once)."""
    byline = ", ".join(names)
    if not line or byline.casefold() in line.casefold():
        return line or byline
    if not byline or line.casefold() in byline.casefold():
        return byline
    return f"{byline} / {line}"
