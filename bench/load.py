"""Sustained load: `python bench/load.py --seconds 60 --clients 16`.

Runs the app under gunicorn on 127.0.0.1 (production settings, sync workers)
against the catalog DATABASE_URL names (default: the benchmark's SQLite
catalog of --photos photos, which must exist: `bench/run.py` makes it), and
keeps --clients clients busy for --seconds with a mix of reads (photo lists
by photographer and by text, photo and slideshow details, photographers)
and staff writes (caption changes, warnings added and removed, slide order
with the order last seen, so that some answer 409). The writes touch only
photos and a slideshow the script makes first and removes after.

It reports the requests by status, their latency, the database connections
and the gunicorn workers' memory at the start and at the end, and exits 1
on any 5xx, any failed request, a growing number of database connections,
or worker memory that keeps growing (more than --memory-growth MB after the
first tenth of the run).
"""

import argparse
import http.client
import json
import os
import random
import secrets
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import configure, gunicorn  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=100_000, help="Catalog size.")
    parser.add_argument("--seconds", type=float, default=60, help="Duration of the load.")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
    parser.add_argument("--writes", type=float, default=0.2, help="Share of writes (0-1).")
    parser.add_argument("--memory-growth", type=float, default=20, help="MB allowed.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_args(argv)
    database = configure(options)
    import django

    django.setup()
    fixtures = Fixtures.make()
    try:
        with gunicorn(options.port, workers=options.workers) as (base, process):
            report = run_load(base, process, fixtures, options)
    finally:
        fixtures.remove()
    report["database"] = database
    print(render(report))
    if options.json:
        options.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0 if report["passed"] else 1


class Fixtures:
    """A staff token, and the photos and slideshow the writes may change."""

    def __init__(self, user, token, photos, slideshow, reads):
        self.user, self.token = user, token
        self.photos, self.slideshow, self.reads = photos, slideshow, reads

    @classmethod
    def make(cls) -> "Fixtures":
        from django.contrib.auth.models import Permission, User
        from knox.models import AuthToken

        from catalog.models import Photo, Photographer, Slide, Slideshow

        user = User.objects.create_user(
            f"load-{secrets.token_hex(4)}", password=secrets.token_urlsafe(), is_staff=True
        )
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="catalog"))
        _, token = AuthToken.objects.create(user=user)
        photos = Photo.objects.bulk_create(
            [Photo(caption=f"Load test photo {n}.") for n in range(40)]
        )
        slideshow = Slideshow.objects.create(title=f"Load test {secrets.token_hex(4)}")
        Slide.objects.bulk_create(
            [
                Slide(slideshow=slideshow, photo=photo, position=n)
                for n, photo in enumerate(photos[:12], 1)
            ]
        )
        person = Photographer.objects.order_by("?").first()
        show = Slideshow.objects.exclude(pk=slideshow.pk).order_by("?").first()
        sample = Photo.objects.order_by("-id").values_list("uid", flat=True)[:50]
        reads = [
            "/api/photos/",
            f"/api/photos/?photographer={person.slug}" if person else "/api/photos/",
            "/api/photos/?q=protest+border",
            "/api/photographers/",
            f"/api/slideshows/{(show or slideshow).slug}/",
            *(f"/api/photos/{uid}/" for uid in list(sample)[:5]),
        ]
        return cls(user, token, photos, slideshow, reads)

    def remove(self):
        from catalog.models import Photo

        Photo.objects.filter(pk__in=[photo.pk for photo in self.photos]).delete()
        self.slideshow.delete()
        self.user.delete()  # and its token


def run_load(base: str, process, fixtures: Fixtures, options) -> dict:
    host, port = base.removeprefix("http://").split(":")
    statuses: Counter = Counter()
    failures: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + options.seconds
    headers = {"Authorization": f"Token {fixtures.token}", "Content-Type": "application/json"}
    slideshow_url = f"/api/slideshows/{fixtures.slideshow.slug}/"

    def request(conn, method, path, body=None, auth=False):
        conn.request(
            method, path, json.dumps(body) if body is not None else None, headers if auth else {}
        )
        response = conn.getresponse()
        data = response.read()
        return response.status, data

    def write(conn, rng):
        photo = rng.choice(fixtures.photos)
        choice = rng.random()
        if choice < 0.4:
            caption = f"Caption {rng.random():.6f}."
            yield request(conn, "PATCH", f"/api/photos/{photo.uid}/", {"caption": caption}, True)
        elif choice < 0.7:
            status, data = request(
                conn, "POST", "/api/warnings/", {"photo": str(photo.uid), "kind": "graphic"}, True
            )
            yield status, data
            if status == 201:
                warning = json.loads(data)["id"]
                yield request(conn, "DELETE", f"/api/warnings/{warning}/", None, True)
        else:
            status, data = request(conn, "GET", slideshow_url)
            yield status, data
            seen = [slide["photo"]["id"] for slide in json.loads(data)["slides"]]
            wanted = rng.sample(seen, len(seen))
            body = {"photos": wanted, "expected": seen}
            yield request(conn, "POST", f"{slideshow_url}order/", body, True)

    def client(number):
        rng = random.Random(number)
        conn, mine, seen, failed = None, [], Counter(), Counter()
        while time.monotonic() < deadline:
            conn = conn or http.client.HTTPConnection(host, int(port), timeout=60)
            started = time.perf_counter()
            try:
                if rng.random() < options.writes:
                    answers = list(write(conn, rng))
                else:
                    answers = [request(conn, "GET", rng.choice(fixtures.reads))]
            except (OSError, http.client.HTTPException) as error:
                failed[type(error).__name__] += 1
                conn.close()
                conn = None
                continue
            mine.append(time.perf_counter() - started)
            for status, _ in answers:
                seen[status] += 1
        with lock:
            statuses.update(seen)
            failures.update(failed)
            latencies.extend(mine)

    before = Resources.sample(process)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(options.clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    samples = []
    while any(thread.is_alive() for thread in threads):
        time.sleep(min(2.0, options.seconds / 20))
        samples.append(Resources.sample(process))
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    after = Resources.sample(process)
    latencies.sort()
    settled = samples[max(0, len(samples) // 10)] if samples else before
    growth = after.memory_mb - settled.memory_mb
    most_connections = max([s.connections for s in samples] + [after.connections])
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    report = {
        "seconds": elapsed,
        "clients": options.clients,
        "workers": options.workers,
        "requests": sum(statuses.values()),
        "per_second": sum(statuses.values()) / elapsed,
        "statuses": dict(sorted(statuses.items())),
        "failures": dict(failures),
        "p50_ms": _percentile(latencies, 50) * 1000,
        "p99_ms": _percentile(latencies, 99) * 1000,
        "connections": {
            "before": before.connections,
            "most": most_connections,
            "after": after.connections,
        },
        "memory_mb": {
            "before": before.memory_mb,
            "after_first_tenth": settled.memory_mb,
            "after": after.memory_mb,
        },
    }
    report["checks"] = {
        "no 5xx": server_errors == 0,
        "no failed request": not failures,
        "connections bounded by workers": most_connections <= options.workers,
        f"memory grew under {options.memory_growth:.0f} MB": growth < options.memory_growth,
    }
    report["passed"] = all(report["checks"].values())
    return report


class Resources:
    """The gunicorn workers' memory, and the database connections they hold."""

    def __init__(self, memory_mb: float, connections: int):
        self.memory_mb, self.connections = memory_mb, connections

    @classmethod
    def sample(cls, process) -> "Resources":
        workers = _children(process.pid)
        memory = sum(_rss_mb(pid) for pid in workers)
        return cls(memory, _database_connections(workers))


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _database_connections(workers: list[int]) -> int:
    """Open connections of the workers: TCP sockets to PostgreSQL, or open
    handles on the SQLite database file."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
            return cursor.fetchone()[0]
    database = os.path.realpath(connection.settings_dict["NAME"])
    count = 0
    for pid in workers:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                count += os.path.realpath(fd) == database
            except OSError:
                continue
    return count


def _percentile(ordered: list[float], percent: float) -> float:
    if not ordered:
        return float("nan")
    index = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def render(report: dict) -> str:
    memory, connections = report["memory_mb"], report["connections"]
    lines = [
        f"{report['database']}: {report['clients']} clients for {report['seconds']:.0f} s "
        f"against {report['workers']} gunicorn sync workers",
        f"requests: {report['requests']:,} ({report['per_second']:.0f}/s), "
        f"p50 {report['p50_ms']:.1f} ms, p99 {report['p99_ms']:.1f} ms",
        "by status: " + ", ".join(f"{s}: {n:,}" for s, n in report["statuses"].items()),
        f"failed requests: {report['failures'] or 'none'}",
        f"database connections: {connections['before']} before, at most "
        f"{connections['most']} during, {connections['after']} after",
        f"workers' memory: {memory['before']:.1f} MB before, "
        f"{memory['after_first_tenth']:.1f} MB after the first tenth, "
        f"{memory['after']:.1f} MB after",
        "",
        *(f"{'ok  ' if passed else 'FAIL'} {check}" for check, passed in report["checks"].items()),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
