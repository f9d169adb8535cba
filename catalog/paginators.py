"""Paging without counting a whole large table on every request.

A filtered list is counted exactly (its filters use indexes). An unfiltered
list of a big table takes the database's own estimate instead: PostgreSQL's
planner statistics (`pg_class.reltuples`, kept by autovacuum), SQLite's
largest rowid (exact as long as rows are not deleted). Both cost the same at
a million rows as at a thousand.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


def estimated_rows(model, using: str) -> int | None:
    table = connections[using].ops.quote_name(model._meta.db_table)
    vendor = connections[using].vendor
    queries = {
        "postgresql": ("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table]),
        "sqlite": (f"SELECT MAX(rowid) FROM {table}", []),
    }
    if vendor not in queries:
        return None
    try:
        with connections[using].cursor() as cursor:
            cursor.execute(*queries[vendor])
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return row[0] if row and row[0] is not None and row[0] >= 0 else None


class EstimatingPaginator(Paginator):
    """Counts exactly, except an unfiltered table of more than
    COUNT_ESTIMATE_ABOVE rows, whose count is the database's estimate
    (`estimated` is then True)."""

    estimated = False

    @cached_property
    def count(self):
        rows = self.object_list
        if isinstance(rows, QuerySet) and _unfiltered(rows):
            estimate = estimated_rows(rows.model, rows.db)
            if estimate is not None and estimate > settings.COUNT_ESTIMATE_ABOVE:
                self.estimated = True
                return estimate
        return super().count


def _unfiltered(queryset: QuerySet) -> bool:
    query = queryset.query
    return not query.where and not query.combinator and not query.distinct and not query.low_mark
