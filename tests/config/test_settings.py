"""Production settings come from the environment alone: each test starts a
fresh process with only the variables a deployment would set."""

import secrets

import pytest

from tests.processes import environment, evaluate, manage

HOST = "catalog.example.org"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict[str, str]:
    """A deployment's variables: a real secret key, its host name, DJANGO_DEBUG unset."""
    folder = tmp_path_factory.mktemp("production")
    return environment(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
    )


def test_check_deploy_finds_nothing_to_warn_about(production):
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=production)

    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
    assert done.stderr == ""


def test_check_deploy_does_warn_about_debug(production):
    """The check is a real one: development settings do not pass it."""
    done = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**production, "DJANGO_DEBUG": "1"},
        check=False,
    )

    assert done.returncode != 0
    assert "security.W018" in done.stderr  # DEBUG on in deployment


@pytest.mark.parametrize(
    ("value", "debug"), [(None, False), ("", False), ("0", False), ("1", True)]
)
def test_debug_is_off_unless_asked_for(production, value, debug):
    env = {**production, "DJANGO_DEBUG": value} if value is not None else production

    assert (
        evaluate("from django.conf import settings; print(json.dumps(settings.DEBUG))", env=env)
        is debug
    )


def test_a_missing_secret_key_is_refused_with_a_clear_error(production):
    env = {name: value for name, value in production.items() if name != "DJANGO_SECRET_KEY"}

    done = manage("check", env=env, check=False)

    assert done.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set." in done.stderr


def test_an_unreadable_debug_value_is_refused(production):
    done = manage("check", env={**production, "DJANGO_DEBUG": "maybe"}, check=False)

    assert done.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in done.stderr


def test_login_and_cors_limits_come_from_the_environment(production):
    env = {
        **production,
        "AXES_FAILURE_LIMIT": "3",
        "AXES_COOLOFF_MINUTES": "30",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "CORS_ALLOWED_ORIGINS": "https://newsroom.example.org, https://app.example.org",
    }
    names = [
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
        "TRUSTED_PROXY_COUNT",
        "CORS_ALLOWED_ORIGINS",
        "CORS_ALLOW_CREDENTIALS",
    ]
    code = (
        "from django.conf import settings\n"
        f"print(json.dumps({{n: str(getattr(settings, n)) for n in {names}}}))"
    )

    assert evaluate(code, env=env) == {
        "AXES_FAILURE_LIMIT": "3",
        "AXES_COOLOFF_TIME": "0:30:00",
        "TRUSTED_PROXY_COUNT": "1",
        "CORS_ALLOWED_ORIGINS": "['https://newsroom.example.org', 'https://app.example.org']",
        "CORS_ALLOW_CREDENTIALS": "False",
    }
    assert evaluate(code, env={**env, "AXES_COOLOFF_MINUTES": "0"})["AXES_COOLOFF_TIME"] == "None"
    defaults = evaluate(code, env=production)
    assert defaults["AXES_FAILURE_LIMIT"] == "5"
    assert defaults["AXES_COOLOFF_TIME"] == "0:15:00"
    assert defaults["CORS_ALLOWED_ORIGINS"] == "[]"


# Run in the production process, deployed as README says (collectstatic, migrate):
# the responses a browser gets over HTTP, over HTTPS, and when logging in.
RESPONSES = f"""
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

call_command("collectstatic", interactive=False, verbosity=0)
call_command("migrate", verbosity=0)
User.objects.create_user("editor", password="{PASSWORD}", is_staff=True)
client = Client(HTTP_HOST="{HOST}")
login = {{"username": "editor", "password": "{PASSWORD}"}}


def flags(cookie):
    return {{key: cookie[key] for key in ("secure", "httponly", "samesite")}}


def seen(response):
    cookies = {{name: flags(cookie) for name, cookie in response.cookies.items()}}
    return {{"status": response.status_code, "headers": dict(response.headers), "cookies": cookies}}


print(json.dumps({{
    "http": seen(client.get("/admin/login/")),
    "login_page": seen(client.get("/admin/login/", secure=True)),
    "login": seen(client.post("/admin/login/?next=/admin/", login, secure=True)),
    "api": seen(client.get("/api/photos/", secure=True)),
}}))
"""


@pytest.fixture(scope="module")
def responses(production):
    return evaluate(RESPONSES, env=production)


def test_plain_http_is_redirected_to_https(responses):
    assert responses["http"]["status"] == 301
    assert responses["http"]["headers"]["Location"] == f"https://{HOST}/admin/login/"


@pytest.mark.parametrize("page", ["login_page", "login", "api"])
def test_every_response_carries_the_security_headers(responses, page):
    headers = responses[page]["headers"]

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_the_csrf_cookie_is_sent_over_https_only(responses):
    assert responses["login_page"]["status"] == 200
    assert responses["login_page"]["cookies"]["csrftoken"] == {
        "secure": True,
        "httponly": "",  # Django's default: scripts may read the token anyway
        "samesite": "Lax",
    }


def test_the_session_cookie_is_https_only_and_hidden_from_scripts(responses):
    assert responses["login"]["status"] == 302  # logged in
    assert responses["login"]["cookies"]["sessionid"] == {
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
    }
