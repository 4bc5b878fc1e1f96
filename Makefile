# Everything a new machine needs is installed by these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps demo test lint bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

install: $(STAMP)

# Exit code 1 means "findings" here, which is the point of the demo; 2 would be a real error.
demo: $(STAMP)
	@$(BIN)/mlposture scan iac/ || test $$? -eq 1

# PostgreSQL and Chromium from Debian's packages, where missing (see .ci/system-deps.sh).
system-deps:
	bash .ci/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check scanner tests bench hatch_build.py
	$(BIN)/ruff format --check scanner tests bench hatch_build.py
	$(BIN)/mypy scanner

# Checkov lives in its own virtual environment (it pins old boto3 and others); if it cannot
# be installed the benchmark still runs and says so.
bench: $(STAMP)
	-bash bench/checkov_venv.sh $(PYTHON)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/startup_bench.py
	$(BIN)/python bench/engine_bench.py --resources 1000000
	$(BIN)/python bench/e2e_bench.py --resources 1000000
	$(BIN)/python bench/iam_bench.py --statements 100000
	$(BIN)/python bench/reach_bench.py --resources 100000 --relations 300000 --statements 50000
	$(BIN)/python bench/paths_bench.py --resources 100000 --relations 300000
	$(BIN)/python bench/azure_audit_bench.py
	$(BIN)/python bench/gcp_audit_bench.py --latency-ms 50
	$(BIN)/python bench/store_bench.py

# The in-suite fuzz test for longer (30 minutes by default); FUZZ_SEED=N for another sequence.
FUZZ_SECONDS ?= 1800
fuzz: $(STAMP)
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -p no:cacheprovider -s tests/fuzz

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
