"""Full-text search over photo titles and captions, served by an index on
both databases.

Both read a query the same way: every word (a run of letters and digits)
of three letters or more must begin a word of the title or caption, and a
shorter one must be a whole word there, ignoring case, so `soldier kuwait`
finds "Soldiers ... into Kuwait" and `al` finds "al-Maliki" but not "Alan".

What a query may cost is bounded: a word given twice (in any case) counts
once, only the first MAX_WORDS distinct words are used, and a prefix term
is only made of a word of PREFIX_MIN_LENGTH letters or more (a one-letter
prefix matches nearly every row). The API refuses text longer than
MAX_QUERY_LENGTH; the admin's search reads that much of it.

- PostgreSQL: a stored, generated `search_vector` column (the `simple`
  text-search vector of title and caption) with a GIN index. The column is
  not a model field; a change to the type of `title` or `caption` must drop
  and re-create it.
- SQLite: an FTS5 table kept in step with the photo table by triggers. A
  search alone is counted in the FTS index itself, without visiting the
  photo table. A migration that alters catalog_photo must wrap its
  operations in `drop_sqlite_index` / `create_sqlite_index` (see 0006).
"""

import re

from django.db.models import BooleanField, Expression
from django.db.models.lookups import Exact

WORD = re.compile(r"\w+")
MAX_WORDS = 8
# About what one request line carries through gunicorn (limit_request_line 4094).
MAX_QUERY_LENGTH = 4000
PREFIX_MIN_LENGTH = 3

FTS_TABLE = "catalog_photo_fts"
PG_INDEX = "catalog_photo_search"

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
PG_CREATE = [
    "ALTER TABLE catalog_photo ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || caption)) STORED",
    f"CREATE INDEX {PG_INDEX} ON catalog_photo USING gin (search_vector)",
]
PG_DROP = [
    f"DROP INDEX IF EXISTS {PG_INDEX}",
    "ALTER TABLE catalog_photo DROP COLUMN IF EXISTS search_vector",
]


def query_words(text: str) -> list[str]:
    """The distinct words of `text`, lower-cased, the first MAX_WORDS of them."""
    return first_distinct(word.lower() for word in WORD.findall(clipped(text)))


def clipped(text: str) -> str:
    """The first MAX_QUERY_LENGTH characters of `text`, less a word cut in two."""
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    head = text[:MAX_QUERY_LENGTH]
    return head if text[MAX_QUERY_LENGTH].isspace() else re.sub(r"\S+$", "", head)


def first_distinct(words, limit: int = MAX_WORDS) -> list[str]:
    """The first `limit` of `words`, each once, ignoring case (the first spelling kept)."""
    kept: dict[str, str] = {}
    for word in words:
        if len(kept) == limit:
            break
        kept.setdefault(word.lower(), word)
    return list(kept.values())


def is_prefix(word: str) -> bool:
    return len(word) >= PREFIX_MIN_LENGTH


class FullTextMatch(Expression):
    """A condition on photos: their title and caption match `words` (see above).

    Written against whatever alias the photo table has in the query being
    compiled, so it also works inside subqueries.
    """

    conditional = True

    def __init__(self, words: list[str]):
        super().__init__(output_field=BooleanField())
        self.words = words

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        if connection.vendor == "postgresql":
            query = " & ".join(f"{word}:*" if is_prefix(word) else word for word in self.words)
            return f"{table}.search_vector @@ to_tsquery('simple', %s)", [query]
        if connection.vendor == "sqlite":
            # The unary + keeps SQLite walking the photos in the order asked
            # for and probing the matches, rather than sorting every match.
            return (
                f"+{table}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
                [fts_query(self.words)],
            )
        raise NotImplementedError(f"no full-text search on {connection.vendor}")


def fts_query(words: list[str]) -> str:
    return " ".join(f'"{word}"*' if is_prefix(word) else f'"{word}"' for word in words)


def search_only(query) -> FullTextMatch | None:
    """The match, when it is the query's only condition."""
    where = query.where
    if len(where.children) != 1 or where.negated or query.distinct or query.combinator:
        return None
    condition = where.children[0]
    if isinstance(condition, Exact) and isinstance(condition.lhs, FullTextMatch):
        return condition.lhs
    return condition if isinstance(condition, FullTextMatch) else None


def count_in_index(match: FullTextMatch, connection) -> int | None:
    """Photos matching, counted in the SQLite FTS index alone (None elsewhere):
    every row of the index is a photo, kept so by the triggers."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [fts_query(match.words)],
        )
        return cursor.fetchone()[0]


def create_index(apps, schema_editor):
    _run(schema_editor, SQLITE_CREATE, PG_CREATE)


def drop_index(apps, schema_editor):
    _run(schema_editor, SQLITE_DROP, PG_DROP)


# SQLite changes most columns by copying the table into a new one, which
# drops the triggers that keep the FTS index in step: a migration that alters
# catalog_photo drops the SQLite index first and makes it again after.
def drop_sqlite_index(apps, schema_editor):
    _run(schema_editor, SQLITE_DROP, [])


def create_sqlite_index(apps, schema_editor):
    _run(schema_editor, SQLITE_CREATE, [])


def _run(schema_editor, sqlite: list[str], postgresql: list[str]):
    statements = {"sqlite": sqlite, "postgresql": postgresql}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)
