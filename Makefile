# The two commands: `make run` (the whole system, locally) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
STAGE ?= dev

.PHONY: run test venv package deploy bench load restore keys clean client

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

test: venv
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build .pytest_cache

run: venv
	$(BIN)/python -m ops.run_local

package: venv
	$(BIN)/python -m ops.package

deploy: venv
	$(BIN)/python -m ops.deploy --stage $(STAGE)

keys: venv
	$(BIN)/python -m ops.keys --stage $(if $(filter command line,$(origin STAGE)),$(STAGE),local) $(ARGS)

restore: venv
	$(BIN)/python -m ops.restore --stage $(if $(filter command line,$(origin STAGE)),$(STAGE),local) $(ARGS)

load: venv
	$(BIN)/python -m ops.load

bench: venv
	$(BIN)/python -m bench.run

# The API's OpenAPI document (clients/openapi.json) and the Python client generated from it (clients/python/).
client: venv
	$(BIN)/python -m ops.openapi_document --out clients/openapi.json
	rm -rf clients/python
	$(BIN)/openapi-python-client generate --path clients/openapi.json --config clients/python-config.yaml \
		--custom-template-path clients/python-templates --meta poetry --output-path clients/python
