"""The benchmark's measuring functions, run briefly on a tiny catalog.

The whole path (gunicorn, wrk) is `python bench/run.py --photos 1000 --smoke`.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from bench import measure, run
from catalog.models import Agency, AgencyAlias, Article, Photo, Photographer, Slideshow, Speaker
from catalog.synthetic.catalog import Sizes, generate_catalog

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8123/api/photos/
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.19ms    1.10ms  30.55ms   93.00%
    Req/Sec   122.51      8.40   140.00     71.00%
  Latency Distribution
     50%  812.00us
     75%    8.31ms
     90%    8.80ms
     99%    1.02s
  1221 requests in 10.00s, 13.62MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    122.07
Transfer/sec:      1.36MB
"""


@pytest.fixture
def catalog(db):
    generate_catalog(Sizes.for_photos(600, photographers=12, agencies=6, slideshows=4), seed=1)


def test_targets_are_typical_values_of_each_filter(catalog):
    found = {target.name: target for target in measure.targets()}

    assert list(found) == [
        "photos by photographer",
        "photos by agency, 3 facets",
        "photos, free text q",
        "photos, unfiltered",
        "slideshow detail",
        "photographers with counts",
    ]
    person = Photographer.objects.get(slug=found["photos by photographer"].path.split("=")[1])
    biggest = max(Photographer.objects.with_photo_count(), key=lambda p: p.photo_count)
    assert person != biggest
    assert "rank " in found["photos by photographer"].note
    assert "facet=agency,photographer,warning" in found["photos by agency, 3 facets"].path


def test_capture_counts_the_queries_and_keeps_the_statements(catalog):
    client = Client()
    for target in measure.targets():
        captured = measure.capture(client, target.path)

        assert captured.status == 200, target.path
        assert captured.queries == len(captured.statements) > 0
        assert measure.raw_rate(captured.statements, seconds=0.01) > 0


def test_raw_rate_runs_the_statements_on_the_raw_connection(catalog):
    captured = measure.capture(Client(), "/api/photos/")
    raw_sql = [sql for sql, _ in captured.statements]

    assert any("catalog_photo" in sql for sql in raw_sql)
    assert measure.raw_rate(captured.statements, seconds=0, at_least=3) > 0


@pytest.mark.parametrize("path", [measure.ADMIN_PHOTO_LIST, measure.ADMIN_PHOTO_GRID])
def test_admin_photo_pages_are_timed_as_a_superuser_who_is_then_removed(catalog, path):
    milliseconds, queries = measure.admin_changelist(Client(), requests=2, path=path)

    assert milliseconds > 0
    assert queries > 0
    assert not get_user_model().objects.exists()


def test_import_rate_leaves_the_catalog_as_it_was(catalog):
    models = (Article, Photo, Slideshow, Agency, AgencyAlias, Photographer, Speaker)
    before = {model: model.objects.count() for model in models}

    per_second, seconds = measure.import_rate(3)

    assert per_second > 0
    assert seconds > 0
    assert {model: model.objects.count() for model in models} == before


@pytest.mark.django_db(transaction=True)
def test_python_load_generator_reports_rate_and_latency(live_server):
    generate_catalog(Sizes.for_photos(100), seed=2)

    load = measure.python_load(f"{live_server.url}/api/photos/", connections=2, seconds=0.5)

    assert load.requests > 0
    assert load.errors == 0
    assert 0 < load.p50_ms <= load.p99_ms
    assert load.per_second > 0


def test_wrk_output_is_read_in_milliseconds():
    load = measure.parse_wrk(WRK_OUTPUT)

    assert load.requests == 1221
    assert load.per_second == 122.07
    assert load.p50_ms == pytest.approx(0.812)
    assert load.p99_ms == 1020
    assert load.errors == 7


def test_table_aligns_columns():
    text = measure.table(["request", "req/s"], [["unfiltered", "12.5"], ["q", "1234.0"]])

    assert text.splitlines() == [
        "request      req/s",
        "----------  ------",
        "unfiltered    12.5",
        "q           1234.0",
    ]


def test_databases_are_named_by_size():
    assert [run.size_label(n) for n in (1_000_000, 100_000, 2500, 1000)] == [
        "1m",
        "100k",
        "2500",
        "1k",
    ]


def test_the_report_gives_the_admin_photo_list_and_grid():
    report = {
        "photos": 1000,
        "vendor": "sqlite",
        "database": "bench.sqlite3",
        "generated_seconds": None,
        "load_tool": "python",
        "connections": 1,
        "duration_seconds": 1,
        "raw_seconds": 1,
        "load_average_before": (0.5, 0.5, 0.5),
        "load_average_after": (0.5, 0.5, 0.5),
        "requests": [],
        "admin_requests": 5,
        "admin_changelist_ms": 41.2,
        "admin_changelist_queries": 9,
        "admin_grid_ms": 57.8,
        "admin_grid_queries": 11,
        "import_articles": {"articles": 3, "seconds": 1.5, "per_second": 2.0, "jobs": 1},
    }

    lines = run.render(report, measure).splitlines()

    assert (
        "admin photo list (/admin/catalog/photo/): 41 ms "
        "(median of 5 GETs as a superuser, 9 queries)"
    ) in lines
    assert (
        "admin photo grid (/admin/catalog/photo/?view=grid): 58 ms "
        "(median of 5 GETs as a superuser, 11 queries)"
    ) in lines


def test_a_comparison_gives_each_checkouts_median_against_the_first():
    from bench.compare import render

    rates = {
        ("before", "/api/photos/"): [100.0, 90.0, 110.0],
        ("after", "/api/photos/"): [95.0, 120.0, 99.0],
    }
    table = render(rates, ["before", "after"], ["/api/photos/"]).splitlines()
    assert table[1].split()[:4] == ["/api/photos/", "before", "100.0", "+0.0%"]
    assert table[2].split()[:4] == ["/api/photos/", "after", "99.0", "-1.0%"]
