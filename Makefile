# `make run` (the whole system, locally), `make check` (while editing) and `make test`; deployment in docs/operations.md.
#
# The venv uses the Lambda runtime's Python (3.13): the tests run what Lambda
# runs, and the package's .pyc files and wheels are built for it. It is
# installed from the hash-pinned locks: requirements-run.lock for running
# (make run, deploy, keys, restore), requirements-dev.lock (a superset: tests,
# linters, browser, generators) for the rest. `make lock` regenerates them.
PYTHON_VERSION := 3.13
PYTHON ?= $(firstword $(shell python$(PYTHON_VERSION) -c 'import sys; print(sys.executable)' 2>/dev/null) \
	$(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION).*/bin/python$(PYTHON_VERSION)) \
	$(wildcard /usr/bin/python$(PYTHON_VERSION) /usr/local/bin/python$(PYTHON_VERSION)))
VENV := .venv
BIN := $(VENV)/bin
lock_sum = $(shell cksum < $(1) | cut -d' ' -f1)
RUN_STAMP := $(VENV)/.run-$(PYTHON_VERSION)-$(call lock_sum,requirements-run.lock)
DEV_STAMP := $(VENV)/.dev-$(PYTHON_VERSION)-$(call lock_sum,requirements-dev.lock)
STAGE ?= dev
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: run test check check-js checkov-venv venv dev-venv package deploy adopt destroy bench load restore replay-failed keys clean client lock webhook-receiver bench-quick

# A venv of another Python (an older checkout's) is replaced.
define fresh_venv
	@if ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, "$(PYTHON_VERSION)".split("."))))' 2>/dev/null; then \
	  if [ -z "$(PYTHON)" ]; then echo "Python $(PYTHON_VERSION) (the Lambda runtime's) is needed: install it, or make PYTHON=/path/to/python$(PYTHON_VERSION)" >&2; exit 1; fi; \
	  echo "Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
endef

venv: $(RUN_STAMP)
dev-venv: $(DEV_STAMP)

$(RUN_STAMP): requirements-run.lock
	$(fresh_venv)
	$(BIN)/pip install --require-hashes -r requirements-run.lock
	rm -f $(VENV)/.run-*
	touch $@

# checkov pins dozens of packages that clash with the project's: it gets a
# venv of its own (.venv-checkov), from its own hash-pinned lock, used only to
# scan the templates (tests/test_package.py, with .checkov.yaml's skips).
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.stamp-$(call lock_sum,requirements-checkov.lock)
checkov-venv: $(CHECKOV_STAMP)

$(CHECKOV_STAMP): requirements-checkov.lock
	@if [ -z "$(PYTHON)" ]; then echo "Python $(PYTHON_VERSION) is needed for checkov's venv" >&2; exit 1; fi
	rm -rf $(CHECKOV_VENV) && $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet --require-hashes -r requirements-checkov.lock
	touch $@

$(DEV_STAMP): requirements-dev.lock
	$(fresh_venv)
	$(BIN)/pip install --require-hashes -r requirements-dev.lock
	rm -f $(VENV)/.dev-* $(VENV)/.run-*
	touch $@ $(RUN_STAMP)

# Everything: the linter, the console's Node tests, then every test
# (in-process, end-to-end, browser, slow; the slow package test scans both
# templates with checkov, from its own venv).
test: dev-venv check-js checkov-venv
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# While editing: the linter and every test that needs no running stack, no
# browser and no subprocess, with fewer property-test examples, and the
# console's Node tests (under a minute).
check: dev-venv check-js
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not e2e and not browser and not slow" --hypothesis-profile=dev

# The console's pure modules (money, CSV, contract, formats), with Node's own test runner: no npm packages.
check-js:
	node --test frontend/tests/

# Also `make run`'s state: `.oms` links to this checkout's folder under ~/.local/state/oms/
# (ops/run_local.py); a link pointing anywhere else is removed, not followed.
clean:
	rm -rf $(VENV) $(CHECKOV_VENV) build .pytest_cache
	@if [ -L .oms ]; then state="$$(readlink -f .oms)"; case "$$state" in */oms/*) rm -rf "$$state"; echo "removed $$state";; esac; fi
	rm -rf .oms

run: venv
	$(BIN)/python -m ops.run_local

package: dev-venv
	$(BIN)/python -m ops.package --stage $(STAGE)

# ARGS: --parameter AlarmEmail=you@example.com (and ApiRateLimit=..., WafRequestsPerFiveMinutes=..., ...).
deploy: dev-venv
	$(BIN)/python -m ops.deploy --stage $(STAGE) $(ARGS)

# Imports a stage's existing tables, buckets and queues into its stateful stack (docs/operations.md, "Adopting").
adopt: dev-venv
	$(BIN)/python -m ops.adopt --stage $(STAGE)

destroy: venv
	$(BIN)/python -m ops.destroy --stage $(STAGE) $(ARGS)

keys: venv
	$(BIN)/python -m ops.keys --stage $(if $(filter command line,$(origin STAGE)),$(STAGE),local) $(ARGS)

restore: venv
	$(BIN)/python -m ops.restore --stage $(if $(filter command line,$(origin STAGE)),$(STAGE),local) $(ARGS)

# Stream records the stream functions gave up on, through the same handler again (docs/operations.md).
replay-failed: venv
	$(BIN)/python -m ops.replay_failed --stage $(if $(filter command line,$(origin STAGE)),$(STAGE),local)

# Prints verified webhook events: WEBHOOK_SECRET=whsec_... make webhook-receiver (port WEBHOOK_PORT, 9000).
webhook-receiver: dev-venv
	$(BIN)/python -m ops.webhook_receiver

load: dev-venv
	$(BIN)/python -m ops.load

# Every figure, timed ones too (about 10 minutes): bench/results.json and
# docs/performance.md's table, generated from it.
bench: dev-venv
	$(BIN)/python -m bench.run

# What does not depend on the machine's speed (calls, units, dollars from
# counts, package size) against bench/budgets.json, under 90 s; fails on an
# overrun. `make test` holds the same budgets (tests/test_bench_budgets.py).
bench-quick: dev-venv
	$(BIN)/python -m bench.quick

# The locks, from requirements*.txt. The run and Lambda locks start from the dev
# lock's pins, so a package has the same version in all three.
lock: dev-venv
	$(LOCK) -o requirements-dev.lock requirements-dev.txt
	cp requirements-dev.lock requirements-run.lock && $(LOCK) -o requirements-run.lock requirements-run.txt
	cp requirements-dev.lock requirements.lock && $(LOCK) -o requirements.lock requirements.txt
	cp requirements-dev.lock requirements-auth.lock && $(LOCK) -o requirements-auth.lock requirements-auth.txt
	$(LOCK) -o requirements-checkov.lock requirements-checkov.txt

# The API's OpenAPI document (clients/openapi.json) and the Python client generated from it (clients/python/).
client: dev-venv
	$(BIN)/python -m ops.openapi_document --out clients/openapi.json
	rm -rf clients/python
	$(BIN)/openapi-python-client generate --path clients/openapi.json --config clients/python-config.yaml \
		--custom-template-path clients/python-templates --meta poetry --output-path clients/python
