# The two commands a newcomer needs: `make run` and `make test` (see README.md).
SHELL := /bin/bash
# The first interpreter that actually runs and is >= 3.12 (pyenv shims may exist but fail).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run setup test lint format typecheck contracts deploy-check migrate worker beat bench load clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 is required (python3.12 or python3.13 not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_lai_chau
	@if $(MANAGE) help create_demo_accounts >/dev/null 2>&1; then $(MANAGE) create_demo_accounts; fi

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint templates
	$(MAKE) --no-print-directory typecheck contracts deploy-check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# mypy with django-stubs (config in pyproject.toml): 0 errors, strict for the pure modules.
typecheck: install
	$(BIN)/mypy config ops audit indicators accounts entry reports scripts

# The architecture: indicators <- accounts <- entry, reports; no circles (pyproject.toml).
contracts: install
	$(BIN)/lint-imports

# `check --deploy` under production settings in a made-up but realistic environment, the one
# README's "Production" asks for, and nothing else of this shell's (nothing is contacted):
# 0 warnings and 0 errors, or the build fails.
deploy-check: install
	env -i PATH="$$PATH" HOME="$$HOME" \
	  DJANGO_SETTINGS_MODULE=config.settings.production \
	  DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  DJANGO_ALLOWED_HOSTS=chitieu.example.vn \
	  DATABASE_URL=postgres://chitieu:secret@127.0.0.1:5432/chitieu \
	  CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
	  EMAIL_URL='smtp+tls://chitieu%40example.vn:mat-khau@smtp.example.vn:587' \
	  DEFAULT_FROM_EMAIL=chitieu@example.vn \
	  CHITIEU_SITE_URL=https://chitieu.example.vn \
	  $(MANAGE) check --deploy --fail-level WARNING

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Rewrites files: imports sorted, fixable lint fixed, code formatted.
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: install
	$(MANAGE) migrate

worker: install
	$(BIN)/celery -A config worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config beat --loglevel=INFO

bench: install
	$(BIN)/python scripts/benchmark.py
	$(BIN)/python scripts/bench_import.py

# 50 departments saving their forms for 60 s against gunicorn while a 100 000-row import runs:
# errors, lost values, p95 of a save. In a database of its own on DATABASE_URL's PostgreSQL
# server, which must be on this machine (default postgres://postgres@127.0.0.1:5432/postgres).
load: install
	$(BIN)/python scripts/load_entry.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
