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
from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import OuterRef, Subquery
from django.db.models.constants import LOOKUP_SEP


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


class KeyedQuery:
    """A `.values()` query over lists of keys (a page's ids), written by the ORM
    once per shape and then run as plain SQL.

    `build(*key_lists)` returns the QuerySet. Building and compiling it costs
    the ORM ~0.5-1 ms of Python, many times what the database takes to answer
    a lookup by key, so the SQL is compiled once for each number of keys
    (rounded up to a power of two; the list is padded by repeating its last
    key) with stand-in keys, and later calls put the real keys in their
    places. The rows come back as `.values()` gives them: the same names, and
    the same Python values through the fields' own converters.

    A query that also depends on a time (rights at a given moment) is built
    as `build(*key_lists, at=...)` and called with `at=`; `times(at)` names
    every datetime its SQL compares with (`at` and any derived from it), and
    those are put in their places the same way.
    """

    def __init__(self, build, times=None):
        self.build = build
        self.times = times
        self._compiled: dict[tuple, tuple | None] = {}

    def __call__(self, *key_lists, at=None) -> list[dict]:
        database = connections[DEFAULT_DB_ALIAS]
        key_lists = [list(dict.fromkeys(keys)) for keys in key_lists]
        sizes = tuple(_padded_size(len(keys)) for keys in key_lists)
        shape = (database.alias, sizes)
        if shape not in self._compiled:
            self._compiled[shape] = self._compile(database, sizes)
        if self._compiled[shape] is None:  # a query that matches nothing
            return []
        sql, slots, names, compiler, converters = self._compiled[shape]
        padded = [
            keys + keys[-1:] * (size - len(keys))
            for keys, size in zip(key_lists, sizes, strict=True)
        ]
        times = self._adapted_times(database, at) if self.times else ()
        params = [
            padded[n][i] if kind == "key" else times[i] if kind == "time" else value
            for kind, n, i, value in slots
        ]
        with _preparable_cursor(database) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _adapted_times(self, database, at) -> list:
        if at is None:
            raise TypeError("This query depends on a time: call it with at=.")
        return [database.ops.adapt_datetimefield_value(time) for time in self.times(at)]

    def _compile(self, database, sizes: tuple[int, ...]):
        # Stand-in keys no table holds, told apart by list and place.
        stand_ins = [[-1 - i - 1_000_000 * n for i in range(size)] for n, size in enumerate(sizes)]
        where = {
            key: ("key", n, i) for n, keys in enumerate(stand_ins) for i, key in enumerate(keys)
        }
        extra = {}
        if self.times:
            extra["at"] = _STAND_IN_AT
            times = self._adapted_times(database, _STAND_IN_AT)
            where.update({time: ("time", None, j) for j, time in enumerate(times)})
        query = self.build(*stand_ins, **extra).query
        compiler = query.get_compiler(connection=database)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        slots = [(*where.get(_hashable(value), ("value", None, None)), value) for value in params]
        if len([kind for kind, *_ in slots if kind == "key"]) != sum(sizes):
            raise ValueError("Each key must reach the SQL as one parameter of its own.")
        names = list(query.selected or [])
        if not names:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        return sql, slots, names, compiler, converters


# A time no query is asked at, found again among a compiled query's parameters.
_STAND_IN_AT = datetime(1901, 1, 17, 3, 4, 5, 678901, tzinfo=UTC)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return None
    return value


def values_looked_up(queryset, *columns: str):
    """`queryset.values(*columns)`, with each column of a related record
    (`photographer__name`) read by a scalar subquery on its key instead of a
    join.

    For a page of rows read by key, the subqueries look up each related
    record by its primary key. Joined instead, PostgreSQL's plan for a
    prepared statement (KeyedQuery) hashes the whole related table, all
    5,000 photographers to name 20 of them: a page of photos with their
    rights ran in 2.6 ms joined, 1.35 ms looked up (EXPLAIN ANALYZE, 1M)."""
    model = queryset.model
    looked_up = {}
    for column in columns:
        name, _, rest = column.partition(LOOKUP_SEP)
        if not rest or LOOKUP_SEP in rest:
            continue
        field = model._meta.get_field(name)
        if field.many_to_one and not field.remote_field.model._meta.get_field(rest).is_relation:
            manager = field.remote_field.model._base_manager
            related = manager.filter(pk=OuterRef(field.attname)).order_by().values(rest)
            looked_up[column] = Subquery(related)
    return queryset.annotate(**looked_up).values(*columns)


def _preparable_cursor(database):
    """A cursor for statements run again and again with other keys.

    On PostgreSQL it binds their values on the server, so that psycopg
    prepares a statement once it has run `prepare_threshold` times on the
    connection (settings.DATABASES) and PostgreSQL stops planning it anew:
    planning a page of photos with their rights took 2.8 ms, running it
    0.6 ms. Django's own cursors bind on the client and are never prepared.
    It is wrapped as Django wraps its own, so that errors are translated and
    queries logged the same way."""
    if database.vendor != "postgresql":
        return database.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    database.close_if_health_check_failed()
    database.ensure_connection()
    database.validate_thread_sharing()
    cursor = ServerBindingCursor(database.connection)
    if database.queries_logged:
        return _LoggedCursor(cursor, database)
    return database.make_cursor(cursor)


class _LoggedCursor(CursorDebugWrapper):
    """Logs the SQL with its values in place, as for Django's own cursors:
    psycopg keeps no text of a statement it runs prepared."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


def _padded_size(count: int) -> int:
    return 1 << (count - 1).bit_length() if count else 0
