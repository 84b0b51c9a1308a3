# referat: `make run` serves the demo archive, `make test` runs the whole test suite.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA ?= data
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint system-deps demo eval-entities eval-search eval-decisions bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	# torch first, pinned: the CPU build lies on these machines' disk (no CUDA download)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,cluster]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/referat --data $(DATA) ingest corpus/demo

run: demo
	$(BIN)/referat --data $(DATA) serve --host $(HOST) --port $(PORT)

system-deps:
	bash scripts/system-deps.sh

test: install system-deps
	$(PY) -m pytest

lint: install
	$(BIN)/ruff check corpus indexer api tests benchmarks models
	$(BIN)/mypy corpus indexer api

eval-entities: install
	$(PY) -m indexer.evaluation.entities

eval-search: install
	$(PY) -m indexer.evaluation.search

eval-decisions: install
	$(PY) -m indexer.evaluation.decisions

bench: install
	$(BIN)/pip install -q -e '.[bench]'
	$(PY) -m benchmarks.run_all

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .mypy_cache .ruff_cache
