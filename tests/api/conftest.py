import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

WRITABLE = ("photo", "slideshow", "contentwarning")
# A credit naming someone new adds them: a photo desk may add credited parties.
PARTIES = ("agency", "agencyalias", "photographer", "photographeralias")


@pytest.fixture
def staff(db) -> User:
    """A staff member holding the catalog's write permissions, with an API token."""
    user = User.objects.create_user("desk", "desk@example.org", "unused-in-tests", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="catalog", content_type__model__in=WRITABLE
        )
        | Permission.objects.filter(
            content_type__app_label="catalog",
            codename__in=[f"add_{model}" for model in PARTIES],
        )
    )
    _, user.api_token = AuthToken.objects.create(user=user)
    return user


@pytest.fixture
def staff_api(staff) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {staff.api_token}")
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def still_clock(monkeypatch):
    """One time for every request: photos' rights are judged at "now", which
    their queries carry."""
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


@pytest.fixture
def rates(settings):
    """Set throttle rates for one test: rates(anon="5/minute")."""

    def set_rates(**scopes):
        framework = dict(settings.REST_FRAMEWORK)
        framework["DEFAULT_THROTTLE_RATES"] = {**framework["DEFAULT_THROTTLE_RATES"], **scopes}
        settings.REST_FRAMEWORK = framework

    return set_rates
