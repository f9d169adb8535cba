"""The verdict's rules (catalog.rights), each on a photo built for it."""

from datetime import UTC, datetime, timedelta

import pytest

from catalog.models import (
    AgencyAgreement,
    AgreementTerms,
    Lease,
    LeaseAccess,
    Photo,
    RightsCategory,
    Usage,
)
from catalog.rights import (
    BLOCKERS,
    COST_RULES,
    RIGHTS_COLUMNS,
    VERDICT_COLUMNS,
    judged_rows,
    month_bounds,
    verdicts,
)
from tests.factories import AgencyFactory, PhotoFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def verdict(photo, at=NOW):
    return verdicts([photo.pk], at)[photo.pk]


def agency_photo(agency=None, **kwargs):
    return PhotoFactory(rights_category=RightsCategory.AGENCY, agency=agency, **kwargs)


def subscribe(agency, **kwargs):
    return AgencyAgreement.objects.create(agency=agency, **kwargs)


def used(photo, at):
    return Usage.objects.create(photo=photo, where="Front page", used_at=at)


def test_month_bounds():
    assert month_bounds(datetime(2026, 12, 31, 23, 59, tzinfo=UTC)) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )


# -- usable --------------------------------------------------------------------------


def test_a_staff_photo_with_credit_and_caption_is_usable_and_free():
    photo = PhotoFactory(rights_category=RightsCategory.STAFF)
    assert verdict(photo).usable is True
    assert verdict(photo).cost == "free"


def test_no_credit_makes_a_photo_unusable():
    photo = PhotoFactory(
        rights_category=RightsCategory.STAFF, photographer=None, agency=None, credit_text=""
    )
    assert verdict(photo).usable is False
    assert BLOCKERS["no_credit"] in verdict(photo).reasons


def test_no_caption_makes_a_photo_unusable():
    photo = PhotoFactory(rights_category=RightsCategory.STAFF, caption="")
    assert verdict(photo).usable is False
    assert verdict(photo).reasons[0] == BLOCKERS["no_caption"]


def test_no_rights_makes_a_photo_unusable_and_paid():
    photo = PhotoFactory(rights_category=RightsCategory.NO_RIGHTS)
    assert verdict(photo).usable is False
    assert verdict(photo).cost == "pay"
    assert BLOCKERS["no_rights"] in verdict(photo).reasons


def test_an_embargo_holds_until_its_time():
    photo = PhotoFactory(
        rights_category=RightsCategory.STAFF, embargo_until=NOW + timedelta(hours=1)
    )
    assert verdict(photo).usable is False
    assert BLOCKERS["embargoed"] in verdict(photo).reasons
    assert verdict(photo, NOW + timedelta(hours=1)).usable is True


def test_an_active_deny_lease_makes_a_photo_unusable_only_while_active():
    photo = PhotoFactory(rights_category=RightsCategory.STAFF)
    Lease.objects.create(
        photo=photo, access=LeaseAccess.DENY, starts_at=NOW, ends_at=NOW + timedelta(days=1)
    )
    assert verdict(photo).usable is False
    assert BLOCKERS["denied"] in verdict(photo).reasons
    assert verdict(photo, NOW - timedelta(seconds=1)).usable is True
    assert verdict(photo, NOW + timedelta(days=1)).usable is True


def test_an_open_ended_deny_lease_is_active_from_its_start_on():
    photo = PhotoFactory(rights_category=RightsCategory.STAFF)
    Lease.objects.create(photo=photo, access=LeaseAccess.DENY, starts_at=NOW)
    assert verdict(photo, NOW + timedelta(days=3650)).usable is False


def test_a_deny_lease_wins_over_an_allow_lease():
    photo = PhotoFactory(rights_category=RightsCategory.STAFF)
    Lease.objects.create(photo=photo, access=LeaseAccess.ALLOW)
    Lease.objects.create(photo=photo, access=LeaseAccess.DENY)
    assert verdict(photo).usable is False


# -- cost ----------------------------------------------------------------------------


def test_restrictions_make_a_photo_conditional():
    photo = PhotoFactory(
        rights_category=RightsCategory.STAFF, rights_restrictions="Not for use in print."
    )
    assert verdict(photo).cost == "conditional"
    assert COST_RULES["restricted"][1] in verdict(photo).reasons
    assert verdict(photo).usable is True


@pytest.mark.parametrize(
    ("category", "cost"),
    [
        (RightsCategory.STAFF, "free"),
        (RightsCategory.CONTRACT, "free"),
        (RightsCategory.COMMISSIONED, "free"),
        (RightsCategory.HANDOUT, "free"),
        (RightsCategory.POOL, "free"),
        (RightsCategory.SCREENGRAB, "free"),
        (RightsCategory.SOCIAL_MEDIA, "conditional"),
        (RightsCategory.PR_IMAGE, "conditional"),
        (RightsCategory.PUBLIC_DOMAIN, "free"),
        (RightsCategory.NO_RIGHTS, "pay"),
    ],
)
def test_each_category_has_a_default_cost(category, cost):
    assert verdict(PhotoFactory(rights_category=category)).cost == cost


def test_a_creative_commons_photo_is_free():
    photo = PhotoFactory(
        rights_category=RightsCategory.CREATIVE_COMMONS, rights_licence="CC BY 4.0"
    )
    assert verdict(photo).cost == "free"


def test_an_agency_photo_without_an_agreement_is_paid():
    photo = agency_photo(AgencyFactory())
    assert verdict(photo).cost == "pay"
    assert verdict(photo).reasons == [COST_RULES["agency_paid"][1]]


def test_an_agency_photo_under_a_per_use_agreement_is_paid():
    agency = AgencyFactory()
    subscribe(agency, terms=AgreementTerms.PER_USE)
    assert verdict(agency_photo(agency)).cost == "pay"


def test_an_agency_photo_under_a_subscription_is_free():
    agency = AgencyFactory()
    subscribe(agency)
    photo = agency_photo(agency)
    assert verdict(photo).cost == "free"
    assert verdict(photo).reasons == [COST_RULES["subscribed"][1]]


def test_the_distributors_agreement_applies_to_a_distributed_photo():
    maker, seller = AgencyFactory(), AgencyFactory()
    subscribe(seller)
    assert verdict(agency_photo(maker, distributor=seller)).cost == "free"
    assert verdict(agency_photo(seller, distributor=maker)).cost == "pay"


def test_an_excluded_collection_is_paid():
    premium, seller = AgencyFactory(), AgencyFactory()
    subscribe(seller).excluded_collections.add(premium)
    photo = agency_photo(premium, distributor=seller)
    assert verdict(photo).cost == "pay"
    assert COST_RULES["excluded_collection"][1] in verdict(photo).reasons
    assert verdict(agency_photo(seller)).cost == "free"


def test_a_photo_is_over_quota_once_the_agency_used_its_monthly_quota():
    agency = AgencyFactory()
    subscribe(agency, monthly_quota=2)
    first, second, third = agency_photo(agency), agency_photo(agency), agency_photo(agency)
    used(first, NOW - timedelta(days=2))
    used(first, NOW - timedelta(days=1))  # the same photo counts once
    assert verdict(third).cost == "free"
    used(second, NOW - timedelta(days=1))
    assert verdict(third).cost == "overquota"
    assert COST_RULES["over_quota"][1] in verdict(third).reasons
    # Already used this month: within the quota.
    assert verdict(second).cost == "free"
    # Another month starts afresh.
    assert verdict(third, NOW + timedelta(days=31)).cost == "free"


def test_uses_of_other_agencies_do_not_count_against_a_quota():
    agency, other = AgencyFactory(), AgencyFactory()
    subscribe(agency, monthly_quota=1)
    used(agency_photo(other), NOW)
    assert verdict(agency_photo(agency)).cost == "free"


def test_an_allow_lease_overrides_cost_and_quota():
    agency = AgencyFactory()
    subscribe(agency, monthly_quota=1)
    used(agency_photo(agency), NOW)
    photo = agency_photo(agency, rights_restrictions="Editorial use only.")
    Lease.objects.create(photo=photo, access=LeaseAccess.ALLOW, ends_at=NOW + timedelta(days=1))
    assert verdict(photo).cost == "free"
    assert verdict(photo).reasons == [COST_RULES["allowed"][1]]
    assert verdict(photo, NOW + timedelta(days=1)).cost == "conditional"
    paid = agency_photo(AgencyFactory())
    Lease.objects.create(photo=paid, access=LeaseAccess.ALLOW)
    assert verdict(paid).cost == "free"


def test_an_allow_lease_gives_the_rights_a_photo_lacked():
    photo = PhotoFactory(rights_category=RightsCategory.NO_RIGHTS)
    Lease.objects.create(photo=photo, access=LeaseAccess.ALLOW)
    assert verdict(photo).usable is True


# -- the queryset filters agree with the verdicts ------------------------------------


def test_filtering_on_the_verdict_agrees_with_the_verdicts():
    agency = AgencyFactory()
    subscribe(agency)
    photos = [
        agency_photo(agency),
        agency_photo(AgencyFactory()),
        PhotoFactory(rights_category=RightsCategory.SOCIAL_MEDIA),
        PhotoFactory(rights_category=RightsCategory.STAFF, caption=""),
    ]
    found = verdicts([p.pk for p in photos], NOW)
    for cost in ("free", "pay", "conditional", "overquota"):
        filtered = set(Photo.objects.costing(cost, NOW).values_list("pk", flat=True))
        assert filtered == {pk for pk, v in found.items() if v.cost == cost}
    usable = set(Photo.objects.usable(NOW).values_list("pk", flat=True))
    assert usable == {pk for pk, v in found.items() if v.usable}
    assert len(usable) == 3


@pytest.mark.parametrize("size", [1, 3, 4, 5])
def test_the_compiled_verdict_query_answers_as_the_orm(size):
    agency = AgencyFactory()
    subscribe(agency, monthly_quota=1)
    used(agency_photo(agency), NOW)
    photos = [
        agency_photo(agency),
        PhotoFactory(rights_category=RightsCategory.STAFF, embargo_until=NOW + timedelta(days=1)),
        PhotoFactory(rights_category=RightsCategory.SOCIAL_MEDIA, caption=""),
        agency_photo(AgencyFactory()),
        PhotoFactory(rights_category=RightsCategory.NO_RIGHTS),
    ][:size]
    Lease.objects.create(photo=photos[0], access=LeaseAccess.ALLOW)
    ids = [photo.pk for photo in photos]
    columns = ("id", "caption", "created_at", *RIGHTS_COLUMNS, *VERDICT_COLUMNS)
    orm = Photo.objects.filter(pk__in=ids).with_rights(NOW).values(*columns)
    query = judged_rows(("caption", "created_at"))
    compiled = query(ids, at=NOW)
    assert sorted(compiled, key=lambda row: row["id"]) == sorted(orm, key=lambda row: row["id"])
    assert all(type(row["rights_denied"]) is bool for row in compiled)
    # Compiled once, asked at another time: the times are put in, not kept.
    later_time = NOW + timedelta(days=2)
    later = query(ids, at=later_time)
    at_later = Photo.objects.filter(pk__in=ids).with_rights(later_time).values(*columns)
    assert sorted(later, key=lambda row: row["id"]) == sorted(at_later, key=lambda row: row["id"])


def test_cost_and_usable_filters_compose():
    PhotoFactory(rights_category=RightsCategory.STAFF)
    PhotoFactory(rights_category=RightsCategory.STAFF, caption="")
    PhotoFactory(rights_category=RightsCategory.PR_IMAGE)
    both = Photo.objects.costing("free", NOW).usable(NOW)
    assert both.count() == 1
    assert Photo.objects.costing("free", NOW).usable(NOW, usable=False).count() == 1
