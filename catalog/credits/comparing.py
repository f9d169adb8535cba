"""Two credits of one picture side by side: do they agree, and what one
adds to the other."""

from dataclasses import replace

from .agencies import canonical_agency
from .records import Credit


def credits_agree(first: Credit, second: Credit) -> bool:
    """Whether the parts both name are the same person and the same agency.

    A part only one of them names is no disagreement (a cut-off line), and an
    agency may be the other's distributor (`Jane Doe / Getty Images` and
    `Jane Doe / AFP via Getty Images`).
    """
    if (
        first.photographer
        and second.photographer
        and first.photographer.casefold() != second.photographer.casefold()
    ):
        return False
    if first.agency and second.agency:
        hands = [_agency(first.agency), _agency(first.distributor)]
        other = [_agency(second.agency), _agency(second.distributor)]
        if hands[0] not in other and other[0] not in hands:
            return False
    return True


def complete_credit(credit: Credit | None, other: Credit | None) -> tuple[Credit | None, bool]:
    """`credit` with the parts it lacks taken from `other`, and whether the two
    disagree (then `credit` is kept as it is). `credit` keeps its text."""
    if other is None:
        return credit, False
    if credit is None:
        return other, False
    if not credits_agree(credit, other):
        return credit, True
    filled = {}
    if not credit.photographer and other.photographer:
        filled["photographer"] = other.photographer
        filled["others"] = credit.others or other.others
    if not credit.agency and other.agency:
        filled["agency"], filled["distributor"] = other.agency, other.distributor
    elif (
        not credit.distributor
        and other.distributor
        and _agency(credit.agency) == _agency(other.agency)
    ):
        filled["distributor"] = other.distributor
    if not credit.role and other.role and not credit.photographer:
        filled["role"] = other.role
    return replace(credit, **filled), False


def _agency(name: str) -> str:
    return canonical_agency(name).casefold() if name else ""
