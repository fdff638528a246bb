# Duijie: the two commands a newcomer needs are `make demo` and `make test`.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SEED ?= 2025
SCALE ?= 1

.PHONY: setup setup-test demo run test check lint typecheck imports migrations-check pytest messages clean

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

## make demo: install, migrate, load reference + demo data, serve on http://127.0.0.1:8000
demo: setup
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py demo --seed $(SEED) --scale $(SCALE)
	@echo "Duijie is starting on http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	@$(MAKE) --no-print-directory run

## make run: the development server and one background worker (Ctrl-C stops both)
run:
	@$(PY) manage.py run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: every quality gate, then the whole suite with coverage
test: setup-test check pytest

check: lint typecheck imports migrations-check

lint:
	.venv/bin/ruff check src tests scripts
	.venv/bin/ruff format --check src tests scripts

typecheck:
	.venv/bin/mypy

imports:
	.venv/bin/lint-imports

migrations-check:
	$(PY) manage.py makemigrations --check --dry-run -v 1

pytest:
	rm -f .coverage
	$(PY) -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)
	.venv/bin/coverage report --include='src/duijie_core/*' --fail-under=90 --skip-covered

messages:
	$(PY) scripts/make_messages.py
	$(PY) scripts/po_fill.py
	$(PY) scripts/compile_messages.py

clean:
	rm -rf .venv .tools var .coverage test-artifacts
