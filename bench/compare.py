"""Two (or more) checkouts of the catalog side by side, in turns:
`python bench/compare.py before=../old-checkout new=. --paths /api/photos/ ...`

Each checkout is served as bench/run.py serves it (gunicorn, one sync
worker on 127.0.0.1, the production settings, throttles out of the way but
counted), each against its own database: `NAME=CHECKOUT=DATABASE_URL`, or
`NAME=CHECKOUT` for the DATABASE_URL of the environment. A checkout's
`.venv/bin/python` serves it when there is one. Then, for --rounds rounds,
each path is loaded with wrk on each checkout in turn, --seconds each, one
connection; the table gives each checkout's median requests per second and
the ratio to the first. Taking turns spreads the drift of a shared
machine's speed over every checkout alike, which one run after the other
does not: on a 2-core virtual machine the same request's rate moved by a
fifth from one minute to the next.

The databases must hold the same catalog (`generate_catalog` with the same
size and seed) for the figures to compare.
"""

import argparse
import contextlib
import os
import statistics
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import configure, gunicorn  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="+", help="NAME=CHECKOUT[=DATABASE_URL]")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--photos", type=int, default=1_000_000, help="For the default database.")
    parser.add_argument("--paths", nargs="+", required=True, help="e.g. /api/photos/")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_args(argv)
    configure(argparse.Namespace(photos=options.photos))
    import django

    django.setup()
    from bench.measure import wrk_load, wrk_path

    if not wrk_path():
        raise SystemExit("bench/compare.py loads with wrk: apt-get install wrk")
    checkouts = []
    for spec in options.checkouts:
        name, _, rest = spec.partition("=")
        folder, _, database = rest.partition("=")
        if not name or not folder:
            raise SystemExit(f"{spec!r}: give NAME=CHECKOUT[=DATABASE_URL]")
        folder = Path(folder).resolve()
        python = folder / ".venv" / "bin" / "python"
        python = str(python) if python.exists() else sys.executable
        checkouts.append((name, folder, database, python))

    rates = {(name, path): [] for name, *_ in checkouts for path in options.paths}
    with contextlib.ExitStack() as stack:
        bases = {}
        for name, folder, database, python in checkouts:
            if database:
                os.environ["DATABASE_URL"] = database
            base, _ = stack.enter_context(gunicorn(0, root=folder, python=python))
            bases[name] = base
            for path in options.paths:  # warm up, and check it answers
                with urllib.request.urlopen(base + path, timeout=120) as answer:
                    answer.read()
        for round_number in range(1, options.rounds + 1):
            for path in options.paths:
                for name, *_ in checkouts:
                    load = wrk_load(bases[name] + path, connections=1, seconds=options.seconds)
                    if load.errors:
                        raise SystemExit(f"{name} {path}: {load.errors} errors")
                    rates[name, path].append(load.per_second)
                    print(f"round {round_number} {name:>10} {load.per_second:8.1f} req/s  {path}")
    print()
    print(render(rates, [name for name, *_ in checkouts], options.paths))
    return 0


def render(rates: dict, names: list[str], paths: list[str]) -> str:
    first = names[0]
    lines = [f"{'path':50} {'checkout':>10} {'median req/s':>13} {'vs ' + first:>10}  all"]
    for path in paths:
        base = statistics.median(rates[first, path])
        for name in names:
            median = statistics.median(rates[name, path])
            every = " ".join(f"{rate:.1f}" for rate in rates[name, path])
            change = median / base - 1
            lines.append(f"{path[:50]:50} {name:>10} {median:13.1f} {change:+10.1%}  {every}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
