"""A time limit on each SQL query of an anonymous read (API_ANON_QUERY_TIMEOUT_MS).

A query that runs longer is stopped by the database and the request answers
503 with Retry-After, rather than holding a worker and the database for as
long as an anonymous client cares to ask. Staff and other signed-in users
have no limit.

- PostgreSQL: the read runs in a read-only transaction with
  `statement_timeout` set for it alone (`set_config(..., true)`, SET LOCAL),
  so the setting never outlives the request, a cancelled statement leaves
  the connection usable (the transaction is rolled back), and the read can
  write nothing. A read that went well commits, which keeps the statements
  prepared on the connection (catalog/models/lookups.py): psycopg forgets
  them all on a rollback.
- SQLite: a progress handler on the connection aborts a statement that has
  run past its deadline; each statement's clock starts when it is sent. No
  transaction: on SQLite a transaction here would take the write lock.
"""

import contextlib
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS

RETRY_AFTER = 30  # seconds
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement_timeout
PROGRESS_STEPS = 1000  # SQLite virtual machine instructions between two looks at the clock


class QueryTimeout(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "query_timeout"

    def __init__(self, limit_ms: int):
        super().__init__(
            f"This request took longer than the {limit_ms} ms an anonymous request may "
            "spend on one database query; narrow it with filters or fewer facets, "
            "or sign in."
        )
        self.wait = RETRY_AFTER  # DRF's exception handler sends it as Retry-After


def limit_for(request) -> int:
    """The limit in milliseconds for this request; 0 for none."""
    if request.method not in SAFE_METHODS or request.user.is_authenticated:
        return 0
    return max(settings.API_ANON_QUERY_TIMEOUT_MS, 0)


@contextlib.contextmanager
def query_time_limit(limit_ms: int):
    """Run the block with each query limited to `limit_ms`; a query stopped for
    it raises QueryTimeout (and any other database error is left as it is)."""
    if not limit_ms or connection.vendor not in {"postgresql", "sqlite"}:
        yield
        return
    limit = _SQLiteLimit(limit_ms) if connection.vendor == "sqlite" else None
    try:
        with limit.applied() if limit else _postgresql_limit(limit_ms):
            yield
    except DatabaseError as error:
        if (limit and limit.stopped) or _sqlstate(error) == QUERY_CANCELED:
            raise QueryTimeout(limit_ms) from error
        raise


@contextlib.contextmanager
def _postgresql_limit(limit_ms: int):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true), "
                "set_config('transaction_read_only', 'on', true)",
                [str(limit_ms)],
            )
        yield


def _sqlstate(error: DatabaseError) -> str | None:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


class _SQLiteLimit:
    def __init__(self, limit_ms: int):
        self.seconds = limit_ms / 1000
        self.deadline = time.monotonic() + self.seconds
        self.stopped = False

    @contextlib.contextmanager
    def applied(self):
        connection.ensure_connection()
        raw = connection.connection
        raw.set_progress_handler(self._past_deadline, PROGRESS_STEPS)
        try:
            with connection.execute_wrapper(self._start_clock):
                yield
        finally:
            raw.set_progress_handler(None, PROGRESS_STEPS)

    def _start_clock(self, execute, sql, params, many, context):
        self.deadline = time.monotonic() + self.seconds
        return execute(sql, params, many, context)

    def _past_deadline(self) -> int:
        if time.monotonic() > self.deadline:
            self.stopped = True
            return 1  # SQLite stops the statement: "interrupted"
        return 0


class AnonymousReadTimeLimit:
    """For viewsets: lists and details read by anonymous clients run under
    query_time_limit."""

    def list(self, request, *args, **kwargs):
        with query_time_limit(limit_for(request)):
            return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        with query_time_limit(limit_for(request)):
            return super().retrieve(request, *args, **kwargs)
