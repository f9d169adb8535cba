"""The create_editor command: a photo editor's account from the environment."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from catalog.groups import PHOTO_EDITORS

pytestmark = pytest.mark.django_db

PASSWORD = "plum orchard lantern 42"


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def test_creates_a_staff_editor_in_the_group_from_the_environment(monkeypatch):
    monkeypatch.setenv("EDITOR_USERNAME", "jane")
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("EDITOR_EMAIL", "jane@example.org")

    out = run()

    user = get_user_model().objects.get(username="jane")
    assert "Created photo editor 'jane'" in out
    assert user.is_staff
    assert not user.is_superuser
    assert user.email == "jane@example.org"
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [PHOTO_EDITORS]
    assert user.has_perm("catalog.change_photo")
    assert not user.has_perm("auth.add_user")


def test_refuses_without_a_password(monkeypatch):
    monkeypatch.setenv("EDITOR_USERNAME", "jane")
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="Set EDITOR_PASSWORD"):
        run()
    assert not get_user_model().objects.exists()


def test_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "12345678")

    with pytest.raises(CommandError, match=r"The password is refused: .*too common"):
        run("--username", "jane")
    assert not get_user_model().objects.exists()


def test_an_existing_account_is_left_alone(monkeypatch, django_user_model):
    django_user_model.objects.create_user("jane", password="old secret phrase 9")
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)

    with pytest.raises(CommandError, match="exists already; nothing was changed"):
        run("--username", "jane")
    user = django_user_model.objects.get(username="jane")
    assert user.check_password("old secret phrase 9")
    assert not user.is_staff
