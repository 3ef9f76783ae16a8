# Entraide: `make run` to try it, `make test` to check it. Both set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv comes from the machine if it has it, otherwise it is installed in .tools/ by pip.
UV := $(shell command -v uv >/dev/null 2>&1 && uv --version >/dev/null 2>&1 && echo uv || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
PY := .venv/bin/python
MANAGE := $(PY) manage.py
CHROMIUM ?= /usr/bin/chromium

.PHONY: help install run test lint typecheck pytest browser messages bench clean

help:
	@echo "make run    install, migrate, load the demo and serve on http://127.0.0.1:8000"
	@echo "make test   lint, type-check and run the whole test suite"
	@echo "make bench  measure the search against a baseline view (needs PostgreSQL)"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

install: $(filter .tools/%,$(UV))
	$(UV) sync --frozen --quiet

run: install
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) load_demo
	@# The task worker sends meeting reminders in the background; it stops with the server.
	DEBUG=1 $(MANAGE) db_worker & worker=$$!; trap 'kill $$worker' EXIT; DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck: install
	.venv/bin/mypy .

# Browser tests drive Debian's Chromium; install it when it is missing (root, or sudo).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Chromium for the browser tests…"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

pytest: install browser
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run >/dev/null
	.venv/bin/pytest

test: lint typecheck pytest

messages: install
	DEBUG=1 $(MANAGE) makemessages --locale en --locale fr --no-obsolete --add-location file --ignore ".venv/*" --ignore ".tools/*" --ignore "benchmarks/*"
	$(PY) scripts/fill_french_plurals.py
	DEBUG=1 $(MANAGE) compilemessages --ignore ".venv/*" --ignore ".tools/*"

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf .venv .tools staticfiles db.sqlite3 .mypy_cache .pytest_cache .ruff_cache
