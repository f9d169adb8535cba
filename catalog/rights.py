"""May this photo be used at a given time, and what does it cost? The rules, once.

Every rule is a database expression over the photo, the agreement of the
agency that sells it, its leases and its uses, so that a list can filter on
the verdict across the whole catalog and a page can read it in one query.
The reasons shown to editors are read back from the same expressions
(`Verdict.from_row`); nothing here is computed twice.

The agency that sells a photo is its distributor for an `X via Y` credit,
else its agency; X is then the collection it comes from.

Quota: an agency's monthly quota is used up at time t when the photos of
that agency used in the calendar month of t (UTC), each counted once, are
at least the quota. A photo of that agency not yet used in that month is
then `overquota`; one already used that month stays free.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalog.models import (
    AgencyAgreement,
    AgreementTerms,
    Lease,
    LeaseAccess,
    Photo,
    RightsCategory,
    Usage,
)
from catalog.models.lookups import KeyedQuery, values_looked_up


class Cost(models.TextChoices):
    FREE = "free", "Free"
    CONDITIONAL = "conditional", "Conditional"
    PAY = "pay", "Pay"
    OVERQUOTA = "overquota", "Over quota"


# What a category costs by itself; an agency photo's cost is its agreement's.
CATEGORY_COSTS = {
    RightsCategory.STAFF: Cost.FREE,
    RightsCategory.CONTRACT: Cost.FREE,
    RightsCategory.COMMISSIONED: Cost.FREE,
    RightsCategory.HANDOUT: Cost.FREE,
    RightsCategory.POOL: Cost.FREE,
    RightsCategory.SCREENGRAB: Cost.FREE,
    RightsCategory.SOCIAL_MEDIA: Cost.CONDITIONAL,
    RightsCategory.PR_IMAGE: Cost.CONDITIONAL,
    RightsCategory.CREATIVE_COMMONS: Cost.FREE,
    RightsCategory.PUBLIC_DOMAIN: Cost.FREE,
    RightsCategory.NO_RIGHTS: Cost.PAY,
}

# Why a photo may not be used: each a fact of the photo at the time (see
# facts()); any one makes it unusable.
BLOCKERS = {
    "no_credit": "It has no credit.",
    "no_caption": "It has no caption.",
    "no_rights": "No rights to use it are recorded.",
    "embargoed": "It is under embargo.",
    "denied": "A deny-use lease is in force.",
}

# How the cost is decided: the first rule that holds, in this order.
COST_RULES = {
    "allowed": (Cost.FREE, "An allow-use lease is in force."),
    "restricted": (Cost.CONDITIONAL, "It carries restrictions."),
    "excluded_collection": (Cost.PAY, "Its collection is outside the agency's subscription."),
    "over_quota": (Cost.OVERQUOTA, "The agency's monthly quota is used up."),
    "subscribed": (Cost.FREE, "The agency's subscription covers it."),
    "agency_paid": (Cost.PAY, "The agency is paid per use (no subscription)."),
    "category_free": (Cost.FREE, "Its rights category is free to use."),
    "category_conditional": (Cost.CONDITIONAL, "Its rights category has conditions."),
}
# When no rule holds: no rights are recorded.
DEFAULT_RULE = "unpaid"
DEFAULT_COST = Cost.PAY
DEFAULT_REASON = "No rights are recorded: it must be paid for."


def month_bounds(at: datetime) -> tuple[datetime, datetime]:
    """The first instant of the calendar month of `at` (UTC) and of the next."""
    at = at.astimezone(UTC)
    start = at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start, following


def sold_by(agency_id, prefix: str = ""):
    """Agency photos an agency sells: distributed by it, or made by it and not
    distributed. `prefix` reaches the photo from another model (`photo__`)."""
    return Q(**{f"{prefix}rights_category": RightsCategory.AGENCY}) & (
        Q(**{f"{prefix}distributor_id": agency_id})
        | Q(**{f"{prefix}distributor__isnull": True, f"{prefix}agency_id": agency_id})
    )


def _count(queryset) -> Subquery:
    """COUNT(*) of a queryset as a subquery (no GROUP BY)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=models.IntegerField())


def facts(at: datetime) -> dict:
    """Each fact the rules use, as a boolean expression over a photo
    annotated with `rights_agency` (see `PhotoQuerySet.with_rights`)."""
    start, following = month_bounds(at)
    leases = Lease.objects.filter(photo=OuterRef("pk")).active_at(at)
    agreement = AgencyAgreement.objects.filter(agency_id=OuterRef("rights_agency"))
    excluded = AgencyAgreement.excluded_collections.through.objects.filter(
        agencyagreement__agency_id=OuterRef("rights_agency"), agency_id=OuterRef("agency_id")
    )
    used_in_month = Usage.objects.filter(used_at__gte=start, used_at__lt=following)
    sold_and_used = Photo.objects.filter(
        sold_by(OuterRef("agency_id")), Exists(used_in_month.filter(photo=OuterRef("pk")))
    )
    quota_used_up = agreement.filter(monthly_quota__isnull=False).filter(
        monthly_quota__lte=_count(sold_and_used)
    )
    agency = Q(rights_category=RightsCategory.AGENCY)
    subscribed = agency & Exists(agreement.filter(terms=AgreementTerms.SUBSCRIPTION))

    def category_costing(cost):
        return Q(rights_category__in=[c for c, v in CATEGORY_COSTS.items() if v == cost])

    return {
        # Usability
        "no_credit": Q(
            photographer__isnull=True, agency__isnull=True, credit_text="", credit_role=""
        ),
        "no_caption": Q(caption=""),
        "no_rights": Q(rights_category=RightsCategory.NO_RIGHTS)
        & ~Exists(leases.filter(access=LeaseAccess.ALLOW)),
        "embargoed": Q(embargo_until__gt=at),
        "denied": Exists(leases.filter(access=LeaseAccess.DENY)),
        # Cost
        "allowed": Exists(leases.filter(access=LeaseAccess.ALLOW)),
        "restricted": ~Q(rights_restrictions=""),
        "excluded_collection": agency & Q(distributor__isnull=False) & Exists(excluded),
        "over_quota": subscribed
        & Exists(quota_used_up)
        & ~Exists(used_in_month.filter(photo=OuterRef("pk"))),
        "subscribed": subscribed,
        "agency_paid": agency,
        "category_free": category_costing(Cost.FREE),
        "category_conditional": category_costing(Cost.CONDITIONAL),
    }


def annotations(at: datetime) -> dict:
    """`rights_rule`, the cost rule that held, and a flag for each blocker:
    all a verdict is read from (Verdict.from_row), and all the filters test
    (cost_is, usable_is). An allow lease in force is the first rule."""
    fact = facts(at)
    # CASE, not the bare condition: a comparison with NULL (no embargo) is false here.
    flags = {
        f"rights_{name}": Case(When(fact[name], then=Value(True)), default=Value(False))
        for name in FLAGS
    }
    rules = [When(fact[name], then=Value(name)) for name in COST_RULES]
    return {"rights_rule": Case(*rules, default=Value(DEFAULT_RULE)), **flags}


def cost_is(cost: str) -> Q:
    """Photos (annotated or aliased with `annotations`) that cost `cost`."""
    rules = [name for name, (costs, _) in COST_RULES.items() if costs == cost]
    return Q(rights_rule__in=rules + ([DEFAULT_RULE] if cost == DEFAULT_COST else []))


def usable_is(usable: bool) -> Q:
    """Photos (annotated or aliased with `annotations`) that may (not) be used."""
    clear = Q(**{f"rights_{name}": False for name in BLOCKERS})
    return clear if usable else ~clear


def rights_agency():
    return Coalesce(F("distributor_id"), F("agency_id"))


FLAGS = tuple(BLOCKERS)
# The columns a verdict is read from, as `PhotoQuerySet.with_rights` names them.
VERDICT_COLUMNS = ("rights_rule", *(f"rights_{name}" for name in FLAGS))


@dataclass(frozen=True)
class Verdict:
    cost: str
    usable: bool
    reasons: list[str]
    leased: bool  # an allow or deny lease is in force

    @classmethod
    def from_row(cls, row: dict) -> "Verdict":
        """The verdict of a photo row read with VERDICT_COLUMNS."""
        blockers = [message for name, message in BLOCKERS.items() if row[f"rights_{name}"]]
        cost, reason = COST_RULES.get(row["rights_rule"], (DEFAULT_COST, DEFAULT_REASON))
        return cls(
            cost=cost,
            usable=not blockers,
            reasons=[*blockers, reason],
            leased=bool(row["rights_denied"]) or row["rights_rule"] == "allowed",
        )


def moments(at: datetime) -> tuple[datetime, datetime, datetime]:
    """Every time the rules compare with when judged at `at`."""
    return (at, *month_bounds(at))


def verdicts(photo_ids, at: datetime | None = None) -> dict[int, Verdict]:
    """The verdict of each photo at `at` (now by default), in one query."""
    rows = rights_rows(list(photo_ids), at=at or timezone.now())
    return {row["id"]: Verdict.from_row(row) for row in rows}


RIGHTS_COLUMNS = (
    "rights_category",
    "rights_restrictions",
    "rights_licence",
    "rights_source",
    "embargo_until",
)


def judged_rows(columns: tuple[str, ...] = ()) -> KeyedQuery:
    """A KeyedQuery of the photos of some ids: each row their `id` and
    `columns`, with RIGHTS_COLUMNS and the verdict at the time it is called
    with (`at=`), all a rights block is read from (`rights_blocks`).

    Building and compiling the rules' expressions costs some milliseconds of
    Python, many times what the database takes to answer for a page of
    photos, so the query is compiled once per page size (KeyedQuery).
    tests/test_rights.py holds it to the ORM's answer."""
    selected = tuple(dict.fromkeys(("id", *columns, *RIGHTS_COLUMNS, *VERDICT_COLUMNS)))
    return KeyedQuery(
        lambda ids, at: values_looked_up(
            Photo.objects.filter(pk__in=ids).with_rights(at).order_by(), *selected
        ),
        times=moments,
    )


def rights_blocks(rows: list[dict], at: datetime) -> dict[int, dict]:
    """The values of each photo's `rights` at `at`, by id, as
    representations.RightsSerializer declares them (which shows lease notes
    to staff only), for rows of a `judged_rows` query at `at`."""
    blocks, leased = {}, []
    for row in rows:
        verdict = Verdict.from_row(row)
        if verdict.leased:
            leased.append(row["id"])
        blocks[row["id"]] = {
            "category": row["rights_category"],
            "restrictions": row["rights_restrictions"],
            "licence": row["rights_licence"],
            "source": row["rights_source"],
            "cost": verdict.cost,
            "usable": verdict.usable,
            "reasons": verdict.reasons,
            "embargo_until": row["embargo_until"],
            "leases": [],
        }
    if leased:
        leases = Lease.objects.active_at(at).filter(photo_id__in=leased).order_by("photo", "id")
        for lease in leases.values("photo_id", "access", "starts_at", "ends_at", "note"):
            blocks[lease["photo_id"]]["leases"].append(lease)
    return blocks


# What the verdict and the rights block of photos are read from, by id.
rights_rows = judged_rows()
