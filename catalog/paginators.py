"""Paging without counting a great many rows on every request.

Up to COUNT_ESTIMATE_ABOVE rows, lists are counted exactly. Beyond, the
count is the database's estimate, which costs the same at a million rows as
at a thousand:

- an unfiltered table: PostgreSQL's planner statistics (`pg_class.reltuples`,
  kept by autovacuum), SQLite's largest rowid (exact while rows are not
  deleted);
- a filtered list on PostgreSQL: the planner's estimate of the rows the
  query returns (SQLite has none, and counts filtered lists exactly: its
  filters use indexes, and a search alone is counted in the FTS index).
"""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


def estimated_rows(model, using: str) -> int | None:
    """The database's idea of a whole table's size."""
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


def planned_rows(queryset: QuerySet) -> int | None:
    """PostgreSQL's planner estimate of the rows a query returns."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatingPaginator(Paginator):
    """Counts exactly up to COUNT_ESTIMATE_ABOVE rows and estimates beyond
    (`estimated` is then True)."""

    estimated = False

    @cached_property
    def count(self):
        rows = self.object_list
        if isinstance(rows, QuerySet) and not rows.query.combinator and not rows.query.distinct:
            if rows.query.where:
                estimate = planned_rows(rows)
            else:
                estimate = estimated_rows(rows.model, rows.db)
            if estimate is not None and estimate > settings.COUNT_ESTIMATE_ABOVE:
                self.estimated = True
                return estimate
        return super().count
