"""What an import records of rights and uses (catalog.importers.store)."""

from collections import Counter

import pytest

from catalog.importers.batch import import_article
from catalog.models import Photo, RightsCategory, Usage
from catalog.models.rights import category_from_credit
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "agency", "category"),
    [
        ("handout", True, RightsCategory.HANDOUT),
        ("pool", True, RightsCategory.POOL),
        ("", True, RightsCategory.AGENCY),
        ("courtesy", False, RightsCategory.NO_RIGHTS),
        ("", False, RightsCategory.NO_RIGHTS),
    ],
)
def test_category_from_credit(role, agency, category):
    assert category_from_credit(role=role, agency=agency) == category


def test_the_seeds_agency_photos_are_in_the_agency_category(imported_seed):
    by_agency = Counter(
        (photo.agency.name, photo.rights_category)
        for photo in Photo.objects.select_related("agency")
    )
    assert by_agency == {
        ("AP", "agency"): 17,
        ("The New York Times", "agency"): 1,
        ("Redux Pictures", "agency"): 1,
        ("Getty Images", "agency"): 1,
    }


def test_the_seed_records_a_use_of_each_photo_in_its_article(imported_seed):
    uses = Usage.objects.select_related("slideshow")
    assert uses.count() == Photo.objects.count() == 20
    assert {use.article_id for use in uses} == {imported_seed.pk}
    assert {use.used_at for use in uses} == {imported_seed.updated_at}
    in_shows = Counter(use.slideshow.title for use in uses if use.slideshow)
    # 16 slides and the cover of the first slideshow, the cover of the second.
    assert in_shows == {
        "US troops leave Iraq - 2010 drawdown": 17,
        "US troops leave Iraq - 2011 drawdown": 1,
    }


def test_a_reimport_keeps_the_uses_and_an_editors_category(imported_seed):
    photo = imported_seed.lead_photo
    photo.rights_category = RightsCategory.STAFF
    photo.save()
    outcome = import_article(SEED.name, SEED.read_bytes(), force=True)
    assert outcome.ok, outcome.describe_error()
    photo.refresh_from_db()
    assert photo.rights_category == RightsCategory.STAFF
    assert Usage.objects.count() == 20
