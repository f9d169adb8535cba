"""What a revalidation saves: `python bench/conditional.py [URL ...]`.

Sends each URL (default: the photo list at 100 a page and a slideshow) to a
running server, first as a full anonymous GET and then with the ETag it
gave in `If-None-Match`, REQUESTS times each, in turn, and prints the median
time of both and their ratio. Start the server with a throttle rate that
lets that many requests through (API_ANON_THROTTLE_RATE=100000/minute).
"""

import argparse
import statistics
import sys
import time
import urllib.error
import urllib.request

DEFAULT_URLS = [
    "http://127.0.0.1:8000/api/photos/?page_size=100",
    "http://127.0.0.1:8000/api/slideshows/us-troops-leave-iraq-2010-drawdown/",
]


def timed_get(url: str, headers: dict) -> tuple[float, int, dict]:
    request = urllib.request.Request(url, headers=headers)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request) as answer:
            answer.read()
            status, got = answer.status, dict(answer.headers)
    except urllib.error.HTTPError as error:  # a 304 arrives as one
        error.read()
        status, got = error.code, dict(error.headers)
    return time.perf_counter() - start, status, got


def measure(url: str, requests: int) -> tuple[float, float]:
    _, status, headers = timed_get(url, {})
    if status != 200 or "ETag" not in headers:
        sys.exit(f"{url}: {status} without an ETag; is the server running the catalog?")
    conditional = {"If-None-Match": headers["ETag"]}
    full, revalidated = [], []
    for _ in range(requests):
        seconds, status, _ = timed_get(url, {})
        assert status == 200, status
        full.append(seconds)
        seconds, status, _ = timed_get(url, conditional)
        assert status == 304, status
        revalidated.append(seconds)
    return statistics.median(full), statistics.median(revalidated)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--requests", type=int, default=200)
    options = parser.parse_args(argv)
    print(f"{'url':70} {'full ms':>8} {'304 ms':>8} {'ratio':>6}")
    for url in options.urls:
        full, revalidated = measure(url, options.requests)
        print(f"{url:70} {full * 1000:8.2f} {revalidated * 1000:8.2f} {full / revalidated:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
