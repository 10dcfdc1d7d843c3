"""schemathesis against the OpenAPI document the local stack serves, on
webhooks and their deliveries: every check but `unsupported_method`, stateful sequences through the
document's links, fixed seed, bounded examples (`tests/support.py::fuzz`), on a stack of its own.
The routes are fuzzed in three files so the workers share them. Zero
failures expected."""
import pytest

from tests.support import fuzz

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_schemathesis_finds_nothing(own_stack):
    fuzz(own_stack, r"^/webhooks")
