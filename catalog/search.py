"""Full-text search over photo titles and captions, served by an index on
both databases.

PostgreSQL: a GIN index on the `simple` text-search vector of title and
caption. SQLite: an FTS5 table kept in step with the photo table by
triggers. Both read a query the same way: every word (a run of letters and
digits) must begin a word of the title or caption, ignoring case, so
`soldier kuwait` finds "Soldiers ... into Kuwait".
"""

import re

from django.db.models.expressions import RawSQL

WORD = re.compile(r"\w+")

FTS_TABLE = "catalog_photo_fts"
PG_INDEX = "catalog_photo_search"
PG_VECTOR = "to_tsvector('simple', title || ' ' || caption)"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        title, caption, content='catalog_photo', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )""",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON catalog_photo BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, caption) VALUES (new.id, new.title, new.caption);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON catalog_photo BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, caption)
        VALUES ('delete', old.id, old.title, old.caption);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF title, caption ON catalog_photo BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, caption)
        VALUES ('delete', old.id, old.title, old.caption);
        INSERT INTO {FTS_TABLE}(rowid, title, caption) VALUES (new.id, new.title, new.caption);
    END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{event}" for event in ("insert", "delete", "update")
] + [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
PG_CREATE = [f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON catalog_photo USING gin ({PG_VECTOR})"]
PG_DROP = [f"DROP INDEX IF EXISTS {PG_INDEX}"]


def query_words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


def matching_photo_ids(text: str, vendor: str) -> RawSQL | None:
    """A subquery of the ids of photos matching `text`; None if it has no words."""
    words = query_words(text)
    if not words:
        return None
    if vendor == "postgresql":
        query = " & ".join(f"{word}:*" for word in words)
        return RawSQL(
            f"SELECT id FROM catalog_photo WHERE {PG_VECTOR} @@ to_tsquery('simple', %s)",
            [query],
        )
    if vendor == "sqlite":
        query = " ".join(f'"{word}"*' for word in words)
        return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query])
    raise NotImplementedError(f"no full-text search for {vendor}")


def create_index(apps, schema_editor):
    _run(schema_editor, SQLITE_CREATE, PG_CREATE)


def drop_index(apps, schema_editor):
    _run(schema_editor, SQLITE_DROP, PG_DROP)


def _run(schema_editor, sqlite: list[str], postgresql: list[str]):
    statements = {"sqlite": sqlite, "postgresql": postgresql}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)
