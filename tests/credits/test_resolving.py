"""Resolving credits to the catalog's agencies and photographers."""

import pytest

from catalog.credits import parse_credit
from catalog.credits.resolving import CreditRejected, CreditResolver
from catalog.models import Agency, AgencyAlias, Photographer
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_spellings_resolve_to_the_agency_of_the_table_and_become_aliases():
    resolver = CreditResolver()
    credits = [parse_credit("JOHN MCDONALD/PA Wire"), parse_credit("Jane Doe / Press Association")]

    resolver.resolve([(credit, None) for credit in credits])

    (pa,) = Agency.objects.all()
    assert pa.name == "PA"
    assert set(AgencyAlias.objects.values_list("name", flat=True)) == {
        "PA",
        "PA Wire",
        "Press Association",
    }
    fields = resolver.fields(credits[0])
    assert fields["agency_id"] == pa.pk
    assert Photographer.objects.get(pk=fields["photographer_id"]).name == "John McDonald"


def test_an_agency_and_its_distributor_resolve_apart():
    afp = AgencyFactory(name="AFP")
    resolver = CreditResolver()
    credit = parse_credit("Jane Doe/AFP/Getty Images North America")

    resolver.resolve([(credit, None)])

    fields = resolver.fields(credit)
    assert fields["agency_id"] == afp.pk
    assert Agency.objects.get(pk=fields["distributor_id"]).name == "Getty Images"


def test_a_name_too_long_for_its_column_is_rejected_with_its_line():
    credit = parse_credit("Jane " + "Doe" * 100 + " / AP")

    with pytest.raises(CreditRejected) as rejected:
        CreditResolver().resolve([(credit, 7)])

    assert rejected.value.line == 7
    assert "photographer name is longer than" in rejected.value.message
    assert not Photographer.objects.exists()
