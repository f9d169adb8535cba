"""manage.py reads the development .env, under the real environment."""

import os
from pathlib import Path

import manage


def test_the_env_file_fills_what_the_environment_lacks(tmp_path, monkeypatch):
    env = tmp_path / ".env"
    env.write_text("CATALOG_TEST_A=from-file\nCATALOG_TEST_B=from-file\n")
    monkeypatch.delenv("CATALOG_TEST_A", raising=False)
    monkeypatch.setenv("CATALOG_TEST_B", "from-environment")

    assert manage.load_development_env(env) is True

    assert os.environ["CATALOG_TEST_A"] == "from-file"
    assert os.environ["CATALOG_TEST_B"] == "from-environment"
    monkeypatch.delenv("CATALOG_TEST_A")


def test_without_the_file_nothing_is_read(tmp_path):
    assert manage.load_development_env(tmp_path / ".env") is False


def test_the_servers_do_not_read_it():
    root = Path(manage.__file__).parent
    for server in ("config/wsgi.py", "config/asgi.py"):
        assert "dotenv" not in (root / server).read_text()


def test_django_env_file_names_another_file_or_none(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_ENV_FILE", str(tmp_path / "staging.env"))
    assert manage.development_env_file() == tmp_path / "staging.env"

    monkeypatch.setenv("DJANGO_ENV_FILE", "")
    assert manage.development_env_file() is None
    assert manage.load_development_env(None) is False

    monkeypatch.delenv("DJANGO_ENV_FILE")
    assert manage.development_env_file() == manage.DEVELOPMENT_ENV
