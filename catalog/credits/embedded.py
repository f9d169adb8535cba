"""The credit an image file carries in its embedded by-line and credit line."""

from collections.abc import Sequence

from .parsing import parse_credit
from .records import Credit


def credit_from_embedded(
    *, creators: Sequence[str], credit_line: str = "", source: str = ""
) -> Credit | None:
    """The credit a file carries: its credit line, with the creator in front
    when the line names only an agency (`AP` by `Jane Doe` -> `Jane Doe / AP`)."""
    line = credit_line.strip()
    creator = ", ".join(name.strip() for name in creators if name.strip())
    if line and creator and "/" not in line and " via " not in line:
        return parse_credit(f"{creator} / {line}")
    return parse_credit(line or creator)
