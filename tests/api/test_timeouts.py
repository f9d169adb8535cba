"""A time limit on each query of an anonymous read: past it the request
answers 503 JSON with Retry-After instead of running on, and the connection
is as good as before. Before, nothing stopped a query (18-118 s were seen)."""

import time

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from catalog.api.timeouts import query_time_limit
from catalog.api.views import PhotoViewSet
from catalog.models import Agency
from tests.api.conftest import results
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db

# A query that runs for seconds (minutes on SQLite) unless stopped, and a short one.
SLOW = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
    "WHERE i < 500000000) SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(20)",
}
SHORT = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
    "WHERE i < 1000000) SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(0.3)",
}


@pytest.fixture
def limit(settings):
    settings.API_ANON_QUERY_TIMEOUT_MS = 100
    return settings.API_ANON_QUERY_TIMEOUT_MS


def reading_photos_runs(monkeypatch, queries: dict[str, str], before=None):
    """The photo list runs `queries[vendor]` (and `before`) before reading its rows."""
    original = PhotoViewSet.rows

    def rows(self, ids):
        with connection.cursor() as cursor:
            if before:
                cursor.execute(before)
            cursor.execute(queries[connection.vendor])
            cursor.fetchall()
        return original(self, ids)

    monkeypatch.setattr(PhotoViewSet, "rows", rows)


def test_a_query_past_the_limit_answers_503(api, limit, monkeypatch):
    PhotoFactory()
    reading_photos_runs(monkeypatch, SLOW)

    started = time.monotonic()
    response = api.get("/api/photos/")

    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "This request took longer than the 100 ms an anonymous request may spend "
        "on one database query; narrow it with filters or fewer facets, or sign in.",
        "errors": {},
    }


@pytest.mark.django_db(transaction=True)  # the limit's transaction is the request's own
def test_the_connection_serves_the_next_request_as_before(api, limit, monkeypatch):
    photo = PhotoFactory()
    with monkeypatch.context() as patch:
        reading_photos_runs(patch, SLOW)
        assert api.get("/api/photos/").status_code == 503

    assert [row["id"] for row in results(api.get("/api/photos/"))] == [str(photo.uid)]
    assert Agency.objects.count() == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("0",)  # the limit went with its transaction


@pytest.mark.postgresql
def test_an_anonymous_read_can_write_nothing(limit):
    PhotoFactory()
    with pytest.raises(DatabaseError, match="read-only transaction"), query_time_limit(limit):
        Agency.objects.update(name="Changed")

    assert list(Agency.objects.values_list("name", flat=True)) != ["Changed"]


@pytest.mark.postgresql
def test_a_read_that_went_well_keeps_the_prepared_statements(api, imported_seed, settings):
    """The page's queries by key are prepared at their fifth run on the
    connection (DATABASE_PREPARE_THRESHOLD); a rollback would drop them."""
    settings.API_ANON_QUERY_TIMEOUT_MS = 2000
    for _ in range(9):
        assert api.get("/api/photos/").status_code == 200

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        runs = dict(cursor.fetchall())
    page_rows = [sql for sql in runs if 'AS "rights_rule"' in sql]
    assert len(page_rows) == 1
    assert runs[page_rows[0]] >= 3


def test_staff_reads_have_no_limit(staff_api, limit, monkeypatch):
    PhotoFactory()
    reading_photos_runs(monkeypatch, SHORT)

    assert len(results(staff_api.get("/api/photos/"))) == 1


def test_a_zero_limit_is_no_limit(api, settings, monkeypatch):
    settings.API_ANON_QUERY_TIMEOUT_MS = 0
    PhotoFactory()
    reading_photos_runs(monkeypatch, SHORT)

    assert len(results(api.get("/api/photos/"))) == 1


@pytest.mark.parametrize(
    "url", ["/api/photos/?facet=agency,photographer,warning", "/api/slideshows/", "/api/agencies/"]
)
def test_reads_within_the_limit_answer_as_usual(api, imported_seed, settings, url):
    settings.API_ANON_QUERY_TIMEOUT_MS = 2000

    assert results(api.get(url))


def test_what_the_limit_adds_to_each_read(api, imported_seed, settings, still_clock):
    """SQLite: no statement (a progress handler). PostgreSQL: the timeout's
    set_config, inside a transaction (here, the test's: so a savepoint, rolled back)."""
    settings.API_ANON_QUERY_TIMEOUT_MS = 0
    with CaptureQueriesContext(connection) as unlimited:
        api.get("/api/photos/")
    settings.API_ANON_QUERY_TIMEOUT_MS = 2000
    with CaptureQueriesContext(connection) as limited:
        api.get("/api/photos/")

    plain = [query["sql"] for query in unlimited.captured_queries]
    added = [query["sql"] for query in limited.captured_queries]
    for sql in plain:
        added.remove(sql)
    if connection.vendor == "sqlite":
        assert added == []
    else:
        # In production: BEGIN, the set_config, COMMIT (only the set_config is a query).
        assert [sql.split(" ")[0] for sql in added] == ["SAVEPOINT", "SELECT", "RELEASE"]
        assert added[1] == (
            "SELECT set_config('statement_timeout', '2000', true), "
            "set_config('transaction_read_only', 'on', true)"
        )
