# deckgen: `make build` sets everything up and builds the sample talk;
# `make test` runs the tests. Both need only Python 3.11+ on the machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Reinstalled whenever pyproject.toml changes (new dependency, new backend).
STAMP  := $(VENV)/.installed

.PHONY: build test fuzz bench lint clean docs

build: $(STAMP)
	$(BIN)/deckgen build content/space_race.yaml -o build

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

test: $(STAMP)
	$(BIN)/python -m pytest

# The long fuzz run (tests/hardening, marked slow): FUZZ_EXAMPLES examples per
# fuzz test (default 2000; about an hour on two cores).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/hardening -m slow -p no:cacheprovider --hypothesis-show-statistics

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The generated pages of docs/ (outline.md, cli.md, tables) and every picture
# of docs/images/ (needs poppler's pdftoppm); byte-stable, so unchanged
# pictures stay unchanged in git.
docs: $(STAMP)
	$(BIN)/python tools/docs.py
	$(BIN)/python tools/gallery.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Removes outputs and caches; keeps .venv (delete it by hand to start afresh).
clean:
	find build -mindepth 1 ! -name .gitkeep -delete
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .mypy_cache .hypothesis *.egg-info $(STAMP)
