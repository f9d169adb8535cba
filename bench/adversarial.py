"""Costly anonymous requests against the catalog: `python bench/adversarial.py --photos 100000`.

Runs the app under gunicorn (two sync workers, so that throttle counts must
be shared between them) on 127.0.0.1 with the production settings and their
default limits, against the catalog DATABASE_URL names (default: the
benchmark's SQLite catalog of --photos photos, generated when missing, as
bench/run.py does). Then, as one anonymous client, it sends a bounded number
of the requests a security review found costly:

- `q` of 1,000 one-letter words on photos and 1,200 words on slideshows,
  and the costliest `q` the limits still let through (eight distinct words);
- facets with negated warning filters on deep pages, and a page past the
  anonymous depth limit;
- the same request with a new X-Forwarded-For each time, past the rate limit;
- token requests trying many usernames.

It prints each kind's statuses and worst latency, and exits 1 if any answer
is a 5xx other than the query time limit's 503, if a `q` request takes
longer than --q-seconds (0.5 s), or if the X-Forwarded-For rotation or the
username guessing is never refused (429).
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import configure, ensure_catalog, gunicorn  # noqa: E402

TIMEOUT_DETAIL = "This request took longer than the"


@dataclass
class Kind:
    name: str
    statuses: Counter = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)

    def line(self) -> str:
        seen = ", ".join(f"{status} x{count}" for status, count in sorted(self.statuses.items()))
        worst = max(self.seconds, default=0)
        median = sorted(self.seconds)[len(self.seconds) // 2] if self.seconds else 0
        return f"{self.name:<52} {seen:<24} worst {worst:6.3f} s  median {median:6.3f} s"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=100_000, help="Catalog size.")
    parser.add_argument("--seed", default="0", help="Seed of a generated catalog.")
    parser.add_argument("--port", type=int, default=0, help="Default: a free port.")
    parser.add_argument("--q-seconds", type=float, default=0.5, help="Slowest `q` allowed.")
    parser.add_argument("--repeat", type=int, default=5, help="Requests of each `q` kind.")
    parser.add_argument("--costly", type=int, default=25, help="Facet requests on deep pages.")
    parser.add_argument("--rotations", type=int, default=130, help="X-Forwarded-For values.")
    parser.add_argument("--usernames", type=int, default=25, help="Usernames tried.")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_args(argv)
    database = configure(options)
    # The production limits, not the benchmark's "no throttling in practice".
    # The counts in the database's cache, never a Redis of the environment's.
    limits = ["API_ANON_THROTTLE_RATE", "API_ANON_COSTLY_THROTTLE_RATE"]
    for name in [*limits, "API_ANON_QUERY_TIMEOUT_MS", "REDIS_URL"]:
        os.environ.pop(name, None)

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    ensure_catalog(options)
    cache.clear()  # no counts left by an earlier run within the minute
    kinds = []
    started = time.monotonic()
    with gunicorn(options.port, workers=2) as (base, _):
        kinds = attack(base, options)
    failed = [problem for kind in kinds for problem in kind.bad]
    print(f"\n{options.photos:,} photos on {database}; {time.monotonic() - started:.0f} s")
    for kind in kinds:
        print(kind.line())
    for problem in failed:
        print(f"FAIL: {problem}")
    if options.json:
        rows = [
            {"name": k.name, "statuses": dict(k.statuses), "worst_seconds": max(k.seconds)}
            for k in kinds
        ]
        options.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 1 if failed else 0


def attack(base: str, options) -> list["Kind"]:
    """Ordered so that the anonymous rate limit (120/minute by default) is met
    by the X-Forwarded-For rotation, after the kinds measured for speed, and
    the expensive requests' own limit (20/minute) after the deep page's 400."""
    thousand = " ".join(["s"] * 1000)
    eight = "sol arm tro pre wit con the and"  # distinct prefixes: the costliest q allowed
    # Each worker's first request pays for its imports: not a cost of the query.
    send(base, "warm-up: the workers' first requests", ["/api/photos/?page_size=1"] * 6)
    kinds = [
        send(
            base,
            "photos: q of 1,000 one-letter words",
            [f"/api/photos/?{q(thousand)}"] * options.repeat,
            q_limit=options.q_seconds,
        ),
        send(
            base,
            "slideshows: q of 1,200 words",
            [f"/api/slideshows/?{q(' '.join(['s'] * 1200))}"] * options.repeat,
            q_limit=options.q_seconds,
        ),
        send(
            base,
            "photos: q of 8 distinct prefixes",
            [f"/api/photos/?{q(eight)}"] * options.repeat,
            q_limit=options.q_seconds,
        ),
        send(
            base,
            "photos: q of 8 one-letter words",
            [f"/api/photos/?{q('a b c d e f g h')}"] * options.repeat,
            q_limit=options.q_seconds,
        ),
        send(
            base,
            "slideshows: q of 8 distinct words",
            [f"/api/slideshows/?{q(eight)}"] * options.repeat,
            q_limit=options.q_seconds,
        ),
        send(base, "photos: page 501 (past 10,000 results)", ["/api/photos/?page=501"] * 3),
        send(
            base,
            "photos: 3 facets + exclude_warnings, page 400",
            [
                "/api/photos/?facet=agency,photographer,warning&exclude_warnings=all&page=400",
                "/api/photos/?facet=warning&has_warnings=false&page=450",
            ]
            * (options.costly // 2 + 1),
        ),
    ]
    rotation = send(
        base,
        "agencies: a new X-Forwarded-For each time",
        ["/api/agencies/?page_size=1"] * options.rotations,
        headers=lambda n: {"X-Forwarded-For": f"203.0.{n // 250}.{n % 250 + 1}"},
    )
    if not rotation.statuses[429]:
        rotation.bad.append("X-Forwarded-For rotation was never throttled")
    guessing = send(
        base,
        "token: a new username each time",
        ["/api/token/"] * options.usernames,
        body=lambda n: {"username": f"guess{n}", "password": "wrong"},
    )
    if not guessing.statuses[429]:
        guessing.bad.append("username guessing was never throttled")
    return [*kinds, rotation, guessing]


def q(text: str) -> str:
    return urllib.parse.urlencode({"q": text})


def send(base, name, paths, *, q_limit=None, headers=None, body=None) -> Kind:
    kind = Kind(name)
    print(f"{name} ({len(paths)} requests)...", flush=True)
    for n, path in enumerate(paths):
        data = json.dumps(body(n)).encode() if body else None
        request = urllib.request.Request(
            base + path,
            data=data,
            headers={"Content-Type": "application/json", **(headers(n) if headers else {})},
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        seconds = time.perf_counter() - started
        kind.statuses[status] += 1
        kind.seconds.append(seconds)
        if status >= 500 and not (status == 503 and TIMEOUT_DETAIL.encode() in content):
            kind.bad.append(f"{name}: {status} {content[:200]!r}")
        if q_limit is not None and seconds > q_limit:
            kind.bad.append(f"{name}: {seconds:.3f} s, over {q_limit} s")
    return kind


if __name__ == "__main__":
    raise SystemExit(main())
