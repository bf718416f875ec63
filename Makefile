# storytrace: `make demo` sets everything up and analyses the bundled example; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint eval bench schema clean gate

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,models]'
	@touch $(STAMP)

demo: setup
	$(BIN)/storytrace demo --out storytrace-report
	@echo "Open storytrace-report/report.html in a browser (also report.md and report.json)."

test: setup
	sh scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

# every check of the quality gate (minutes); `make test` runs its fast part (tests/test_gate.py)
gate: setup
	$(BIN)/python -m eval.gate

lint: setup
	$(BIN)/ruff check src tests eval bench
	$(BIN)/ruff format --check src tests eval bench

schema: setup
	$(BIN)/storytrace schema --out src/storytrace/schema/result.schema.json

clean:
	rm -rf $(VENV) storytrace-report examples/generated
