# DVCQ — the two commands of the quick start are `make run` and `make test`.
# Both set up what they need: a virtualenv in .venv with the project and its tools, and the
# web app's node_modules (npm ci) and build (frontend/dist) when its sources are newer.

PYTHON ?= python3
NPM ?= npm
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

WEB := frontend
NODE_STAMP := $(WEB)/node_modules/.package-lock.json
SPA := $(WEB)/dist/index.html
SPA_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f 2>/dev/null) \
	$(WEB)/index.html $(WEB)/vite.config.ts $(WEB)/tsconfig.json $(WEB)/tsconfig.app.json
# Debian's Chromium runs the browser tests; without it they are skipped (DVCQ_REQUIRE_E2E=1: fail).
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format openapi migrate seed clean help spa web-lint web-test e2e bench-dashboard

help:
	@echo "make run      build the web app if needed and start DVCQ (embedded PostgreSQL unless DVCQ_DATABASE_URL is set)"
	@echo "make test     lint and run every test: Python, the web app's unit tests, the browser tests"
	@echo "make openapi  rewrite openapi.json from the app (then: cd frontend && npm run gen:api)"
	@echo "make format   format the Python code with ruff"
	@echo "make bench-dashboard  time the dashboard in headless Chromium"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "DVCQ needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(NODE_STAMP): $(WEB)/package.json $(WEB)/package-lock.json
	@command -v $(NPM) >/dev/null || { echo "The web app needs Node.js 20.19+ with npm"; exit 1; }
	cd $(WEB) && $(NPM) ci --no-audit --no-fund
	touch $@

$(SPA): $(NODE_STAMP) $(SPA_SOURCES)
	cd $(WEB) && $(NPM) run build

spa: $(SPA)

run: $(STAMP)
	@if command -v $(NPM) >/dev/null; then $(MAKE) --no-print-directory spa; \
	else echo "npm not found: serving the API without the web app (it needs Node.js 20.19+)"; fi
	$(BIN)/dvcq serve

test: lint web-test
	$(BIN)/pytest
	@$(MAKE) --no-print-directory e2e

lint: $(STAMP) web-lint
	$(BIN)/ruff check api tests migrations bench $(WEB)/e2e
	$(BIN)/ruff format --check api tests migrations bench $(WEB)/e2e

web-lint: $(NODE_STAMP)
	cd $(WEB) && $(NPM) run --silent check:api && $(NPM) run --silent typecheck && $(NPM) run --silent lint

web-test: $(NODE_STAMP)
	cd $(WEB) && $(NPM) test

e2e: $(STAMP) $(SPA)
	cd $(WEB) && $(NPM) run --silent check:budget
	@if [ -x "$(CHROMIUM)" ]; then \
		cd $(WEB) && DVCQ_CHROMIUM="$(CHROMIUM)" DVCQ_PYTHON="$(BIN)/python" npx playwright test; \
	elif [ "$${DVCQ_REQUIRE_E2E:-0}" = 1 ]; then \
		echo "Chromium not found at $(CHROMIUM) and DVCQ_REQUIRE_E2E=1: the browser tests cannot run"; exit 1; \
	else \
		echo "Chromium not found at $(CHROMIUM): browser tests skipped (apt-get install chromium to run them)"; \
	fi

bench-dashboard: $(STAMP) $(SPA)
	cd $(WEB) && DVCQ_PYTHON="$(BIN)/python" $(NPM) run --silent bench:dashboard

format: $(STAMP)
	$(BIN)/ruff check --fix api tests migrations bench $(WEB)/e2e
	$(BIN)/ruff format api tests migrations bench $(WEB)/e2e

openapi: $(STAMP)
	$(BIN)/dvcq export-openapi

migrate: $(STAMP)
	$(BIN)/dvcq migrate

seed: $(STAMP)
	$(BIN)/dvcq seed

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(WEB)/node_modules $(WEB)/dist $(WEB)/test-results
