"""What a revalidation saves: `python bench/conditional.py [--serve] [URL ...]`.

For each URL (default: the photo list at 100 a page, a slideshow of 30 to 60
slides, and a search `q=the`), a full anonymous GET against the same GET
with the ETag it gave in `If-None-Match` (a 304):

- latency: REQUESTS of each, in turn, one at a time, and the median of both;
- throughput: requests per second, each kind for --seconds on its own (wrk
  when installed, else bench/measure.py's Python load generator), one
  connection by default, which keeps one sync worker busy.

The ratio is full time / 304 time, and 304 req/s / full req/s. With
`--serve`, also the CPU time the gunicorn worker spent per request during
the load (Linux): on a shared machine the other work there stretches the
wall-clock figures, much less this one (which leaves out Redis's and
PostgreSQL's own time).

`--serve` runs the app under gunicorn on 127.0.0.1 as bench/run.py does
(production settings, one sync worker, throttles out of the way but still
counted) against the catalog DATABASE_URL names (default: bench/run.py's
SQLite catalog of --photos photos). Without it, URLs go to a running server,
which must let that many anonymous requests through
(API_ANON_THROTTLE_RATE=1000000/second).

A sync worker closes the connection after each answer, so every request
pays for a new connection on both sides of the comparison. The throttles
count the full GETs and not the 304s (catalog/api/caching.py); with Redis
(REDIS_URL) a 304 needs no round trip to it once the worker keeps a copy of
the catalog's version (config/cache.py), so run with Redis, as production.
"""

import argparse
import contextlib
import http.client
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import configure, gunicorn  # noqa: E402

PHOTO_LIST = "/api/photos/?page_size=100"
SEARCH = "/api/photos/?q=the"


def timed_get(url: str, headers: dict) -> tuple[float, int, dict, bytes]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    start = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        body = answer.read()
    finally:
        connection.close()
    return time.perf_counter() - start, answer.status, dict(answer.headers), body


def a_slideshow(base: str) -> str:
    """The first slideshow, by title, of 30 to 60 slides (else the first)."""
    _, status, _, body = timed_get(f"{base}/api/slideshows/?page_size=100", {})
    if status != 200:
        sys.exit(f"{base}/api/slideshows/: {status}; is the server running the catalog?")
    shows = json.loads(body)["results"]
    if not shows:
        sys.exit("The catalog has no slideshow.")
    show = next((show for show in shows if 30 <= show["present_count"] <= 60), shows[0])
    return show["url"]


def latency(url: str, requests: int, conditional: dict) -> tuple[float, float]:
    full, revalidated = [], []
    while len(revalidated) < requests:
        seconds, status, _, _ = timed_get(url, {})
        assert status == 200, status
        full.append(seconds)
        seconds, status, headers, _ = timed_get(url, conditional)
        if status == 200 and headers["ETag"] != conditional["If-None-Match"]:
            # A photo's rights move with the minute, and so do its validators.
            conditional = {"If-None-Match": headers["ETag"]}
            continue
        assert status == 304, status
        revalidated.append(seconds)
    return statistics.median(full), statistics.median(revalidated)


def current_validator(url: str, seconds: float) -> dict:
    """An `If-None-Match` for `url` that stays current for `seconds`: the
    validators of photo lists and details move with the minute (their
    rights do), so a load that would cross into the next one waits for it."""
    if 60 - time.time() % 60 < seconds + 2:
        time.sleep(60 - time.time() % 60 + 0.5)
    _, _, headers, _ = timed_get(url, {})
    return {"If-None-Match": headers["ETag"]}


def worker_cpu_seconds(master: int | None) -> float:
    """User and system CPU time of gunicorn's workers, the children of `master`."""
    if master is None:
        return 0.0
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def measure_url(url: str, options, load, master: int | None) -> dict:
    _, status, headers, _ = timed_get(url, {})
    if status != 200 or "ETag" not in headers:
        sys.exit(f"{url}: {status} without an ETag; is the server running the catalog?")
    conditional = {"If-None-Match": headers["ETag"]}
    full_s, revalidated_s = latency(url, options.requests, conditional)
    result = {"url": url, "full_ms": full_s * 1000, "revalidated_ms": revalidated_s * 1000}
    if options.seconds > 0:
        kw = {"connections": options.connections, "seconds": options.seconds}
        started = worker_cpu_seconds(master)
        full = load(url, **kw)
        conditional = current_validator(url, options.seconds)
        between = worker_cpu_seconds(master)
        revalidated = load(url, headers=conditional, expect=304, **kw)
        ended = worker_cpu_seconds(master)
        if master is not None:
            result["full_cpu_ms"] = (between - started) * 1000 / full.requests
            result["revalidated_cpu_ms"] = (ended - between) * 1000 / revalidated.requests
        if full.errors or revalidated.errors:
            sys.exit(f"{url}: {full.errors} errors in full GETs, {revalidated.errors} in 304s")
        result["full_per_second"] = full.per_second
        result["revalidated_per_second"] = revalidated.per_second
    return result


def render(results: list[dict], measure) -> str:
    headers = ["url", "full ms", "304 ms", "ratio", "full req/s", "304 req/s", "ratio"]
    headers += ["full cpu ms", "304 cpu ms", "ratio"]
    rows = []
    for r in results:
        row = [r["url"], f"{r['full_ms']:.2f}", f"{r['revalidated_ms']:.2f}"]
        row.append(f"{r['full_ms'] / r['revalidated_ms']:.1f}")
        if "full_per_second" in r:
            full, revalidated = r["full_per_second"], r["revalidated_per_second"]
            row += [f"{full:.0f}", f"{revalidated:.0f}", f"{revalidated / full:.1f}"]
        else:
            row += ["-", "-", "-"]
        if "full_cpu_ms" in r:
            full, revalidated = r["full_cpu_ms"], r["revalidated_cpu_ms"]
            row += [f"{full:.2f}", f"{revalidated:.2f}", f"{full / revalidated:.1f}"]
        else:
            row += ["-", "-", "-"]
        rows.append(row)
    return measure.table(headers, rows)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", help="Full URLs (default: see above).")
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="Server of the defaults.")
    parser.add_argument("--serve", action="store_true", help="Run gunicorn as bench/run.py does.")
    parser.add_argument("--photos", type=int, default=100_000, help="With --serve: catalog size.")
    parser.add_argument("--requests", type=int, default=200, help="Requests timed one by one.")
    parser.add_argument("--seconds", type=float, default=5, help="Seconds of load (0: none).")
    parser.add_argument("--connections", type=int, default=1, help="Connections of the load.")
    parser.add_argument("--load", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_args(argv)
    configure(options)  # bench/measure.py reads the catalog's models
    import django

    django.setup()
    from bench import measure

    load = measure.python_load
    if options.load != "python" and measure.wrk_path():
        load = measure.wrk_load
    elif options.load == "wrk":
        sys.exit("wrk is not installed (apt-get install wrk)")
    master = None
    with contextlib.ExitStack() as stack:
        if options.serve:
            options.base, process = stack.enter_context(gunicorn(0))
            master = process.pid
        urls = options.urls or [
            options.base + PHOTO_LIST,
            a_slideshow(options.base),
            options.base + SEARCH,
        ]
        results = []
        for url in urls:
            results.append(measure_url(url, options, load, master))
            print(render(results[-1:], measure).splitlines()[-1], flush=True)
    print()
    print(render(results, measure))
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
