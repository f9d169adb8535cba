"""Login lockouts: the admin's login form and the API's token endpoint refuse
a username from an address after AXES_FAILURE_LIMIT (5) failures, for the
cool-off (15 minutes), even with the right password."""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone
from rest_framework.request import Request

from catalog.api.throttles import AnonRateThrottle, CostlyAnonRateThrottle, TokenAddressThrottle
from catalog.logins import client_ip
from tests.conftest import EDITOR_PASSWORD

pytestmark = pytest.mark.django_db

LIMIT = 5
RIGHT = {"username": "editor", "password": EDITOR_PASSWORD}
WRONG = {"username": "editor", "password": "not the password"}


def admin_login(client: Client, credentials: dict, **extra):
    return client.post("/admin/login/?next=/admin/", credentials, **extra)


def token_login(client: Client, credentials: dict, **extra):
    return client.post("/api/token/", credentials, **extra)


def fail(login, times: int, **extra):
    return [login(Client(), WRONG, **extra).status_code for _ in range(times)]


def logs_in(client: Client, **extra) -> bool:
    response = admin_login(client, RIGHT, **extra)
    return response.status_code == 302 and client.get("/admin/").status_code == 200


def test_the_admin_login_refuses_even_the_right_password_after_the_limit(editor):
    assert fail(admin_login, LIMIT) == [200] * (LIMIT - 1) + [429]

    refused = admin_login(Client(), RIGHT, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert refused.status_code == 429
    assert refused.content.decode() == (
        "Too many failed logins for this username from this address; try again in 15 minutes."
    )
    assert refused["Retry-After"] == "900"
    assert "Access-Control-Allow-Origin" not in refused
    assert not logs_in(Client())


def test_fewer_failures_than_the_limit_lock_nobody_out(editor):
    assert fail(admin_login, LIMIT - 1) == [200] * (LIMIT - 1)

    assert logs_in(Client())


def test_the_right_password_logs_in_once_the_cool_off_has_passed(editor):
    fail(admin_login, LIMIT)
    assert admin_login(Client(), RIGHT).status_code == 429

    # As if 16 minutes had gone by since the last failure.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert logs_in(Client())


def test_a_reset_unlocks_the_username_at_once(editor):
    fail(admin_login, LIMIT)
    assert admin_login(Client(), RIGHT).status_code == 429

    call_command("axes_reset_username", "editor", stdout=io.StringIO())

    assert logs_in(Client())


def test_a_login_clears_the_failures_before_it(editor):
    fail(admin_login, LIMIT - 1)
    assert logs_in(Client())

    assert fail(admin_login, LIMIT - 1) == [200] * (LIMIT - 1)
    assert logs_in(Client())


def test_the_lockout_holds_one_username_at_one_address(editor, django_user_model):
    django_user_model.objects.create_user("desk", password=EDITOR_PASSWORD, is_staff=True)
    fail(admin_login, LIMIT)

    assert logs_in(Client(), REMOTE_ADDR="192.0.2.7")  # the editor, elsewhere
    desk = Client()
    assert admin_login(desk, {**RIGHT, "username": "desk"}).status_code == 302
    assert admin_login(Client(), RIGHT).status_code == 429


def test_the_token_endpoint_locks_out_too(editor):
    assert fail(token_login, LIMIT) == [400] * (LIMIT - 1) + [429]

    refused = token_login(Client(), RIGHT)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"
    assert refused.json()["detail"].startswith(
        "Too many failed logins for this username from this address; try again in 15 minutes."
    )
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert token_login(Client(), RIGHT).status_code == 200


def test_failures_at_the_admin_and_the_token_endpoint_add_up(editor):
    fail(admin_login, 3)
    fail(token_login, 2)

    assert admin_login(Client(), RIGHT).status_code == 429
    assert token_login(Client(), RIGHT).status_code == 429


def test_the_limit_and_the_cool_off_are_settings(editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)

    assert fail(admin_login, 2) == [200, 429]
    refused = admin_login(Client(), RIGHT)
    assert refused["Retry-After"] == "60"
    assert refused.content.decode().endswith("; try again in 1 minute.")


def test_without_a_cool_off_only_a_reset_unlocks(editor, settings):
    settings.AXES_COOLOFF_TIME = None
    fail(admin_login, LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=30))

    refused = admin_login(Client(), RIGHT)

    assert refused.status_code == 429
    assert "Retry-After" not in refused
    assert refused.content.decode().endswith("; ask an administrator.")
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert logs_in(Client())


# -- behind reverse proxies -------------------------------------------------------------

PROXY = "10.0.0.1"


def request(remote_addr: str = PROXY, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


CLIENTS_BEHIND_PROXIES = pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (0, None, PROXY),
        (0, "198.51.100.9", PROXY),  # no proxy: the header is anyone's to write
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "203.0.113.66, 198.51.100.9", "198.51.100.9"),  # the left entry is forged
        (2, "203.0.113.66, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        (2, "198.51.100.9", PROXY),  # fewer entries than proxies: not through them
        (1, "unknown", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)


@CLIENTS_BEHIND_PROXIES
def test_the_client_address_behind_proxies(settings, proxies, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_ip(request(forwarded=forwarded)) == client


@CLIENTS_BEHIND_PROXIES
@pytest.mark.parametrize(
    "throttle", [AnonRateThrottle, CostlyAnonRateThrottle, TokenAddressThrottle]
)
def test_the_api_throttles_know_a_client_by_the_same_address(
    settings, proxies, forwarded, client, throttle
):
    """Before, DRF's own rule (NUM_PROXIES unset) took X-Forwarded-For whole."""
    settings.TRUSTED_PROXY_COUNT = proxies

    assert throttle().get_ident(Request(request(forwarded=forwarded))) == client


def test_behind_a_proxy_each_client_is_locked_out_on_its_own(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 198.51.100.9"}

    fail(admin_login, LIMIT, **attacker)

    assert admin_login(Client(), RIGHT, **forged).status_code == 429
    assert logs_in(Client(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1")
