"""The `rights` block of photos as the API shows them, and the time it is judged at.

One function reads the blocks of a page of photos: one query for the
verdicts (catalog.rights, the rules the filters use too) and, only when a
photo on the page is under a lease in force, one for those leases.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from catalog.models import Lease
from catalog.rights import Verdict, verdict_rows

from .serializers import iso

USABLE_AT = "usable_at"
RIGHTS_COLUMNS = (
    "rights_category",
    "rights_restrictions",
    "rights_licence",
    "rights_source",
    "embargo_until",
)


def judged_at(request) -> datetime:
    """The time a request asks the rights at (`usable_at`), or now. An
    unreadable value never gets this far on a list (the filter answers 400)."""
    value = request.query_params.get(USABLE_AT) if request is not None else None
    try:
        at = parse_datetime(value) if value else None
    except ValueError:
        at = None
    if at is not None and timezone.is_naive(at):
        at = timezone.make_aware(at)
    return at or timezone.now()


def rights_blocks(ids: list[int], at: datetime, *, staff: bool = False) -> dict[int, dict]:
    """The `rights` of each photo at `at`, by id; lease notes for staff only."""
    if not ids:
        return {}
    rows = verdict_rows(ids, at, RIGHTS_COLUMNS)
    blocks, leased = {}, []
    for row in rows:
        verdict = Verdict.from_row(row)
        if verdict.leased:
            leased.append(row["pk"])
        blocks[row["pk"]] = {
            "category": row["rights_category"],
            "restrictions": row["rights_restrictions"],
            "licence": row["rights_licence"],
            "source": row["rights_source"],
            "cost": verdict.cost,
            "usable": verdict.usable,
            "reasons": verdict.reasons,
            "embargo_until": iso(row["embargo_until"]),
            "leases": [],
        }
    if leased:
        leases = Lease.objects.active_at(at).filter(photo_id__in=leased).order_by("photo", "id")
        for lease in leases.values("photo_id", "access", "starts_at", "ends_at", "note"):
            shown = {
                "access": lease["access"],
                "starts_at": iso(lease["starts_at"]),
                "ends_at": iso(lease["ends_at"]),
            }
            if staff:
                shown["note"] = lease["note"]
            blocks[lease["photo_id"]]["leases"].append(shown)
    return blocks
