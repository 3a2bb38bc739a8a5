# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED   := seeds/000_cfe327ed47657390.txt
TABLES := build/tables

.PHONY: setup run tables test lint check-figures bench lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	# byte-compile the package now, as pip does for a regular install: an editable install leaves it
	# to the first import, which repeats it on every start where bytecode is not written
	$(BIN)/python -m compileall -q harchang_analysis
	@touch $(STAMP)

## run: parse the seed plan into build/tables/, then run every notebook and rewrite figures/
run: tables
	HARCHANG_STRICT_FIGURES=1 $(BIN)/harchang run

tables: $(STAMP)
	$(BIN)/harchang parse $(SEED) --out $(TABLES)

## test: unit tests, doctests, the notebooks (nbval, drawing into a temporary folder), and the
## figures they drew against the committed ones (numbers exactly, pictures within a tolerance)
test: $(STAMP) lint
	$(BIN)/python -m pytest -q

## lint: ruff (style and likely bugs) and mypy (types), both configured in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## check-figures: after `make run`, figures/ must be byte-identical to the committed files (same machine)
check-figures:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  changed=$$(git status --porcelain -- figures); \
	  if [ -n "$$changed" ]; then \
	    echo "figures/ differs from the committed files (run make run, review, commit):"; echo "$$changed"; exit 1; \
	  else echo "figures/: identical to the committed files"; fi; \
	else echo "figures/: not a git checkout, comparison skipped"; fi

## bench: time load_plan against bare jieba, load_corpus on 1 and 2 cores, memory and import (not part of test)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## lock: re-pin every package from the current .venv (after changing pyproject.toml)
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v -i '^harchang' > requirements.lock.tmp
	echo "setuptools==$$($(BIN)/python -c 'import setuptools; print(setuptools.__version__)')" >> requirements.lock.tmp
	sort -f requirements.lock.tmp | sed '1i # Exact versions of every package, installed by `make setup`. Regenerate with `make lock`.' > requirements.lock
	rm requirements.lock.tmp

clean:
	rm -rf $(VENV) build
