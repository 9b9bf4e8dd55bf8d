# MonEspace — two commands from a clean clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_WORKERS ?= 1
export PICCOLO_CONF := tables.piccolo_conf

.PHONY: run web worker scheduler migrate demo test test-unit test-e2e chromium lint clean bench routes captures vnu

$(BIN)/.installed: pyproject.toml
	@echo "Installation de l'environnement Python dans $(VENV) (la première fois : paquets téléchargés depuis PyPI)…"
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -qq --disable-pip-version-check --upgrade pip
	@$(BIN)/pip install -qq --disable-pip-version-check -e ".[test]"
	@touch $@

venv: $(BIN)/.installed

migrate: venv
	$(BIN)/piccolo migrations forwards tables

# Demo data: the embedded default only (DEMO=1 is implied when DATABASE_URL is unset).
demo: migrate
	@if [ -z "$$DATABASE_URL" ] || [ "$$DEMO" = "1" ]; then $(BIN)/python -m web.demo; fi

# Embedded default: one process (web + in-process worker and scheduler). With REDIS_URL, three processes.
# Quiet: migrations and demo data go to var/preparation.log (shown if they fail); the app prints one line when up.
run: venv
	@mkdir -p var
	@echo "Préparation de la base et des données de démonstration…"
	@$(MAKE) --no-print-directory demo >var/preparation.log 2>&1 || { cat var/preparation.log; exit 1; }
	@if [ -n "$$REDIS_URL" ]; then \
	  trap 'kill 0' EXIT INT TERM; \
	  $(MAKE) --no-print-directory worker & $(MAKE) --no-print-directory scheduler & \
	  $(MAKE) --no-print-directory web; \
	else \
	  $(BIN)/uvicorn web.app:app --host $(HOST) --port $(PORT) --proxy-headers --no-server-header --log-level warning; \
	fi

web: venv
	$(BIN)/uvicorn web.app:app --host $(HOST) --port $(PORT) --workers $(WEB_WORKERS) --proxy-headers --no-server-header

worker: venv
	$(BIN)/dramatiq tasks.actors --processes 1 --threads 4

scheduler: venv
	$(BIN)/python -m tasks.scheduler

# docs/ROUTES.md from the app's route table (tests/test_routes_doc.py fails when it is stale).
routes: venv
	$(BIN)/python -m web.routes_doc

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium manque : installez-le avec « sudo apt-get install -y chromium » puis relancez make test."; exit 1; fi; \
	fi

# The W3C Nu HTML Checker, run by the e2e suite on every page it checks (Java is on the machine; npm fetches the jar).
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	npm install --prefix $(VENV)/vnu --no-save --silent --no-audit --no-fund vnu-jar@26.9.27

vnu: $(VNU_JAR)

test: venv chromium vnu
	$(BIN)/pytest tests
	$(BIN)/pytest e2e

test-unit: venv
	$(BIN)/pytest tests

test-e2e: venv chromium vnu
	$(BIN)/pytest e2e

# A PNG of every page and state the e2e suite visits, phone and desktop, in captures/ (open captures/index.html).
captures: venv chromium vnu
	rm -rf captures
	CAPTURES=$(CURDIR)/captures $(BIN)/pytest e2e -q
	@echo "Captures : $(CURDIR)/captures/index.html"

lint: venv
	$(BIN)/ruff check .

clean:
	rm -rf var/monespace.sqlite3 var/mail var/uploads var/preparation.log

# Performance at national scale (bench/README.md): PostgreSQL on 127.0.0.1:5432 (user postgres), Redis,
# wrk, node/npm, Chromium. Data cached under bench/data/; BENCH_SCALE=100k skips the 1M step.
bench: venv chromium
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk manque : installez-le avec « sudo apt-get install -y wrk »"; exit 1; fi; }
	$(BIN)/python bench/run.py
