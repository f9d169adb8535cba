"""Backups restore, as README's "Backup and restore" does them, into a new and
empty database, and give back the same catalog, accounts and files.

`dumpdata` works on any database. `pg_dump` is PostgreSQL's own: that test is
marked `postgresql`, and on another database it is deselected (tests/conftest.py),
never skipped; on PostgreSQL a missing `pg_dump` fails it.
"""

import io
import os
import shutil
import subprocess
from urllib.parse import urlsplit

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from knox.models import AuthToken

from catalog.groups import sync_photo_editors_group
from catalog.images.store import ingest_image
from catalog.importers.batch import import_article
from catalog.models import Photo
from tests.conftest import SEED, make_editor
from tests.images.test_store import sample
from tests.processes import environment, evaluate, manage
from tests.snapshots import catalog_snapshot

# README's backup command, less `--output`.
DUMPDATA = [
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=admin.logentry",
    "--exclude=sessions",
    "--exclude=axes",
    "--exclude=catalog.historicalagency",
    "--exclude=catalog.historicalcontentwarning",
    "--exclude=catalog.historicalphoto",
    "--exclude=catalog.historicalphotographer",
    "--exclude=catalog.historicalslide",
    "--exclude=catalog.historicalslideshow",
]

# Run against the restored database: its rows, the files they name that are
# missing, and what the full-text search finds there.
RESTORED = """
from django.core.files.storage import default_storage
from catalog.models import Photo, Rendition
from tests.snapshots import catalog_snapshot

files = [p.image.name for p in Photo.objects.exclude(image="")]
files += [r.file.name for r in Rendition.objects.all()]
print(json.dumps({
    "rows": catalog_snapshot(ignore=frozenset(), accounts=True),
    "missing": [name for name in files if not default_storage.exists(name)],
    "found": Photo.objects.search("soldier kuwait").count(),
}))
"""


def run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command[0]} exited {done.returncode}:\n{done.stderr}"


def database_url(name: str) -> str:
    """DATABASE_URL with another database's name."""
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new database of the suite's kind, with nothing in it."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    server = {
        key: connection.settings_dict[setting]
        for key, setting in (("host", "HOST"), ("port", "PORT"), ("user", "USER"))
    }
    with psycopg.connect(
        **server, password=connection.settings_dict["PASSWORD"], dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield database_url(name)
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def catalog(media_root, django_user_model) -> list[tuple[str, str]]:
    """The reference article, a photo's file with its renditions, an editor with
    an API token and a superuser; returns their snapshot."""
    assert import_article(SEED.name, SEED.read_bytes()).ok
    ingest_image(sample("exiftool_IPTC.jpg"), name="wire.jpg", photo=Photo.objects.first())
    sync_photo_editors_group()  # a transactional test starts without the migration's rows
    AuthToken.objects.create(user=make_editor(django_user_model))
    django_user_model.objects.create_superuser("chief", password="another password")
    return catalog_snapshot(ignore=frozenset(), accounts=True)


def back_up_media(media_root, archive) -> None:
    run("tar", "-czf", str(archive), "-C", str(media_root), ".")


def restored(database_url: str, media_archive, folder) -> dict:
    """The restored catalog, read by a process of its own with the media files
    unpacked into a new folder."""
    folder.mkdir()
    run("tar", "-xzf", str(media_archive), "-C", str(folder))
    env = environment(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(folder),
    )
    found = evaluate(RESTORED, env=env)
    found["rows"] = [tuple(row) for row in found["rows"]]
    return found


def same_catalog(found: dict, before: list) -> None:
    assert found["rows"] == before
    assert found["missing"] == []
    assert found["found"] == Photo.objects.search("soldier kuwait").count() > 0


@pytest.mark.django_db
def test_a_dumpdata_backup_restores_into_an_empty_database(
    catalog, media_root, empty_database, tmp_path
):
    dump, media = tmp_path / "backup.json.gz", tmp_path / "media.tar.gz"
    call_command("dumpdata", *DUMPDATA, output=str(dump), stdout=io.StringIO())
    back_up_media(media_root, media)

    env = environment(DJANGO_SETTINGS_MODULE="tests.settings", DATABASE_URL=empty_database)
    manage("migrate", "--noinput", env=env)
    manage("loaddata", str(dump), env=env)

    same_catalog(restored(empty_database, media, tmp_path / "restored-media"), catalog)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_backup_restores_into_a_new_database(
    catalog, media_root, empty_database, tmp_path
):
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install postgresql-client", pytrace=False)
    dump, media = tmp_path / "catalog.dump", tmp_path / "media.tar.gz"
    live = database_url(connection.settings_dict["NAME"])  # the data is committed there
    run("pg_dump", "--format=custom", f"--file={dump}", live)
    back_up_media(media_root, media)

    run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={empty_database}", str(dump))

    same_catalog(restored(empty_database, media, tmp_path / "restored-media"), catalog)
