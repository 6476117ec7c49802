# DVCQ — the two commands of the quick start are `make run` and `make test`.
# Both set up what they need: a virtualenv in .venv with the project and its tools.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format openapi migrate seed clean help

help:
	@echo "make run      start DVCQ (embedded PostgreSQL unless DVCQ_DATABASE_URL is set)"
	@echo "make test     lint and run every test (DVCQ_TEST_DATABASE_URL or embedded PostgreSQL)"
	@echo "make openapi  rewrite openapi.json from the app"
	@echo "make format   format the code with ruff"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "DVCQ needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dvcq serve

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check api tests migrations bench
	$(BIN)/ruff format --check api tests migrations bench

format: $(STAMP)
	$(BIN)/ruff check --fix api tests migrations bench
	$(BIN)/ruff format api tests migrations bench

openapi: $(STAMP)
	$(BIN)/dvcq export-openapi

migrate: $(STAMP)
	$(BIN)/dvcq migrate

seed: $(STAMP)
	$(BIN)/dvcq seed

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
