"""Unfiltered lists of big tables are not counted row by row."""

import pytest
from django.db import connection
from django.urls import reverse

from catalog.models import Photo
from catalog.paginators import EstimatingPaginator, estimated_rows
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos():
    made = PhotoFactory.create_batch(5)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalog_photo")
    return made


def test_the_estimate_is_the_databases_idea_of_the_table(photos):
    assert estimated_rows(Photo, "default") == 5


def test_big_unfiltered_lists_take_the_estimate(photos, settings, django_assert_num_queries):
    settings.COUNT_ESTIMATE_ABOVE = 3
    paginator = EstimatingPaginator(Photo.objects.order_by("pk"), 2)

    with django_assert_num_queries(1):
        assert paginator.count == 5
    assert paginator.estimated


def test_filtered_or_small_lists_are_counted(photos, settings):
    settings.COUNT_ESTIMATE_ABOVE = 3
    filtered = EstimatingPaginator(Photo.objects.filter(caption__startswith="x"), 2)
    assert (filtered.count, filtered.estimated) == (0, False)

    settings.COUNT_ESTIMATE_ABOVE = 100
    small = EstimatingPaginator(Photo.objects.all(), 2)
    assert (small.count, small.estimated) == (5, False)


def test_the_api_says_when_its_count_is_an_estimate(api, photos, settings):
    settings.COUNT_ESTIMATE_ABOVE = 3
    unfiltered = api.get("/api/photos/").json()
    filtered = api.get("/api/photos/", {"has_image": "false"}).json()

    assert (unfiltered["count"], unfiltered["count_is_estimate"]) == (5, True)
    # PostgreSQL estimates filtered lists too (its planner's row estimate);
    # SQLite counts them.
    assert filtered["count"] == 5
    assert filtered["count_is_estimate"] is (connection.vendor == "postgresql")


def test_filtered_lists_below_the_threshold_are_counted_exactly(api, photos, settings):
    settings.COUNT_ESTIMATE_ABOVE = 100
    body = api.get("/api/photos/", {"has_image": "false"}).json()
    assert (body["count"], body["count_is_estimate"]) == (5, False)


def test_the_admin_list_takes_the_estimate_too(admin_client, photos, settings):
    settings.COUNT_ESTIMATE_ABOVE = 3
    response = admin_client.get(reverse("admin:catalog_photo_changelist"))
    assert response.context["cl"].result_count == 5
