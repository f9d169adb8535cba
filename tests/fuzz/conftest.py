"""Hypothesis profiles for the fuzz tests.

`ci`, the default, keeps the suite quick and reproducible: a few hundred
examples in all, the same ones on every run. `long` explores far more, with
fresh random examples each time:

    HYPOTHESIS_PROFILE=long pytest tests/fuzz      # or: make fuzz
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=30, derandomize=True, deadline=None, database=None, print_blob=True
)
settings.register_profile(
    "long",
    max_examples=4000,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
