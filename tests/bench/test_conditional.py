"""bench/conditional.py, run briefly against the test server on a tiny catalog.

The whole path (gunicorn, wrk) is `python bench/conditional.py --serve`.
"""

import argparse

import pytest

from bench import conditional, measure
from catalog.synthetic.catalog import Sizes, generate_catalog


@pytest.mark.django_db(transaction=True)
def test_a_full_get_and_its_revalidation_are_both_measured(live_server):
    generate_catalog(Sizes.for_photos(100), seed=3)
    options = argparse.Namespace(requests=3, seconds=0.3, connections=1)

    url = conditional.a_slideshow(live_server.url)
    result = conditional.measure_url(url, options, measure.python_load, master=None)

    assert url.startswith(f"{live_server.url}/api/slideshows/")
    assert result["full_ms"] > 0
    assert result["revalidated_ms"] > 0
    assert result["full_per_second"] > 0
    assert result["revalidated_per_second"] > 0  # every answer a 304, or measure_url exits
    assert "full_cpu_ms" not in result  # no gunicorn of its own to look at
    table = conditional.render([result], measure)
    assert url in table
