"""The monthly report of agency photos used: what the desk tells each agency.

Photos of the `agency` rights category used in a calendar month (UTC), by
the agency that sells them (see catalog.rights) and the collection they
come from (the X of `X via <agency>`; none for the agency's own), each
photo counted once however often it ran, against the agency's quota.
Two queries, whatever the month holds.
"""

import re
from datetime import UTC, date, datetime

from django.db.models import Case, Count, F, Q, When
from django.db.models.functions import Coalesce

from catalog.models import Agency, RightsCategory, Usage
from catalog.rights import month_bounds

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
CSV_HEADER = (
    "month",
    "agency",
    "collection",
    "photos_used",
    "uses",
    "terms",
    "monthly_quota",
    "over_quota_by",
)


def parse_month(text: str) -> date:
    """`YYYY-MM` as the first day of that month; ValueError otherwise."""
    match = MONTH.match(text or "")
    if not match:
        raise ValueError("Give the month as YYYY-MM, e.g. 2011-10.")
    return date(int(match[1]), int(match[2]), 1)


def agency_usage(month: date) -> dict:
    """The report for the month of `month`, as the API returns it."""
    start, following = month_bounds(datetime(month.year, month.month, 1, tzinfo=UTC))
    uses = Usage.objects.filter(
        Q(photo__agency__isnull=False) | Q(photo__distributor__isnull=False),
        used_at__gte=start,
        used_at__lt=following,
        photo__rights_category=RightsCategory.AGENCY,
    )
    counted = (
        uses.annotate(
            seller=Coalesce("photo__distributor", "photo__agency"),
            collection=Case(When(photo__distributor__isnull=False, then=F("photo__agency"))),
        )
        .order_by()
        .values("seller", "collection")
        .annotate(photos=Count("photo", distinct=True), uses=Count("pk"))
    )
    counted = list(counted)
    named = {row["seller"] for row in counted} | {row["collection"] for row in counted}
    agencies = Agency.objects.filter(pk__in=named - {None}).select_related("agreement")
    by_id = {agency.pk: agency for agency in agencies}
    report = {}
    for row in counted:
        seller = by_id[row["seller"]]
        entry = report.get(seller.pk)
        if entry is None:
            agreement = getattr(seller, "agreement", None)
            entry = report[seller.pk] = {
                "agency": _party(seller),
                "terms": agreement.terms if agreement else "none",
                "monthly_quota": agreement.monthly_quota if agreement else None,
                "photos_used": 0,
                "uses": 0,
                "over_quota_by": 0,
                "collections": [],
            }
        entry["photos_used"] += row["photos"]
        entry["uses"] += row["uses"]
        collection = by_id.get(row["collection"])
        entry["collections"].append(
            {
                "collection": _party(collection) if collection else None,
                "photos_used": row["photos"],
                "uses": row["uses"],
            }
        )
    for entry in report.values():
        quota = entry["monthly_quota"]
        if quota is not None:
            entry["over_quota_by"] = max(0, entry["photos_used"] - quota)
        entry["collections"].sort(key=lambda c: c["collection"]["name"] if c["collection"] else "")
    return {
        "month": f"{month:%Y-%m}",
        "agencies": sorted(report.values(), key=lambda entry: entry["agency"]["name"].lower()),
    }


def csv_rows(report: dict) -> list[tuple]:
    """The report as rows under CSV_HEADER: one per agency and collection."""
    return [
        (
            report["month"],
            entry["agency"]["name"],
            collection["collection"]["name"] if collection["collection"] else "",
            collection["photos_used"],
            collection["uses"],
            entry["terms"],
            "" if entry["monthly_quota"] is None else entry["monthly_quota"],
            entry["over_quota_by"],
        )
        for entry in report["agencies"]
        for collection in entry["collections"]
    ]


def _party(agency: Agency) -> dict:
    return {"slug": agency.slug, "name": agency.name}
