import time
from pathlib import Path

import pytest
import redis
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from catalog.groups import PHOTO_EDITORS
from catalog.importers.batch import import_article
from catalog.models import Article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "000_2157919fdd26dcba.txt"


def counting_queries() -> int:
    """The queries a filtered list spends on its count: one, and on PostgreSQL
    the planner's estimate of the rows first (catalog.paginators)."""
    from django.db import connection

    return 2 if connection.vendor == "postgresql" else 1


def eventually(check, seconds: float = 5) -> bool:
    """Whether check() comes true within `seconds` (for work on other threads)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def sent_to_redis(monkeypatch) -> list[str]:
    """The commands sent to Redis from now on (a subscriber's aside)."""
    commands = []
    execute_command = redis.Redis.execute_command

    def counted(client, *args, **options):
        commands.append(args[0])
        return execute_command(client, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    return commands


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def imported_seed(db) -> Article:
    outcome = import_article(SEED.name, SEED.read_bytes())
    assert outcome.ok, outcome.describe_error()
    return Article.objects.get(slug=SEED.stem)


EDITOR_PASSWORD = "correct horse battery staple"


def make_editor(user_model):
    """A photo editor: staff, in the Photo editors group, not a superuser."""
    user = user_model.objects.create_user("editor", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PHOTO_EDITORS))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """A photo editor, in the group the data migration made."""
    return make_editor(django_user_model)


@pytest.fixture
def staff_without(db, django_user_model):
    """Make a staff user holding every catalog permission but those named
    (`add_agency`, ...): an editor short of exactly these."""

    def make(*codenames: str, username: str = "limited"):
        from django.contrib.auth.models import Permission

        held = Permission.objects.filter(content_type__app_label="catalog")
        assert held.filter(codename__in=codenames).count() == len(codenames), codenames
        user = django_user_model.objects.create_user(
            username, password=EDITOR_PASSWORD, is_staff=True
        )
        user.user_permissions.set(held.exclude(codename__in=codenames))
        return user

    return make


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files and renditions go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` run when the suite runs on PostgreSQL (CI runs
    it on both databases); on SQLite they are deselected and counted as such."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if not item.get_closest_marker("postgresql")]
    dropped = [item for item in items if item.get_closest_marker("postgresql")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
