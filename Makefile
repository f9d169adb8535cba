# Media Catalog. `make run` sets up and serves the catalog; `make test` runs
# the whole test suite (on PostgreSQL when DATABASE_URL names it).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Commands run with the development settings kept in .env (made on first use),
# which manage.py reads itself; variables set in the environment win.
MANAGE := $(BIN)/python manage.py
# The browser tests drive Debian's Chromium.
CHROMIUM := /usr/bin/chromium
# The credited-file tests read the written metadata back with Debian's exiftool too.
EXIFTOOL := /usr/bin/exiftool
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run setup superuser editor test redis fuzz lint format check clean

run: setup
	@echo "Media Catalog: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

setup: $(VENV)/.installed .env
	$(MANAGE) migrate --noinput
	$(MANAGE) import_articles fixtures/articles

# createsuperuser asks for a name and password: it needs a terminal.
superuser: setup
	@if [ -t 0 ]; then $(MANAGE) createsuperuser; else \
	  echo "make superuser asks for a name and a password, and there is no terminal here."; \
	  echo "Run it in a terminal, or without one:"; \
	  echo "  DJANGO_SUPERUSER_USERNAME=admin DJANGO_SUPERUSER_EMAIL=admin@example.org \\"; \
	  echo "  DJANGO_SUPERUSER_PASSWORD='...' $(MANAGE) createsuperuser --noinput"; \
	  echo "For a photo editor's account (staff, not a superuser): make editor"; \
	  exit 1; fi

# A photo editor's account, without questions: EDITOR_USERNAME (default
# editor), EDITOR_PASSWORD (required, no default) and EDITOR_EMAIL.
editor: setup
	$(MANAGE) create_editor

test: $(VENV)/.installed $(CHROMIUM) $(EXIFTOOL) redis
	$(BIN)/pytest

# The throttle tests count requests in a real Redis on 127.0.0.1:6379; start
# one (installing Debian's redis-server first if need be) when none answers.
REDIS_PING := redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1
redis:
	@$(REDIS_PING) || { \
	  command -v redis-server >/dev/null || { \
	    echo "The throttle tests need Redis; installing Debian's redis-server."; \
	    $(SUDO) apt-get update && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server; }; \
	  $(REDIS_PING) || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 \
	    --save "" --appendonly no --dir /tmp --logfile /tmp/media-catalog-redis.log; \
	  for _ in $$(seq 30); do $(REDIS_PING) && break; sleep 1; done; \
	  $(REDIS_PING) || { echo "Redis did not start on 127.0.0.1:6379"; exit 1; }; }

# The fuzz tests with thousands of fresh random examples each (tests/fuzz/conftest.py).
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/fuzz --hypothesis-show-statistics

$(CHROMIUM):
	@echo "The browser tests need Debian's chromium package; installing it."
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

$(EXIFTOOL):
	@echo "The credited-file tests need Debian's exiftool; installing libimage-exiftool-perl."
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y libimage-exiftool-perl

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed .env
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# A development configuration with a fresh random secret key; never used in production.
.env:
	@printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote $@ (development settings)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles db.sqlite3 db.sqlite3-*
