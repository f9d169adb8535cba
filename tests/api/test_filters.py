"""The FilterSet base that builds its form class once and copies filters shallowly.

Sharing must not leak between requests: each FilterSet filters with its own
data, and a method filter calls the FilterSet it belongs to.
"""

import pytest
from django.http import QueryDict

from catalog.api.filters import PhotoFilter, SlideshowFilter
from catalog.models import Photo
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory

pytestmark = pytest.mark.django_db


def filtered(filterset_class, query: str):
    filterset = filterset_class(QueryDict(query), queryset=Photo.objects.order_by("pk"))
    assert filterset.is_valid(), filterset.errors
    return filterset, list(filterset.qs)


def test_the_form_class_is_built_once_per_filterset_class():
    first = PhotoFilter(QueryDict("q=kuwait")).get_form_class()
    assert PhotoFilter(QueryDict("agency=ap")).get_form_class() is first
    assert SlideshowFilter(QueryDict("")).get_form_class() is not first


def test_each_filterset_filters_with_its_own_values():
    ap, afp = AgencyFactory(name="AP"), AgencyFactory(name="AFP")
    jane, john = PhotographerFactory(name="Jane Doe"), PhotographerFactory(name="John Roe")
    by_jane = PhotoFactory(photographer=jane, agency=ap, caption="Soldiers in Kuwait")
    by_john = PhotoFactory(photographer=john, agency=afp, caption="Voters in Cairo")

    _, jane_photos = filtered(PhotoFilter, f"photographer={jane.slug}")
    _, john_photos = filtered(PhotoFilter, f"photographer={john.slug}")
    assert (jane_photos, john_photos) == ([by_jane], [by_john])

    # Method filters (agency, q) run on the FilterSet they belong to.
    first, ap_photos = filtered(PhotoFilter, "agency=ap")
    second, afp_photos = filtered(PhotoFilter, "agency=afp")
    assert (ap_photos, afp_photos) == ([by_jane], [by_john])
    assert first.filters["agency"].parent is first
    assert second.filters["agency"].parent is second
    assert first.filters["agency"].filter.f is first.filters["agency"]
    assert PhotoFilter.base_filters["agency"] is not first.filters["agency"]
    assert not hasattr(PhotoFilter.base_filters["agency"], "parent")


def test_an_invalid_value_is_reported_by_its_own_filterset():
    bad = PhotoFilter(QueryDict("photographer=nobody"), queryset=Photo.objects.all())
    good = PhotoFilter(QueryDict(""), queryset=Photo.objects.all())
    assert not bad.is_valid()
    assert "photographer" in bad.errors
    assert good.is_valid()


def test_each_form_has_its_own_copies_of_the_shared_fields():
    first, second = PhotoFilter(QueryDict("q=a")).form, PhotoFilter(QueryDict("q=b")).form
    form_class = PhotoFilter(QueryDict("")).get_form_class()
    assert first.fields.keys() == second.fields.keys() == form_class.base_fields.keys()
    for name, field in first.fields.items():
        assert field is not second.fields[name]
        assert field is not form_class.base_fields[name]
        assert type(field) is type(form_class.base_fields[name])
    first.fields["q"].required = True  # a form that changed its field changes no other
    assert not second.fields["q"].required
    assert not form_class.base_fields["q"].required
    assert first.is_valid()
    assert second.is_valid()
