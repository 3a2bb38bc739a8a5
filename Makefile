# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED   := seeds/000_cfe327ed47657390.txt
TABLES := build/tables

.PHONY: setup run tables test lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## run: parse the seed plan and write its five tables to build/tables/
run: tables

tables: $(STAMP)
	$(BIN)/harchang parse $(SEED) --out $(TABLES)

## test: unit tests, doctests and notebook checks
test: $(STAMP)
	$(BIN)/python -m pytest -q

## lock: re-pin every package from the current .venv (after changing pyproject.toml)
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v -i '^harchang' > requirements.lock.tmp
	echo "setuptools==$$($(BIN)/python -c 'import setuptools; print(setuptools.__version__)')" >> requirements.lock.tmp
	sort -f requirements.lock.tmp | sed '1i # Exact versions of every package, installed by `make setup`. Regenerate with `make lock`.' > requirements.lock
	rm requirements.lock.tmp

clean:
	rm -rf $(VENV) build
