# Liaison — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The address mail links and calendar entries point to: where `make run` serves, unless SITE_URL
# is given (behind a proxy, say). Listening on every interface, the machine's name stands in.
SITE_URL ?= http://$(if $(filter 0.0.0.0 ::,$(HOST)),$(shell hostname -f 2>/dev/null || hostname),$(HOST)):$(PORT)

.PHONY: help install system-packages migrate demo run test lint check messages bench clean opensearch opensearch-stop

help:
	@echo "make run    set up (.venv, database, demo content) and serve http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   ruff; make check  Django checks and missing migrations"
	@echo "make messages  refresh and compile the French catalogue (needs gettext)"
	@echo "make bench  run the benchmarks under bench/ (needs wrk) and write bench/results.json"
	@echo "make opensearch  a local three-node OpenSearch cluster on 127.0.0.1:9200-9202 (Java, Maven)"
	@echo "make opensearch-stop  stop it"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py search_index --rebuild

run: demo
	@echo "Serving Liaison on http://$(HOST):$(PORT)/ (links in mail point to $(SITE_URL); Ctrl+C to stop)"
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# Debian packages the tests need (PostgreSQL, pdftotext, Chromium, npm): installed when run as
# root, otherwise named with the command that installs them.
system-packages:
	@scripts/system-packages.sh

E2E_NODE := tests/e2e/node_modules/.installed

# axe-core for the accessibility tests, pinned by tests/e2e/package-lock.json.
$(E2E_NODE): tests/e2e/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is missing: the accessibility tests will say so (apt-get install npm)"; fi

test: install system-packages $(E2E_NODE)
	$(PY) -m pytest
	# The same portal with Spanish and Arabic switched on in settings (issue 17's proof).
	$(PY) -m pytest tests/four_languages --ds=portal.settings.test_four_languages

# OpenSearch from Maven Central's jars (scripts/opensearch/); data under var/opensearch/cluster.
opensearch: install
	@$(PY) scripts/opensearch_cluster.py start --nodes 3 --port 9200

opensearch-stop:
	@$(PYTHON) scripts/opensearch_cluster.py stop

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: install
	$(PY) manage.py makemessages -l fr --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages -l fr --ignore=.venv

bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk; } || \
		{ echo "The HTTP benchmarks need wrk: sudo apt-get install wrk"; exit 1; }
	$(PY) bench/search.py
	@if command -v java >/dev/null && command -v mvn >/dev/null; then $(PY) bench/search.py --engines; \
		else echo "bench/search.py --engines skipped: OpenSearch needs Java 17 and Maven"; fi
	$(PY) bench/search_quality.py
	$(PY) bench/registration.py
	$(PY) bench/registration_series.py
	$(PY) bench/badges.py
	$(PY) bench/desk.py
	$(PY) bench/pages.py
	$(PY) bench/report.py

clean:
	rm -rf var .pytest_cache .ruff_cache
