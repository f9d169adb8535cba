"""What the benchmark measures, one function each, so that a test can run them briefly.

Every function here runs inside a configured Django process; `bench/run.py`
sets one up, starts gunicorn and calls them.
"""

import http.client
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import (
    Agency,
    AgencyAlias,
    Article,
    Photo,
    Photographer,
    PhotographerAlias,
    Slideshow,
    Speaker,
    Video,
)
from catalog.synthetic.articles import write_articles

# Two common words of the synthetic captions (about 37% and 14% of them).
SEARCH_WORDS = "protest border"


# -- what to request ---------------------------------------------------------------


@dataclass
class Target:
    name: str
    path: str
    note: str = ""


def typical(model, field_name: str) -> tuple[object, int, int]:
    """The photographer (or agency) of a typical photo: going down from the most
    credited, the one at which half of all photos are reached. Returns it, its
    number of photos and its rank."""
    counts = list(
        Photo.objects.filter(**{f"{field_name}__isnull": False})
        .values_list(field_name)
        .annotate(photos=Count("pk"))
        .order_by("-photos", field_name)
    )
    half, running = sum(photos for _, photos in counts) / 2, 0
    for rank, (pk, photos) in enumerate(counts, start=1):
        running += photos
        if running >= half:
            return model.objects.get(pk=pk), photos, rank
    raise LookupError(f"no photo has a {field_name}")


def targets() -> list[Target]:
    """The key requests, each on a typical value of its filter."""
    photographer, by_photographer, photographer_rank = typical(Photographer, "photographer")
    agency, by_agency, agency_rank = typical(Agency, "agency")
    slideshow = (
        Slideshow.objects.with_slide_count()
        .filter(present_count__gte=30, present_count__lte=60)
        .order_by("pk")
        .first()
    ) or Slideshow.objects.with_slide_count().order_by("-present_count", "pk").first()
    found = [
        Target(
            "photos by photographer",
            f"/api/photos/?photographer={photographer.slug}",
            f"{photographer.name}: {by_photographer:,} photos, "
            f"rank {photographer_rank} of {Photographer.objects.count():,}",
        ),
        Target(
            "photos by agency, 3 facets",
            f"/api/photos/?agency={agency.slug}&facet=agency,photographer,warning",
            f"{agency.name}: {by_agency:,} photos, rank {agency_rank} of "
            f"{Agency.objects.count():,}",
        ),
        Target(
            "photos, free text q",
            f"/api/photos/?q={SEARCH_WORDS.replace(' ', '+')}",
            f"q={SEARCH_WORDS!r}",
        ),
        Target("photos, unfiltered", "/api/photos/"),
    ]
    if slideshow:
        found.append(
            Target(
                "slideshow detail",
                f"/api/slideshows/{slideshow.slug}/",
                f"{slideshow.present_count} slides",
            )
        )
    found.append(Target("photographers with counts", "/api/photographers/"))
    return found


# -- in process: queries and the raw ceiling -------------------------------------------


@dataclass
class Captured:
    status: int
    queries: int
    statements: list[tuple[str, object]] = field(repr=False)
    seconds: float = 0.0


def capture(client: Client, path: str) -> Captured:
    """GET `path` once through Django, counting its SQL and keeping each statement."""
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(keep):
        started = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - started
    return Captured(response.status_code, len(queries), statements, seconds)


TRANSACTION_CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


def raw_rate(statements: list[tuple[str, object]], *, seconds: float, at_least: int = 2) -> float:
    """Requests/s of the ceiling: the same statements on the raw DB-API
    connection, every row fetched, all rows through json.dumps; no Django."""
    connection.ensure_connection()
    raw = connection.connection
    # Transaction control (the throttle's count written to the database cache)
    # is left out: each statement runs on its own, as the cheapest replay.
    statements = [(sql, p) for sql, p in statements if not TRANSACTION_CONTROL.match(sql)]
    if connection.vendor == "sqlite":
        # What Django's SQLite cursor does to each statement, done once here.
        statements = [
            (re.sub(r"(?<!%)%s", "?", sql).replace("%%", "%"), p) for sql, p in statements
        ]

    def once():
        cursor = raw.cursor()
        rows = []
        for sql, params in statements:
            if params is None:
                cursor.execute(sql)
            else:
                cursor.execute(sql, params)
            if cursor.description is not None:  # not the throttle's write
                rows.append(cursor.fetchall())
        json.dumps(rows, default=str)
        cursor.close()

    once()  # untimed, as the load is timed after a warm-up
    done, started = 0, time.perf_counter()
    while done < at_least or time.perf_counter() - started < seconds:
        once()
        done += 1
    return done / (time.perf_counter() - started)


ADMIN_PHOTO_LIST = "/admin/catalog/photo/"
ADMIN_PHOTO_GRID = "/admin/catalog/photo/?view=grid"


def admin_changelist(
    client: Client, *, requests: int, path: str = ADMIN_PHOTO_LIST
) -> tuple[float, int]:
    """Median milliseconds of an admin page (the photo list, or its grid), and
    its queries, as a superuser made for the purpose (removed afterwards)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    users.filter(username="bench-admin").delete()  # left by a run that did not finish
    user = users.create_superuser("bench-admin", password=None)
    try:
        client.force_login(user)
        first = capture(client, path)
        if first.status != 200:
            raise RuntimeError(f"{path} answered {first.status}")
        times = [capture(client, path).seconds for _ in range(requests)]
        client.logout()
    finally:
        user.delete()
    return statistics.median(times) * 1000, first.queries


# -- importing articles ----------------------------------------------------------------


def import_rate(count: int, *, seed: str = "bench", jobs: int = 1) -> tuple[float, float]:
    """Articles/s of `import_articles` over `count` generated pages, imported
    into this database; everything the import made is removed afterwards.
    Returns (articles per second, seconds)."""
    made = (Agency, AgencyAlias, Photographer, PhotographerAlias, Speaker)
    parties = {model: _last_pk(model) for model in made}
    with tempfile.TemporaryDirectory() as folder:
        paths = write_articles(count, Path(folder), seed=seed)
        leftovers = Article.objects.filter(slug__in=[p.stem for p in paths])
        remove_imported(leftovers, {})  # from an earlier run that did not finish
        started = time.perf_counter()
        try:
            call_command("import_articles", folder, jobs=jobs, verbosity=0)
            seconds = time.perf_counter() - started
        finally:
            remove_imported(Article.objects.filter(slug__in=[p.stem for p in paths]), parties)
    return count / seconds, seconds


def remove_imported(articles, parties: dict) -> None:
    """Delete the articles and what they brought, and the parties made since
    `parties` recorded the last primary keys."""
    Slideshow.objects.filter(article__in=articles).delete()
    Photo.objects.filter(article__in=articles).delete()
    Video.objects.filter(article__in=articles).delete()
    articles.delete()
    for model, last in parties.items():
        model.objects.filter(pk__gt=last).delete()


def _last_pk(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


# -- over HTTP: the load generators ----------------------------------------------------


@dataclass
class Load:
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str

    def as_dict(self) -> dict:
        return asdict(self)


def wrk_path() -> str | None:
    return shutil.which("wrk")


def wrk_load(
    url: str, *, connections: int, seconds: float, headers: dict | None = None, expect: int = 200
) -> Load:
    """wrk's figures; with `headers` sent on every request. wrk counts any 2xx
    or 3xx as answered (`expect` is for the Python load generator)."""
    command = [
        wrk_path() or "wrk",
        f"--threads={connections}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=60s",
        "--latency",
        *(f"--header={name}: {value}" for name, value in (headers or {}).items()),
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 120
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Load:
    """Requests/s, p50, p99 and errors from `wrk --latency` output."""

    def number(pattern: str) -> str:
        match = re.search(pattern, output)
        if not match:
            raise ValueError(f"wrk printed no {pattern!r}:\n{output}")
        return match[1]

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(
        requests=int(number(r"(\d+) requests in")),
        per_second=float(number(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=_milliseconds(number(r"\s50%\s+([\d.]+\w+)")),
        p99_ms=_milliseconds(number(r"\s99%\s+([\d.]+\w+)")),
        errors=errors + (int(non_2xx[1]) if non_2xx else 0),
        tool="wrk",
    )


def _milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def python_load(
    url: str, *, connections: int, seconds: float, headers: dict | None = None, expect: int = 200
) -> Load:
    """A small wrk: `connections` threads, each a keep-alive connection
    (reopened when the server closes it), GETting `url` for `seconds` with
    `headers`; an answer other than `expect` counts as an error."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        mine, failed, conn = [], 0, None
        while time.perf_counter() < deadline:
            conn = conn or http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = None
                continue
            mine.append(time.perf_counter() - started)
            failed += response.status != expect
            if response.will_close:
                conn.close()
                conn = None
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return Load(
        requests=len(latencies),
        per_second=len(latencies) / elapsed,
        p50_ms=_percentile(latencies, 50) * 1000,
        p99_ms=_percentile(latencies, 99) * 1000,
        errors=errors[0],
        tool="python",
    )


def _percentile(ordered: list[float], percent: float) -> float:
    if not ordered:
        return float("nan")
    index = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Plain text columns: the first left-aligned, the others right-aligned."""
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(row):
        cells = [str(row[0]).ljust(widths[0])]
        cells += [str(cell).rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])
