"""A credit split into its parts; plain data, shared by every way a credit comes in."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Credit:
    """A credit split into its parts. `text` is the credit as written."""

    text: str
    photographer: str = ""
    agency: str = ""
    distributor: str = ""
    role: str = ""  # "", "handout", "courtesy" or "pool"
