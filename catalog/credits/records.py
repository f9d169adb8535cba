"""A credit split into its parts; plain data, shared by every way a credit comes in."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Credit:
    """A credit split into its parts. `text` is the credit as written.

    `agency` and `distributor` keep their spelling (`REUTERS`); the agency
    table and the catalog's aliases tell which agency that is. `others` are
    further people the credit names (`Jane Doe and John Roe`: John Roe).
    """

    text: str
    photographer: str = ""
    agency: str = ""
    distributor: str = ""
    role: str = ""  # "", "handout", "courtesy" or "pool"
    others: tuple[str, ...] = ()
