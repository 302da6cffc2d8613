# Front door of the claims workbook. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA ?= $(or $(WORKBOOK_DATA),data)
# Recipes read DATA and the other values a user gives from the environment ("$$DATA"), never pasted
# into the shell's command line: a path with spaces, quotes, `...` or $(...) stays one argument.
export DATA OUT DB ARTICLE PUBLISHED OUTLET URL TITLE DRAFT
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
FONT := /usr/share/fonts/truetype/nanum/NanumGothic.ttf

.DEFAULT_GOAL := help
.PHONY: help setup browser validate migrate codebook codebooks test test-fast typecheck lint structure format lab briefing datasette execute bench bench-draft draft clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the pinned packages (run by the other targets)

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

# Korean names in the data need Hangul glyphs in the charts; matplotlib's font list is rebuilt after.
$(FONT):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq fonts-nanum; \
	else echo "Charts need a Korean font: sudo apt-get install fonts-nanum" >&2; exit 1; fi
	rm -f $${MPLCONFIGDIR:-$$HOME/.cache/matplotlib}/fontlist-*.json

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

browser: $(CHROMIUM) $(AXE) $(FONT) ## Install what the browser tests need (chromium, axe-core, a Korean font)

validate: $(STAMP) ## Check the data (DATA=data): one line of counts, or every problem
	$(PY) -m helpers validate "$$DATA"

migrate: $(STAMP) ## Upgrade a data folder curated under an earlier schema (DATA=data); prints every change
	$(PY) -m helpers migrate "$$DATA"

codebook: $(STAMP) ## Regenerate data/README.md from data/datapackage.json
	$(PY) -m helpers codebook "$$DATA"

codebooks: $(STAMP) ## Regenerate every shipped codebook (data/, datasets/*/data, the frozen fixture) after a schema change
	for folder in data datasets/*/data tests/fixtures/seed/data benchmarks/heldout/data; do $(PY) -m helpers codebook "$$folder" || exit 1; done

REFERENCE := $(CURDIR)/tests/fixtures/seed/data
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

test: $(STAMP) $(CHROMIUM) $(AXE) $(FONT) ## Run every test: lint, types, codebook, helpers, notebooks (nbval), browser, JupyterLab; print coverage
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(MAKE) --no-print-directory structure
	$(PY) -m helpers codebook --check
	$(PY) -m pytest tests -n auto --dist worksteal --cov --cov-report=term --durations=15
	WORKBOOK_DATA=$(REFERENCE) $(PY) -m pytest $(NBVAL) notebooks

test-fast: $(STAMP) ## Unit tests only, on every core: no kernels, no browser, no JupyterLab; 8 property examples, not 30
	$(PY) -m pytest tests -m "not build and not browser and not lab and not nbval and not cli and not fork" --hypothesis-profile=dev -n auto --dist worksteal -q

typecheck: $(STAMP) ## Check the type hints of helpers/ with mypy
	$(PY) -m mypy

lint: $(STAMP) ## Lint and check formatting with ruff; complexity and the floors' imports (structure)
	$(PY) -m ruff check . && $(PY) -m ruff format --check .
	$(MAKE) --no-print-directory structure

# radon always exits 0: the check is that it lists nothing of grade D or worse (complexity over 20).
structure: $(STAMP) ## No function over complexity 20 (radon); every import points down a floor (lint-imports)
	@test -z "$$($(VENV)/bin/radon cc -n D helpers)" || { $(VENV)/bin/radon cc -n D -s helpers; \
	echo "functions over complexity 20 (radon grade D or worse)" >&2; exit 1; }
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP) ## Format the code with ruff
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

# JupyterLab refuses to run as root (as in most containers) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

# Saving a stored notebook keeps its reference outputs (helpers/publish/lab_save.py): using the
# workbook never breaks `make test`. DRAFT=... names the draft folder notebook 08 reviews.
LAB_HOOK := --ContentsManager.pre_save_hook=helpers.publish.lab_save.keep_reference_outputs

lab: $(STAMP) ## Open the workbook in JupyterLab (DATA=... for another data folder, DRAFT=... for notebook 08)
	WORKBOOK_DATA="$$(realpath -m -- "$$DATA")" WORKBOOK_DRAFT="$${DRAFT:+$$(realpath -m -- "$$DRAFT")}" \
	$(VENV)/bin/jupyter lab notebooks/ $(ROOT_FLAG) $(LAB_HOOK)

briefing: $(STAMP) ## Validate the data, then build its HTML briefing (DATA=..., OUT=... to name the folder)
	$(PY) -m helpers validate "$$DATA"
	$(PY) -m helpers briefing --data "$$DATA" $(if $(OUT),--out "$$OUT")

DB ?= .datasette/claims.db

datasette: $(STAMP) ## Export the data (DATA=data) to SQLite and browse it with Datasette at http://127.0.0.1:8001
	mkdir -p "$$(dirname "$$DB")"
	$(PY) -m helpers export sqlite "$$DB" --data "$$DATA"
	$(VENV)/bin/datasette serve "$$DB" --metadata "$${DB%.*}.metadata.json" --host 127.0.0.1 --port 8001

execute: $(STAMP) ## Re-execute every notebook in place against the reference data (after a change to helpers/)
	$(PY) -m helpers execute

bench: $(STAMP) ## Benchmarks, each against a baseline of the same run: loading, build, explorer, hostile inputs, growth with the data, the drafter
	$(PY) benchmarks/bench_load.py
	$(PY) benchmarks/bench_briefing.py
	$(PY) benchmarks/bench_explorer.py
	$(PY) benchmarks/bench_hostile.py
	$(PY) benchmarks/bench_scale.py --build
	$(PY) benchmarks/bench_draft.py

bench-draft: $(STAMP) ## The drafter against every dataset's curated rows, each share beside its target
	$(PY) benchmarks/bench_draft.py

draft: $(STAMP) ## Draft a new article's rows: ARTICLE=... PUBLISHED=YYYY-MM-DD OUTLET=... URL=... TITLE=... (into drafts/)
	$(PY) -m helpers draft "$$ARTICLE" --data "$$DATA" --published "$$PUBLISHED" --outlet "$$OUTLET" --url "$$URL" --title "$$TITLE"

clean: ## Remove generated files (briefings, caches); keeps .venv and node_modules
	rm -rf briefings briefings-* .datasette .pytest_cache .ruff_cache .mypy_cache .import_linter_cache .coverage
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
