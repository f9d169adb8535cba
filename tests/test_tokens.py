"""API tokens: stored as digests only, expiring, revocable, and ended by a
password change however the password is changed."""

import hashlib
import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.conftest import EDITOR_PASSWORD

pytestmark = pytest.mark.django_db

CREDENTIALS = {"username": "editor", "password": EDITOR_PASSWORD}


def obtain(credentials=CREDENTIALS) -> str:
    response = APIClient().post("/api/token/", credentials, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def status_with(token: str, path: str = "/api/photos/") -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get(path).status_code


def post_with(token: str, path: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.post(path).status_code


def admin_login() -> int:
    return Client().post("/admin/login/?next=/admin/", CREDENTIALS).status_code


# -- obtaining and storing ---------------------------------------------------------------


def test_a_token_is_given_once_and_only_its_digest_is_stored(editor):
    response = APIClient().post("/api/token/", CREDENTIALS, format="json")

    assert response.status_code == 200
    token = response.json()["token"]
    stored = AuthToken.objects.get(user=editor)
    assert stored.digest == hashlib.sha512(token.encode()).hexdigest()
    assert token not in {stored.digest, stored.token_key}
    assert len(stored.token_key) < len(token) == 64
    assert status_with(token) == 200


def test_each_login_gives_a_new_token_and_the_old_ones_keep_working(editor):
    first, second = obtain(), obtain()

    assert first != second
    assert AuthToken.objects.filter(user=editor).count() == 2
    assert status_with(first) == status_with(second) == 200


def test_a_wrong_password_gives_no_token(editor):
    response = APIClient().post("/api/token/", {**CREDENTIALS, "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert not AuthToken.objects.exists()


def test_an_unknown_or_malformed_token_is_refused():
    assert status_with("0" * 64) == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token caf\xe9")  # not UTF-8 on the wire
    assert client.get("/api/photos/").status_code == 401


# -- expiry ------------------------------------------------------------------------------


def test_a_token_expires_after_the_ttl_of_30_days(editor):
    before = timezone.now()
    response = APIClient().post("/api/token/", CREDENTIALS, format="json")

    expiry = AuthToken.objects.get(user=editor).expiry
    assert before + timedelta(days=30) <= expiry <= timezone.now() + timedelta(days=30)
    assert response.json()["expiry"] == expiry.isoformat().replace("+00:00", "Z")


def test_the_ttl_is_a_setting(editor, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(hours=2)}
    before = timezone.now()

    obtain()

    expiry = AuthToken.objects.get(user=editor).expiry
    assert before + timedelta(hours=2) <= expiry <= timezone.now() + timedelta(hours=2)


def test_an_expired_token_is_refused_and_deleted(editor):
    token = obtain()
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))

    assert status_with(token) == 401
    assert not AuthToken.objects.exists()


# -- revoking ----------------------------------------------------------------------------


def test_revoke_ends_the_token_in_use_only(editor):
    kept, revoked = obtain(), obtain()

    assert post_with(revoked, "/api/token/revoke/") == 204

    assert status_with(revoked) == 401
    assert status_with(kept) == 200


def test_revoke_all_ends_every_token_of_the_user_only(editor, django_user_model):
    django_user_model.objects.create_user("desk", password=EDITOR_PASSWORD)
    first, second = obtain(), obtain()
    other = obtain({**CREDENTIALS, "username": "desk"})

    assert post_with(first, "/api/token/revoke-all/") == 204

    assert status_with(first) == status_with(second) == 401
    assert status_with(other) == 200


def test_an_editor_logged_in_to_the_admin_may_revoke_all_their_tokens(editor):
    token = obtain()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post("/api/token/revoke-all/").status_code == 403  # no CSRF token

    browser.get("/admin/")
    csrf = browser.cookies["csrftoken"].value
    assert browser.post("/api/token/revoke-all/", HTTP_X_CSRFTOKEN=csrf).status_code == 204
    assert status_with(token) == 401


def test_revoking_needs_a_token():
    assert APIClient().post("/api/token/revoke/").status_code == 401
    assert APIClient().post("/api/token/revoke-all/").status_code == 401
    assert post_with("0" * 64, "/api/token/revoke/") == 401


# -- password changes --------------------------------------------------------------------


def test_set_password_and_save_ends_every_token_of_the_user(editor, django_user_model):
    django_user_model.objects.create_user("desk", password=EDITOR_PASSWORD)
    first, second = obtain(), obtain()
    other = obtain({**CREDENTIALS, "username": "desk"})

    editor.set_password("a new and different passphrase")
    editor.save()

    assert status_with(first) == status_with(second) == 401
    assert status_with(other) == 200
    assert obtain({**CREDENTIALS, "password": "a new and different passphrase"})


def test_a_password_saved_alone_or_made_unusable_ends_the_tokens(editor):
    token = obtain()
    editor.set_password("a new and different passphrase")
    editor.save(update_fields=["password"])
    assert status_with(token) == 401

    token = obtain({**CREDENTIALS, "password": "a new and different passphrase"})
    editor.set_unusable_password()
    editor.save()
    assert status_with(token) == 401


def test_a_hash_written_directly_ends_the_tokens(editor):
    token = obtain()

    editor.password = make_password("a new and different passphrase")
    editor.save()

    assert status_with(token) == 401


def test_the_admin_password_form_ends_the_users_tokens(editor, django_user_model):
    token = obtain()
    chief = django_user_model.objects.create_superuser("chief", password="another password")
    admin = Client()
    admin.force_login(chief)

    response = admin.post(
        f"/admin/auth/user/{editor.pk}/password/",
        {
            "password1": "a new and different passphrase",
            "password2": "a new and different passphrase",
        },
    )

    assert response.status_code == 302, response.content
    assert status_with(token) == 401


def test_changing_ones_own_password_in_the_admin_ends_ones_tokens(editor):
    token = obtain()
    browser = Client()
    browser.force_login(editor)

    response = browser.post(
        "/admin/password_change/",
        {
            "old_password": EDITOR_PASSWORD,
            "new_password1": "a new and different passphrase",
            "new_password2": "a new and different passphrase",
        },
    )

    assert response.status_code == 302, response.content
    assert status_with(token) == 401


def test_other_changes_to_the_user_keep_the_tokens(editor):
    token = obtain()

    editor.first_name = "Ed"
    editor.save()
    editor.refresh_from_db()
    editor.save(update_fields=["last_login"])
    assert admin_login() == 302  # a login saves last_login

    assert status_with(token) == 200


def test_a_rehash_of_the_same_password_on_login_keeps_the_tokens(editor, settings):
    token = obtain()
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # preferred to MD5: an upgrade
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    old_hash = editor.password

    assert admin_login() == 302

    editor.refresh_from_db()
    assert editor.password != old_hash
    assert editor.password.startswith("pbkdf2_sha256$")
    assert status_with(token) == 200


# -- tokens from before: DRF's plain table ----------------------------------------------


def move_plain_tokens():
    """The migration's step, run on the test's connection (a schema editor
    cannot open inside the test's transaction on SQLite; the step needs only
    its connection)."""
    migration = importlib.import_module("catalog.migrations.0010_api_tokens_hashed")
    migration.move_plain_tokens(apps, SimpleNamespace(connection=connection))


def test_the_migration_moves_plain_tokens_to_digests(editor):
    plain = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"  # DRF's 40 hex characters
    with connection.cursor() as cursor:
        cursor.execute(
            'CREATE TABLE authtoken_token ("key" varchar(40) PRIMARY KEY, '
            "created timestamp with time zone, user_id integer)"
        )
        cursor.execute(
            'INSERT INTO authtoken_token ("key", created, user_id) VALUES (%s, %s, %s)',
            [plain, timezone.now(), editor.pk],
        )

        move_plain_tokens()

        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
    stored = AuthToken.objects.get(user=editor)
    assert stored.digest == hashlib.sha512(plain.encode()).hexdigest()
    assert stored.expiry > timezone.now() + timedelta(days=29)
    assert status_with(plain) == 200


def test_the_migration_does_nothing_without_the_old_table(editor):
    move_plain_tokens()

    assert not AuthToken.objects.exists()
