"""API tokens in the admin: staff see and revoke their own, superusers everyone's;
nobody sees a token whole or makes one there."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from knox.models import AuthToken

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/knox/authtoken/"


@pytest.fixture
def desk(db):
    return User.objects.create_user("desk", password="unused", is_staff=True)


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", password="unused")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def listed(client) -> set[str]:
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    return {token.user.username for token in response.context["cl"].result_list}


def test_staff_see_only_their_own_tokens(editor, desk):
    mine, secret = AuthToken.objects.create(user=editor)
    theirs, _ = AuthToken.objects.create(user=desk)
    client = logged_in(editor)

    assert listed(client) == {"editor"}
    page = client.get(f"{CHANGELIST}{mine.pk}/change/")
    assert page.status_code == 200
    assert secret not in page.content.decode()
    assert client.get(f"{CHANGELIST}{theirs.pk}/change/").status_code == 302  # not found


def test_superusers_see_everyones_tokens(editor, desk, chief):
    AuthToken.objects.create(user=editor)
    AuthToken.objects.create(user=desk)

    assert listed(logged_in(chief)) == {"editor", "desk"}


def test_staff_revoke_their_own_tokens_and_no_one_elses(editor, desk):
    mine, _ = AuthToken.objects.create(user=editor)
    theirs, _ = AuthToken.objects.create(user=desk)
    client = logged_in(editor)

    response = client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [mine.pk, theirs.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(AuthToken.objects.values_list("user__username", flat=True)) == ["desk"]
    assert client.post(f"{CHANGELIST}{theirs.pk}/delete/", {"post": "yes"}).status_code == 302
    assert AuthToken.objects.filter(pk=theirs.pk).exists()


def test_tokens_are_not_made_or_changed_in_the_admin(editor, chief):
    token, _ = AuthToken.objects.create(user=editor)
    client = logged_in(chief)

    assert client.get(f"{CHANGELIST}add/").status_code == 403
    client.post(f"{CHANGELIST}{token.pk}/change/", {"expiry_0": "2099-01-01", "expiry_1": "00:00"})
    token_after = AuthToken.objects.get(pk=token.pk)
    assert token_after.expiry == token.expiry
