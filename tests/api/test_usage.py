"""Uses of photos (/api/uses/) and the agency usage report (/api/reports/agency-usage/)."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Agency, AgencyAgreement, AgreementTerms, Photo, Usage
from tests.api.conftest import results
from tests.factories import AgencyFactory, PhotoFactory

pytestmark = pytest.mark.django_db

REPORT = "/api/reports/agency-usage/"


@pytest.fixture
def desk(staff, staff_api):
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_usage", "view_usage"]))
    return staff_api


def test_the_seeds_uses_are_listed_by_photo(api, imported_seed):
    lead = imported_seed.lead_photo
    listed = results(api.get("/api/uses/", {"photo": str(lead.uid)}))
    assert listed == [
        {
            "id": Usage.objects.get(photo=lead).pk,
            "photo": str(lead.uid),
            "where": "",
            "used_at": "2011-10-22T17:58:39Z",
            "platform": "web",
            "article": imported_seed.slug,
            "slideshow": None,
        }
    ]


def test_an_unknown_photo_is_400(api, db):
    response = api.get("/api/uses/", {"photo": "6f1f5a1e-4c0b-4d47-9a52-3c1f2f8e7d10"})
    assert response.status_code == 400


def test_staff_record_a_new_use(desk, api):
    photo = PhotoFactory()
    use = {
        "photo": str(photo.uid),
        "where": "Print edition, page 3",
        "used_at": "2026-03-02T06:00:00Z",
        "platform": "print",
    }
    assert api.post("/api/uses/", use, format="json").status_code in (401, 403)
    response = desk.post("/api/uses/", use, format="json")
    assert response.status_code == 201, response.content
    saved = Usage.objects.get()
    assert (saved.photo, saved.where, saved.platform) == (photo, use["where"], "print")
    assert saved.created_by.username == "desk"
    assert response.json()["where"] == use["where"]


def test_a_new_use_says_where(desk):
    photo = PhotoFactory()
    response = desk.post(
        "/api/uses/", {"photo": str(photo.uid), "used_at": "2026-03-02T06:00:00Z"}, format="json"
    )
    assert response.status_code == 400
    assert "where" in response.content.decode()


def test_the_uses_list_runs_the_same_queries_for_more_rows(api, django_assert_num_queries, db):
    photo = PhotoFactory()
    Usage.objects.create(photo=photo, where="Home page", used_at="2026-03-01T00:00:00Z")
    with CaptureQueriesContext(connection) as few:
        api.get("/api/uses/")
    for day in range(2, 25):
        Usage.objects.create(
            photo=PhotoFactory(), where="Home page", used_at=f"2026-03-{day:02}T00:00:00Z"
        )
    with django_assert_num_queries(len(few)):
        assert len(results(api.get("/api/uses/"))) == 20


# -- the report ----------------------------------------------------------------------


def seed_agreements():
    AgencyAgreement.objects.create(agency=Agency.objects.get(name="AP"))
    AgencyAgreement.objects.create(
        agency=Agency.objects.get(name="Getty Images"), terms=AgreementTerms.PER_USE
    )


def test_the_report_for_the_seeds_month_lists_ap_with_17_photos(desk, imported_seed):
    seed_agreements()
    report = desk.get(REPORT, {"month": "2011-10"}).json()
    assert report["month"] == "2011-10"
    by_name = {entry["agency"]["name"]: entry for entry in report["agencies"]}
    assert by_name["AP"] == {
        "agency": {"slug": "ap", "name": "AP"},
        "terms": "subscription",
        "monthly_quota": None,
        "photos_used": 17,
        "uses": 17,
        "over_quota_by": 0,
        "collections": [{"collection": None, "photos_used": 17, "uses": 17}],
    }
    assert by_name["Getty Images"]["photos_used"] == 1
    assert by_name["Getty Images"]["terms"] == "per_use"
    # The New York Times' picture, distributed by Redux, is Redux's to bill.
    assert "The New York Times" not in by_name
    assert by_name["Redux Pictures"]["terms"] == "none"
    assert by_name["Redux Pictures"]["collections"] == [
        {"collection": None, "photos_used": 1, "uses": 1},
        {
            "collection": {"slug": "the-new-york-times", "name": "The New York Times"},
            "photos_used": 1,
            "uses": 1,
        },
    ]
    assert desk.get(REPORT, {"month": "2011-11"}).json()["agencies"] == []


def test_the_report_as_csv(desk, imported_seed):
    seed_agreements()
    response = desk.get(REPORT, {"month": "2011-10", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="agency-usage-2011-10.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "month",
        "agency",
        "collection",
        "photos_used",
        "uses",
        "terms",
        "monthly_quota",
        "over_quota_by",
    ]
    assert ["2011-10", "AP", "", "17", "17", "subscription", "", "0"] in rows
    assert len(rows) == 1 + 4  # AP, Getty Images, Redux Pictures (own, NYT)
    by_accept = desk.get(REPORT, {"month": "2011-10"}, HTTP_ACCEPT="text/csv")
    assert by_accept.content == response.content


def test_the_report_counts_a_photo_once_and_shows_the_quota(desk):
    agency = AgencyFactory(name="Wire")
    AgencyAgreement.objects.create(agency=agency, monthly_quota=1)
    photos = [PhotoFactory(agency=agency, rights_category="agency") for _ in range(2)]
    for photo in [*photos, photos[0]]:
        Usage.objects.create(photo=photo, where="Site", used_at="2026-02-10T00:00:00Z")
    Usage.objects.create(photo=photos[1], where="Site", used_at="2026-03-01T00:00:00Z")
    (entry,) = desk.get(REPORT, {"month": "2026-02"}).json()["agencies"]
    assert (entry["photos_used"], entry["uses"], entry["over_quota_by"]) == (2, 3, 1)
    assert Photo.objects.count() == 2


@pytest.mark.parametrize("month", ["", "2011", "2011-1", "October", "2011-13"])
def test_a_bad_month_is_400(desk, month):
    response = desk.get(REPORT, {"month": month})
    assert response.status_code == 400
    assert "month" in response.content.decode()


def test_the_report_is_for_staff_who_may_view_uses(api, staff_api, db):
    assert api.get(REPORT, {"month": "2011-10"}).status_code in (401, 403)
    assert staff_api.get(REPORT, {"month": "2011-10"}).status_code == 403


def test_report_errors_are_json_when_csv_was_asked(desk, api):
    response = desk.get(REPORT, {"month": "soon", "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "month" in response.json()["errors"]
    refused = api.get(REPORT, {"month": "2011-10", "format": "csv"})
    assert refused.status_code in (401, 403)
    assert refused["Content-Type"] == "application/json"
