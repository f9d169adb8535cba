"""Questions to the catalog, in plain SQL: which of these keys and names
does it hold already? Imports, credit resolution and the API ask them.

Importing a new article asks a handful of them and nearly always hears
"none". Built through the ORM, each question cost ~0.2 ms of Python, several
times the database's answer, and these questions set the pace of imports.
Here each is one parameterised statement, the same on SQLite and
PostgreSQL; the records that do exist are then loaded and updated through
the ORM. tests/models/test_lookups.py holds each to its ORM equivalent.
"""

from collections.abc import Iterable

from django.db import connection


def keys_present(model, field_name: str, values: Iterable, *, lock: bool = False) -> dict:
    """{value: primary key} of the rows of `model` whose unique `field_name` is
    one of `values`. With `lock`, those rows stay locked until the transaction
    ends, taken in primary key order (SELECT ... FOR UPDATE where the database
    has it; SQLite's write transaction holds the whole database)."""
    found = _rows_by_key(model, field_name, values, (model._meta.pk.column,), lock)
    return {value: pk for value, (pk,) in found.items()}


def keys_with_owner(model, field_name: str, values: Iterable, *, lock: bool = False) -> dict:
    """{value: (primary key, article id)} of the rows of a `Sourced` model whose
    unique `field_name` is one of `values`: where each is, and which article
    imported it (None: none did), in the same one query as keys_present."""
    columns = (model._meta.pk.column, model._meta.get_field("article").column)
    return _rows_by_key(model, field_name, values, columns, lock)


def _rows_by_key(model, field_name: str, values: Iterable, columns: tuple, lock: bool) -> dict:
    field = model._meta.get_field(field_name)
    # Keyed by the value as stored, which is also how the database returns it.
    stored = {field.get_db_prep_value(value, connection): value for value in values}
    if not stored:
        return {}
    quote = connection.ops.quote_name
    column, pk = quote(field.column), quote(model._meta.pk.column)
    selected = ", ".join(quote(name) for name in columns)
    sql = (
        f"SELECT {column}, {selected} FROM {quote(model._meta.db_table)} "
        f"WHERE {column} IN ({', '.join(['%s'] * len(stored))}) ORDER BY {pk}"
    )
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, list(stored))
        return {stored[key]: tuple(rest) for key, *rest in cursor.fetchall()}


def named_rows(model, names: Iterable[str], columns: tuple[str, ...]) -> list[tuple]:
    """The `columns` (attnames) of the rows of `model` whose `name` is one of
    `names`, ignoring case as the database does, and so as its case-insensitive
    unique constraints do: SQLite folds only ASCII letters (`Émile` and
    `ÉMILE` differ there), so folding in Python first would miss rows it holds."""
    names = list(names)
    if not names:
        return []
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(column) for column in columns]
    selected = ", ".join(quote(field.column) for field in fields)
    name = quote(model._meta.get_field("name").column)
    sql = (
        f"SELECT {selected} FROM {quote(model._meta.db_table)} "
        f"WHERE LOWER({name}) IN ({', '.join(['LOWER(%s)'] * len(names))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        return cursor.fetchall()
