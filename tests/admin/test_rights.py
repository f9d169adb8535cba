"""Usage rights in the admin: badge, filters, leases, uses, agreements, bulk
rights and the agency usage report."""

import csv
import io
import re

import pytest
from django.urls import reverse

from catalog.models import Agency, AgencyAgreement, Lease, Photo, RightsCategory, Usage
from catalog.rights import BLOCKERS, COST_RULES
from tests.admin.conftest import changeform_data
from tests.factories import AgencyFactory, PhotoFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:catalog_photo_changelist")
REPORT = reverse("admin:catalog_usage_report")


def badges(html: str) -> list[tuple[str, str]]:
    """(reasons, text) of each rights badge on a page."""
    found = re.findall(
        r'<span class="catalog-rights" title="([^"]*)"><span class="catalog-badge [^"]*">([^<]*)<',
        html,
    )
    return [(title.replace("&#x27;", "'"), text) for title, text in found]


def test_the_list_shows_each_photos_badge_with_its_reasons(editor_client):
    PhotoFactory(rights_category=RightsCategory.STAFF)
    PhotoFactory(rights_category=RightsCategory.PR_IMAGE)
    PhotoFactory(rights_category=RightsCategory.STAFF, caption="", title="Untitled")

    shown = badges(editor_client.get(CHANGELIST).content.decode())

    assert sorted(text for _, text in shown) == ["Conditional", "Free", "Not usable"]
    (unusable,) = [title for title, text in shown if text == "Not usable"]
    assert BLOCKERS["no_caption"] in unusable


def test_the_list_filters_by_cost_and_usability(editor_client):
    free = PhotoFactory(rights_category=RightsCategory.STAFF)
    paid = PhotoFactory(rights_category=RightsCategory.NO_RIGHTS)
    handout = PhotoFactory(rights_category=RightsCategory.HANDOUT)

    def listed(**params):
        return set(editor_client.get(CHANGELIST, params).context["cl"].result_list)

    assert listed(cost="free") == {free, handout}
    assert listed(cost="pay") == {paid}
    assert listed(usable="no") == {paid}
    assert listed(usable="yes", rights_category__exact="handout") == {handout}


def test_an_editor_adds_a_deny_lease_and_the_photo_becomes_unusable(editor_client, editor, api):
    photo = PhotoFactory(rights_category=RightsCategory.STAFF)
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "leases-TOTAL_FORMS": "1",
            "leases-0-access": "deny",
            "leases-0-note": "The family asked us not to run it.",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    lease = Lease.objects.get(photo=photo)
    assert (lease.access, lease.created_by) == ("deny", editor)
    ((title, text),) = badges(editor_client.get(CHANGELIST).content.decode())
    assert text == "Not usable"
    assert BLOCKERS["denied"] in title
    rights = api.get(f"/api/photos/{photo.uid}/").json()["rights"]
    assert rights["usable"] is False
    assert BLOCKERS["denied"] in rights["reasons"]


def test_a_lease_must_start_before_it_ends(editor_client):
    photo = PhotoFactory()
    url = reverse("admin:catalog_photo_change", args=[photo.pk])
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "leases-TOTAL_FORMS": "1",
            "leases-0-access": "allow",
            "leases-0-starts_at_0": "2026-03-02",
            "leases-0-starts_at_1": "10:00",
            "leases-0-ends_at_0": "2026-03-01",
            "leases-0-ends_at_1": "10:00",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "A lease must start before it ends." in response.content.decode()
    assert not Lease.objects.exists()


def test_the_photo_page_shows_the_verdict_and_the_uses(editor_client, imported_seed):
    photo = imported_seed.lead_photo
    html = editor_client.get(reverse("admin:catalog_photo_change", args=[photo.pk])).content
    html = html.decode()
    assert COST_RULES["agency_paid"][1] in html
    assert 'id="uses-group"' in html
    assert "2011-10-22" in html


def test_set_rights_on_selected_photos(editor_client):
    photos = PhotoFactory.create_batch(3, rights_category=RightsCategory.NO_RIGHTS)
    other = PhotoFactory(rights_category=RightsCategory.NO_RIGHTS)
    chosen = {"action": "set_rights", "_selected_action": [p.pk for p in photos]}

    asked = editor_client.post(CHANGELIST, chosen)
    assert asked.status_code == 200
    assert "Set usage rights" in asked.content.decode()
    refused = editor_client.post(
        CHANGELIST, {**chosen, "apply": "yes", "rights_category": "creative_commons"}
    )
    assert "A Creative Commons photo names its licence." in refused.content.decode()
    done = editor_client.post(
        CHANGELIST,
        {
            **chosen,
            "apply": "yes",
            "rights_category": "creative_commons",
            "rights_licence": "CC BY 4.0",
            "rights_restrictions": "Credit the author.",
        },
    )

    assert done.status_code == 302
    assert set(
        Photo.objects.filter(pk__in=[p.pk for p in photos]).values_list(
            "rights_category", "rights_licence", "rights_restrictions"
        )
    ) == {("creative_commons", "CC BY 4.0", "Credit the author.")}
    other.refresh_from_db()
    assert other.rights_category == RightsCategory.NO_RIGHTS


def test_the_agreement_is_set_on_the_agency_page(editor_client):
    wire, premium = AgencyFactory(name="Wire"), AgencyFactory(name="Premium")
    url = reverse("admin:catalog_agency_change", args=[wire.pk])
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "agreement-TOTAL_FORMS": "1",
            "agreement-0-terms": "subscription",
            "agreement-0-monthly_quota": "250",
            "agreement-0-excluded_collections": [premium.pk],
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    agreement = AgencyAgreement.objects.get(agency=wire)
    assert (agreement.terms, agreement.monthly_quota) == ("subscription", 250)
    assert list(agreement.excluded_collections.all()) == [premium]


def seed_agreements():
    AgencyAgreement.objects.create(agency=Agency.objects.get(name="AP"))


def test_the_report_page_lists_ap_with_its_17_photos(editor_client, imported_seed):
    seed_agreements()
    response = editor_client.get(REPORT, {"month": "2011-10"})
    html = response.content.decode()
    assert response.status_code == 200
    row = re.search(r"<strong>AP</strong></td>\s*<td>its own</td>\s*<td>(\d+)</td>", html)
    assert row
    assert row[1] == "17"
    assert 'href="?month=2011-10&amp;format=csv"' in html
    download = editor_client.get(REPORT, {"month": "2011-10", "format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["2011-10", "AP", "", "17", "17", "subscription", "", "0"] in rows


def test_the_report_page_refuses_a_bad_month(editor_client):
    response = editor_client.get(REPORT, {"month": "someday"})
    assert response.status_code == 200
    assert "Give the month as YYYY-MM" in response.content.decode()


def test_the_report_page_is_for_those_who_may_view_uses(client, staff_without):
    client.force_login(staff_without("view_usage", "change_usage"))
    assert client.get(REPORT, {"month": "2011-10"}).status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_the_uses_list_and_report_queries_do_not_grow(
    editor_client, django_assert_num_queries, rows
):
    agency = AgencyFactory()
    for number in range(rows):
        photo = PhotoFactory(agency=agency, rights_category=RightsCategory.AGENCY)
        Usage.objects.create(photo=photo, where=f"Page {number}", used_at="2026-02-03T00:00:00Z")
        # a collection of its own for each: the report's rows grow too
        photo.distributor = AgencyFactory()
        photo.save()
    # session, user, permissions (2), count, page, the date hierarchy's first
    # and last, and its days
    with django_assert_num_queries(8):
        editor_client.get(reverse("admin:catalog_usage_changelist"))
    # session, user, permissions (2), the counts, the agencies
    with django_assert_num_queries(6):
        response = editor_client.get(REPORT, {"month": "2026-02"})
    table = response.content.decode().split('id="agency-usage"')[1].split("</table>")[0]
    assert table.count("<tr>") == rows + 1
