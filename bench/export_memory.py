"""Memory of a streamed export as the catalog grows: `python bench/export_memory.py`.

Generates a catalog of --small photos (default 10,000) in a fresh SQLite
file under bench/ (or the database DATABASE_URL names, which must be
empty), exports every photo through the API (`/api/photos/?format=csv`, and
`jsonl`) as a staff user, then appends photos up to --large (default
50,000) and exports again. For each export it prints the rows and bytes
written, the time taken and the peak of Python's memory (tracemalloc) while
the response streamed; a peak that does not grow with the rows is the point.
The process's maximum resident size (ru_maxrss) is printed too: it only
ever grows, so its change from one export to the next is what to read.
"""

import argparse
import os
import resource
import secrets
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=50_000)
    options = parser.parse_args(argv)
    database = HERE / f"export-memory-{os.getpid()}.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="ERROR",
    )
    os.environ.pop("DJANGO_DEBUG", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    try:
        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create_superuser("bench-exports", password=None)
        client = Client()
        client.force_login(user)
        print(f"{'photos':>8} {'format':>6} {'rows':>8} {'MB out':>8} {'seconds':>8} "
              f"{'peak MB':>8} {'maxrss MB':>10}")  # fmt: skip
        client.get("/api/photos/?format=csv&has_image=true")  # a first request: imports, caches
        made = 0
        for size in (options.small, options.large):
            call_command("generate_catalog", photos=size - made, append=made > 0, verbosity=0)
            made = size
            for fmt in ("csv", "jsonl"):
                rows, size_out, seconds, peak = measure(client, fmt)
                maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{size:>8,} {fmt:>6} {rows:>8,} {size_out / 1e6:>8.1f} {seconds:>8.1f} "
                      f"{peak / 1e6:>8.2f} {maxrss:>10.0f}")  # fmt: skip
    finally:
        for path in HERE.glob(f"{database.name}*"):
            path.unlink()
    return 0


def measure(client, fmt: str) -> tuple[int, int, float, int]:
    """Rows and bytes of one export, its seconds, and tracemalloc's peak."""
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(f"/api/photos/?format={fmt}")
    assert response.status_code == 200, response.status_code
    lines = size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows = lines - 1 if fmt == "csv" else lines  # less the header
    return rows, size, seconds, peak


if __name__ == "__main__":
    sys.exit(main())
