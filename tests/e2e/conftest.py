"""End-to-end fixtures: the real local stack (emulator + provisioning +
chalice local), started once per test session and worker, and an HTTP client
that checks every response against the OpenAPI document the stack serves."""
import pathlib

import pytest

from tests.support import ContractCheck, Http, RunningStack

E2E = pathlib.Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if E2E in pathlib.Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory):
    stack = RunningStack(tmp_path_factory.mktemp("stack")).start()
    yield stack
    stack.stop()


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory):
    """A stack of the module's own, for tests that change shared data at random
    (the fuzz renames and reprices the demo products the other tests read)."""
    stack = RunningStack(tmp_path_factory.mktemp("own-stack")).start()
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def contract(local_stack):
    return ContractCheck.served_by(local_stack.api_url)


@pytest.fixture
def http(local_stack, contract):
    return Http(local_stack.api_url, contract=contract)
