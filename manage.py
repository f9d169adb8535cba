#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

In development it reads the settings `make` keeps in `.env` (if there is
one), so `.venv/bin/python manage.py shell` works without sourcing it first;
variables already in the environment win. DJANGO_ENV_FILE names another file,
or none when empty: a deployment's commands (`migrate`, `check --deploy`) run
with DJANGO_ENV_FILE= in a checkout that has a development `.env`. Production
serves through config/wsgi.py or config/asgi.py, which read only the real
environment.
"""

import os
import sys
from pathlib import Path

DEVELOPMENT_ENV = Path(__file__).resolve().parent / ".env"


def development_env_file() -> Path | None:
    """DJANGO_ENV_FILE if set (empty: none), else `.env` beside this file."""
    named = os.environ.get("DJANGO_ENV_FILE")
    if named is None:
        return DEVELOPMENT_ENV
    return Path(named) if named else None


def load_development_env(path: Path | None = DEVELOPMENT_ENV) -> bool:
    """Add the variables of `path` to the environment, never replacing one
    already set; False when there is no such file."""
    if path is None or not path.is_file():
        return False
    from dotenv import load_dotenv

    load_dotenv(path, override=False)
    return True


def main():
    load_development_env(development_env_file())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
