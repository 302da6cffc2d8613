# Front door of the claims workbook. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA ?= $(or $(WORKBOOK_DATA),data)
# Recipes read DATA from the environment ("$$DATA"): a path with spaces or quotes stays one argument.
export DATA
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
FONT := /usr/share/fonts/truetype/nanum/NanumGothic.ttf

.DEFAULT_GOAL := help
.PHONY: help setup browser validate codebook test test-fast typecheck lint format lab briefing execute bench clean

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

codebook: $(STAMP) ## Regenerate data/README.md from data/datapackage.json
	$(PY) -m helpers codebook "$$DATA"

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

test: $(STAMP) $(CHROMIUM) $(AXE) $(FONT) ## Run every test: lint, types, codebook, helpers, notebooks (nbval), browser, JupyterLab; print coverage
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m helpers codebook --check
	$(PY) -m pytest tests --cov --cov-report=term
	$(PY) -m pytest $(NBVAL) notebooks

test-fast: $(STAMP) ## Unit tests only: no kernels, no browser, no JupyterLab; 30 property examples, not 200
	$(PY) -m pytest tests -m "not build and not browser and not lab and not nbval" --hypothesis-profile=dev

typecheck: $(STAMP) ## Check the type hints of helpers/ with mypy
	$(PY) -m mypy

lint: $(STAMP) ## Lint and check formatting with ruff
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: $(STAMP) ## Format the code with ruff
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

lab: $(STAMP) ## Open the workbook in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

briefing: $(STAMP) ## Validate the data, then build the HTML briefing into briefings/
	$(PY) -m helpers validate "$$DATA"
	$(PY) -m helpers briefing --data "$$DATA"

execute: $(STAMP) ## Re-execute every notebook in place (after a change to helpers/ or data/)
	$(PY) -m helpers execute

bench: $(STAMP) ## Benchmarks: loading vs bare read_csv; briefing build vs its floor; explorer updates; hostile inputs
	$(PY) benchmarks/bench_load.py
	$(PY) benchmarks/bench_briefing.py
	$(PY) benchmarks/bench_explorer.py
	$(PY) benchmarks/bench_hostile.py

clean: ## Remove generated files (briefings, caches); keeps .venv and node_modules
	rm -rf briefings .pytest_cache .ruff_cache .mypy_cache .coverage
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
