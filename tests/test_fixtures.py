"""Natural keys: dumpdata and loaddata round-trip the catalog into an empty one.

These compare the catalog alone, within the test database. README's full
backup (users, groups and API tokens too, and the media files), restored into
a new and empty database, is tests/test_backups.py.
"""

import io

import pytest
from django.core.management import call_command

from catalog import models
from tests.conftest import ROOT
from tests.snapshots import catalog_snapshot

pytestmark = pytest.mark.django_db

DATA_FIXTURE = ROOT / "fixtures" / "catalog.json"


def empty_the_catalog():
    for model in (
        models.TranscriptTurn,
        models.Video,
        models.Speaker,
        models.ContentWarning,
        models.Slide,
        models.Slideshow,
        models.Article,
        models.Photo,
        models.Photographer,
        models.Agency,
    ):
        model.objects.all().delete()
    assert catalog_snapshot() == []


def test_dump_and_load_into_an_empty_catalog_round_trips(imported_seed, tmp_path):
    before = catalog_snapshot(ignore=frozenset())
    dump = tmp_path / "catalog.json"
    call_command(
        "dumpdata", "catalog", natural_foreign=True, natural_primary=True, output=str(dump)
    )
    empty_the_catalog()

    call_command("loaddata", str(dump), stdout=io.StringIO())

    assert catalog_snapshot(ignore=frozenset()) == before


def test_the_data_fixture_holds_the_reference_article(imported_seed):
    imported = catalog_snapshot()
    empty_the_catalog()

    call_command("loaddata", str(DATA_FIXTURE), stdout=io.StringIO())

    assert catalog_snapshot() == imported


def test_loading_the_data_fixture_again_adds_no_uses(db):
    for _ in range(2):
        call_command("loaddata", str(DATA_FIXTURE), stdout=io.StringIO())
    assert models.Usage.objects.count() == models.Photo.objects.count() == 20
