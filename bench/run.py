"""Benchmark the catalog at a given size: `python bench/run.py --photos 1000000`.

DATABASE_URL chooses the database (default: SQLite in bench/catalog-<size>.sqlite3).
The catalog is generated there unless it already holds exactly that many
photos. The app runs under gunicorn, one sync worker on 127.0.0.1, with the
production settings; each key request is loaded with wrk (or a Python load
generator) and compared with its raw ceiling, the same SQL on the raw DB-API
connection plus json.dumps, measured in the same run. Also measured: the
admin photo list and grid, and the import rate of generated articles. Prints a table;
`--json FILE` writes the numbers too. gunicorn never outlives the script.
"""

import argparse
import contextlib
import ctypes
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
PR_SET_PDEATHSIG = 1
MAX_DURATION = 120  # seconds of load for a request too slow for --duration


def main(argv=None) -> int:
    options = parse_args(argv)
    database = configure(options)
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _exit_on_signal)
    # Ctrl-C stops the run even where the shell started it with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import measure

    call_command("migrate", verbosity=0)
    report = {
        "photos": options.photos,
        "database": database,
        "generated_seconds": ensure_catalog(options),
        "vendor": _vendor(),
        "python": platform.python_version(),
        "connections": options.connections,
        "duration_seconds": options.duration,
        "raw_seconds": options.raw_seconds,
        "admin_requests": options.admin_requests,
        "load_average_before": os.getloadavg(),
    }
    collect_static()
    report["requests"], report["load_tool"] = measure_requests(options, measure)
    print("Admin photo list and grid...", flush=True)
    for key, path in (
        ("admin_changelist", measure.ADMIN_PHOTO_LIST),
        ("admin_grid", measure.ADMIN_PHOTO_GRID),
    ):
        admin_ms, admin_queries = measure.admin_changelist(
            _client(), requests=options.admin_requests, path=path
        )
        report[f"{key}_ms"], report[f"{key}_queries"] = admin_ms, admin_queries
    print(f"Importing {options.articles} generated articles...", flush=True)
    rate, seconds = measure.import_rate(options.articles, jobs=options.import_jobs)
    report["import_articles"] = {
        "articles": options.articles,
        "seconds": seconds,
        "per_second": rate,
        "jobs": options.import_jobs,
    }
    report["load_average_after"] = os.getloadavg()
    print()
    print(render(report, measure))
    if options.json:
        options.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nWrote {options.json}")
    return 0


def measure_requests(options, measure) -> tuple[list[dict], str]:
    """Each key request: its queries and SQL once through Django in-process, the
    raw ceiling of that SQL, then the load on gunicorn, one right after the
    other so that both see the machine in the same state. Returns the rows
    and the load generator's name."""
    load, tool = pick_load(options)
    client = _client()
    rows = []
    print("Picking typical targets...", flush=True)
    targets = measure.targets()
    with gunicorn(options.port) as (base, _):
        for target in targets:
            print(f"{target.name}: raw ceiling, then load ({tool})...", flush=True)
            client.get(target.path)  # the first request of a process pays for imports
            captured = measure.capture(client, target.path)
            if captured.status != 200:
                raise SystemExit(f"{target.path} answered {captured.status}")
            raw = measure.raw_rate(captured.statements, seconds=options.raw_seconds)
            # A slow request still gets a few answers in: the load lasts long
            # enough for five of them at the speed the warm-up saw.
            slowest = warm_up(base + target.path)
            seconds = max(options.duration, min(MAX_DURATION, 5 * slowest))
            result = load(base + target.path, connections=options.connections, seconds=seconds)
            rows.append(
                {
                    "name": target.name,
                    "path": target.path,
                    "note": target.note,
                    "queries": captured.queries,
                    "raw_per_second": raw,
                    **result.as_dict(),
                    "seconds": seconds,
                    "api_over_raw": result.per_second / raw,
                }
            )
    return rows, tool


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, required=True, help="Catalog size.")
    parser.add_argument("--duration", type=float, default=10, help="Seconds of load per request.")
    parser.add_argument("--connections", type=int, default=1, help="Concurrent connections.")
    parser.add_argument("--raw-seconds", type=float, default=3, help="Seconds per raw ceiling.")
    parser.add_argument("--articles", type=int, default=500, help="Articles to import.")
    parser.add_argument(
        "--import-jobs", type=int, default=1, help="import_articles --jobs (default 1)."
    )
    parser.add_argument("--admin-requests", type=int, default=5, help="Admin GETs timed.")
    parser.add_argument("--load", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--port", type=int, default=0, help="Default: a free port.")
    parser.add_argument("--seed", default="0", help="Seed of a generated catalog.")
    parser.add_argument("--json", type=Path, help="Also write the numbers to this file.")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="A short run of the whole path: 1 s of load, few articles.",
    )
    options = parser.parse_args(argv)
    if options.smoke:
        options.duration, options.raw_seconds = 1, 0.2
        options.articles, options.admin_requests = min(options.articles, 10), 2
    return options


def configure(options) -> str:
    """The production settings, on loopback: DEBUG off, no HTTPS redirect, a
    fresh secret key, no throttling in practice, quiet logs. The anonymous
    query time limit stays on, at its default, as in production."""
    default = f"sqlite:///{HERE / f'catalog-{size_label(options.photos)}.sqlite3'}"
    os.environ.setdefault("DATABASE_URL", default)
    os.environ.pop("DJANGO_DEBUG", None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_STATIC_ROOT=str(HERE / "static"),
        API_ANON_THROTTLE_RATE="1000000/second",
        API_ANON_COSTLY_THROTTLE_RATE="1000000/second",
        DJANGO_LOG_LEVEL="ERROR",
    )
    sys.path.insert(0, str(ROOT))
    url = os.environ["DATABASE_URL"]
    return url.split("@")[-1] if "@" in url else url


def size_label(photos: int) -> str:
    for unit, size in (("m", 1_000_000), ("k", 1000)):
        if photos >= size and photos % size == 0:
            return f"{photos // size}{unit}"
    return str(photos)


def ensure_catalog(options) -> float | None:
    """Generate the catalog unless it is there; returns the seconds it took."""
    from django.core.management import call_command

    from catalog.models import Photo

    present = Photo.objects.count()
    if present == options.photos:
        print(f"Reusing the catalog of {present:,} photos.", flush=True)
        return None
    if present:
        raise SystemExit(
            f"The database holds {present:,} photos, not {options.photos:,}: "
            "point DATABASE_URL at another database."
        )
    started = time.monotonic()
    call_command("generate_catalog", photos=options.photos, seed=options.seed)
    return time.monotonic() - started


def collect_static():
    """The production settings serve hashed static files: the admin needs their manifest."""
    from django.core.management import call_command

    if not (HERE / "static" / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


def _client():
    from django.test import Client

    return Client()


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def pick_load(options):
    """wrk when installed (installed from Debian's packages when running as root),
    else the Python load generator."""
    from bench import measure

    if options.load != "python" and not measure.wrk_path() and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            capture_output=True,
            check=False,
        )
    if options.load == "python" or not measure.wrk_path():
        if options.load == "wrk":
            raise SystemExit("wrk is not installed (apt-get install wrk)")
        return measure.python_load, "python"
    return measure.wrk_load, "wrk"


@contextlib.contextmanager
def gunicorn(port: int, workers: int = 1, *, root: Path = ROOT, python: str = sys.executable):
    """gunicorn with sync workers on 127.0.0.1, serving the checkout at `root`
    with `python`, stopped (with its workers) on exit. Yields its base URL and
    its process."""
    port = port or _free_port()
    command = [
        python,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--workers={workers}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--timeout=120",
    ]
    process = subprocess.Popen(
        command, cwd=root, start_new_session=True, preexec_fn=_die_with_parent
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(process, base)
        yield base, process
    finally:
        _stop(process)


def warm_up(url: str, requests: int = 3) -> float:
    """A few requests first, so that the worker has loaded what this path needs.
    Returns the seconds the slowest took."""
    slowest = 0.0
    for _ in range(requests):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=300) as response:
            response.read()
        slowest = max(slowest, time.perf_counter() - started)
    return slowest


def _die_with_parent():
    """Linux: SIGTERM gunicorn even if this script is killed outright."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _wait_until_up(process, base: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base}/api/", timeout=5) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within a minute")


def _stop(process):
    for stop, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, stop)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _exit_on_signal(number, frame):
    raise SystemExit(128 + number)


def render(report: dict, measure) -> str:
    generated = report["generated_seconds"]
    lines = [
        f"{report['photos']:,} photos on {report['vendor']} ({report['database']}); "
        + (f"generated in {generated:.0f} s" if generated else "catalog reused"),
        f"gunicorn: 1 sync worker on 127.0.0.1; load: {report['load_tool']}, "
        f"{report['connections']} connection(s) x {report['duration_seconds']:g} s per request "
        "(n requests in s seconds: longer for a slow request); "
        f"raw ceiling: same SQL + json.dumps in-process, {report['raw_seconds']:g} s",
        "machine load average (1, 5, 15 min) before: {} after: {}".format(
            *(
                " ".join(f"{n:.1f}" for n in report[key])
                for key in ("load_average_before", "load_average_after")
            )
        ),
        "",
    ]
    rows = [
        [
            row["name"],
            row["queries"],
            row["requests"],
            f"{row['seconds']:.0f}",
            f"{row['per_second']:.1f}",
            f"{row['p50_ms']:.1f}",
            f"{row['p99_ms']:.1f}",
            row["errors"],
            f"{row['raw_per_second']:.1f}",
            f"{row['api_over_raw'] * 100:.1f}%",
        ]
        for row in report["requests"]
    ]
    headers = ["request", "queries", "n", "s", "req/s", "p50 ms", "p99 ms", "errors"]
    headers += ["raw req/s", "API/raw"]
    lines.append(measure.table(headers, rows))
    lines.append("")
    lines += [f"{row['name']}: {row['path']}  {row['note']}".rstrip() for row in report["requests"]]
    imported = report["import_articles"]
    lines += [
        "",
        *(
            f"{label}: {report[f'{key}_ms']:.0f} ms "
            f"(median of {report['admin_requests']} GETs as a superuser, "
            f"{report[f'{key}_queries']} queries)"
            for label, key in (
                (f"admin photo list ({measure.ADMIN_PHOTO_LIST})", "admin_changelist"),
                (f"admin photo grid ({measure.ADMIN_PHOTO_GRID})", "admin_grid"),
            )
        ),
        f"import_articles: {imported['articles']} generated articles in "
        f"{imported['seconds']:.1f} s = {imported['per_second']:.1f} articles/s "
        f"with --jobs {imported.get('jobs', 1)} (into this database; removed afterwards)",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Interrupted; gunicorn stopped.")
