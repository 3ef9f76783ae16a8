# Entraide: `make run` to try it, `make test` to check it. Both set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv comes from the machine if it has it, otherwise it is installed in .tools/ by pip.
UV := $(shell command -v uv >/dev/null 2>&1 && uv --version >/dev/null 2>&1 && echo uv || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
PY := .venv/bin/python
MANAGE := $(PY) manage.py
CHROMIUM ?= /usr/bin/chromium

.PHONY: help install run test lint typecheck pytest browser icaljs wrk schemaorg meetingguide messages bench bench-report bench-load bench-circle bench-formation bench-pairing bench-rota bench-quick restore-drill proxy topology drills clean

help:
	@echo "make run    install, migrate, load the demo and serve on http://127.0.0.1:8000"
	@echo "make test   lint, type-check and run the whole test suite"
	@echo "make bench  measure the search and the public pages against a baseline view, then the programme report (needs PostgreSQL)"
	@echo "make bench-report  measure the programme report of an organisation with 1,000 groups (PostgreSQL)"
	@echo "make bench-load  200 virtual people for 3 minutes on PostgreSQL: errors, p50/p95/p99, writes lost"
	@echo "make bench-circle  measure the talking circle's delay with 240 websocket clients"
	@echo "make bench-formation  measure the group-formation solver against a MILP and k-means"
	@echo "make bench-pairing  measure the pairing core (stable, best) against scipy's dense assignment"
	@echo "make bench-rota  measure the listening line's rota solver against a greedy rota"
	@echo "make restore-drill  back up, destroy, restore and compare a database (needs PostgreSQL)"
	@echo "make topology  the production topology on this machine: nginx, TLS, two app processes (deploy/)"
	@echo "make drills  faults under load on that topology: restarts, a crash, cut connections, Redis"
	@echo "make bench-quick  a short run of every benchmark, as CI does (about 4 minutes)"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

install: $(filter .tools/%,$(UV))
	$(UV) sync --frozen --quiet

run: install
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) load_demo
	@# The task worker sends e-mails and meeting reminders in the background, and periodic_jobs
	@# runs what the README gives to cron (planning, the reminders' safety net, circles); both
	@# stop with the server. uvicorn serves the pages, the static files (WhiteNoise, from the
	@# apps' folders in DEBUG) and the talking circle's WebSockets, which runserver cannot; it
	@# reloads on code changes and, like our settings, logs no request paths (they name groups).
	DEBUG=1 $(MANAGE) db_worker & worker=$$!; DEBUG=1 $(MANAGE) periodic_jobs & jobs=$$!; trap 'kill $$worker $$jobs' EXIT; DEBUG=1 .venv/bin/uvicorn entraide.asgi:application --host 127.0.0.1 --port 8000 --reload --reload-dir entraide --no-access-log

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	@# The layers of docs/architecture.md, and no import circle (pyproject.toml).
	.venv/bin/lint-imports --no-cache

typecheck: install
	.venv/bin/mypy .

# Browser tests drive Debian's Chromium; install it when it is missing (root, or sudo).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Chromium for the browser tests…"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# The calendar tests read our feeds with ical.js (the parser of Thunderbird and Nextcloud) under
# Node.js: Debian's Node.js and npm when the machine has none (root, or sudo), then ical.js at the
# version of tests/icaljs/package-lock.json.
icaljs:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		echo "Installing Node.js for the calendar tests…"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	fi
	@if [ ! -f tests/icaljs/node_modules/.package-lock.json ] || [ tests/icaljs/package-lock.json -nt tests/icaljs/node_modules/.package-lock.json ]; then \
		npm ci --prefix tests/icaljs --no-audit --no-fund --silent; \
	fi

# The schema.org tests check our JSON-LD with schema-dts (the vocabulary as TypeScript types)
# and the TypeScript compiler, at the versions of tests/schemaorg/package-lock.json.
schemaorg: icaljs
	@if [ ! -f tests/schemaorg/node_modules/.package-lock.json ] || [ tests/schemaorg/package-lock.json -nt tests/schemaorg/node_modules/.package-lock.json ]; then \
		npm ci --prefix tests/schemaorg --no-audit --no-fund --silent; \
	fi

# The Meeting Guide tests check our feed against the specification's own list of meeting types,
# the npm package @code4recovery/spec, at the version of tests/meetingguide/package-lock.json.
meetingguide: icaljs
	@if [ ! -f tests/meetingguide/node_modules/.package-lock.json ] || [ tests/meetingguide/package-lock.json -nt tests/meetingguide/node_modules/.package-lock.json ]; then \
		npm ci --prefix tests/meetingguide --no-audit --no-fund --silent; \
	fi

# The deployment test runs the production topology of deploy/ behind Debian's nginx; install it
# when it is missing (root, or sudo). It is only run by the tests and `make topology`.
proxy:
	@if [ ! -x /usr/sbin/nginx ]; then \
		echo "Installing nginx for the deployment test…"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; \
	fi

# The production topology on this machine (nginx with TLS, two app processes, two workers, the
# periodic jobs) on its own PostgreSQL database, until Ctrl-C: deploy/README.md.
topology: install proxy
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS entraide_topology WITH (FORCE)" -c "CREATE DATABASE entraide_topology"
	$(PY) deploy/topology.py --database postgres://postgres@127.0.0.1:5432/entraide_topology

# The fault drills: the topology under a steady load while an app process restarts or crashes,
# a worker stops, the database connections are cut and Redis restarts (docs/operations.md).
drills: install proxy
	$(PY) deploy/drills.py

# `make bench` loads the server with wrk, from Debian's packages; install it when it is missing.
wrk:
	@if ! command -v wrk >/dev/null; then \
		echo "Installing wrk for the benchmarks…"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; \
	fi

pytest: install browser icaljs schemaorg meetingguide proxy
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run >/dev/null
	@# worksteal, not loadfile: a file's tests may run on several workers, so the slowest files
	@# (the URL matrix, the solver) no longer keep one worker busy while the others wait.
	.venv/bin/pytest -n auto --maxprocesses 4 --dist worksteal

test: lint typecheck pytest

messages: install
	DEBUG=1 $(MANAGE) makemessages --locale en --locale fr --no-obsolete --add-location file --ignore ".venv/*" --ignore ".tools/*" --ignore "benchmarks/*"
	$(PY) scripts/fill_french_plurals.py
	DEBUG=1 $(MANAGE) compilemessages --ignore ".venv/*" --ignore ".tools/*"

# The benchmarks need PostgreSQL on 127.0.0.1:5432 (`make bench`) and use Redis on
# 127.0.0.1:6379 when it runs; each gives its server throw-away keys of its own.
bench: install wrk
	$(PY) benchmarks/run.py
	$(PY) benchmarks/report.py
	$(PY) -m benchmarks.load

# 200 virtual people mixing public pages, searches, sign-in, a group's space, answers to a
# meeting and carnet pages for 3 minutes, on its own database (entraide_bench_load) with 10,000
# groups: requests and errors by kind, p50/p95/p99, and writes lost (checked in the database).
bench-load: install
	$(PY) -m benchmarks.load

# The programme report of one organisation with 1,000 groups, on its own PostgreSQL database
# (entraide_bench_report); --quick seeds 100 groups, for CI.
bench-report: install
	$(PY) benchmarks/report.py

bench-formation: install
	$(PY) benchmarks/formation.py

# The matching core of issue 17 on 5,000 seekers and 2,000 peers: ours against a dense
# linear_sum_assignment and a textbook deferred acceptance, checked against HiGHS's LP optimum.
bench-pairing: install
	$(PY) benchmarks/pairing.py
# A listening line's rota: a month (93 shifts, 60 volunteers) and a bigger line (124 shifts with
# handovers, 150 volunteers), our exact solver against a greedy coordinator.
bench-rota: install
	$(PY) benchmarks/rota.py

# The talking circle: 20 circles × 12 websocket clients on loopback, delay from an action to
# every device (SQLite and the in-process layer; Redis when REDIS_URL is set).
bench-circle: install
	$(PY) benchmarks/circle.py

# Back up, destroy, restore and compare, on this machine's PostgreSQL (docs/operations.md).
restore-drill: install
	$(PY) deploy/restore_drill.py
# CI: each benchmark's whole path (seed, serve with uvicorn, drive, report) on tiny data, the
# reports in temporary files; fails on an error, not on a missed target.
bench-quick: install wrk
	$(PY) benchmarks/run.py --quick
	$(PY) benchmarks/circle.py --quick
	$(PY) benchmarks/formation.py --quick
	$(PY) benchmarks/pairing.py --quick
	$(PY) benchmarks/rota.py --quick
	$(PY) benchmarks/report.py --quick
	$(PY) -m benchmarks.load --quick

clean:
	rm -rf .venv .tools staticfiles db.sqlite3 .mypy_cache .pytest_cache .ruff_cache tests/icaljs/node_modules tests/schemaorg/node_modules tests/meetingguide/node_modules
