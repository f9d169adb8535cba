"""Running the project in a fresh Python process, with an environment of our choosing.

The test suite's own process has its settings made already; whatever depends
on how settings are read from the environment is checked in a new process.
"""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

# What a process needs from ours that is not configuration.
PASSED_ON = ("PATH", "HOME", "LANG", "TMPDIR", "PGPASSWORD")


def environment(**variables: str | None) -> dict[str, str]:
    """Ours less every setting, plus `variables` (None leaves one out); the
    development `.env` that `make run` writes is not read (DJANGO_ENV_FILE)."""
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env["DJANGO_ENV_FILE"] = ""
    env.update({name: value for name, value in variables.items() if value is not None})
    return env


def run_python(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    """`python ARGS` in the project folder; with `check`, a failure shows its output."""
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done


def manage(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, env=env, check=check)


def evaluate(code: str, *, env: dict[str, str]):
    """Run `code` after django.setup(); it prints one JSON value, which is returned."""
    script = f"import django, json\ndjango.setup()\n{code}"
    return json.loads(run_python("-c", script, env=env).stdout)
