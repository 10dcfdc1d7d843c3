"""Every failure leaves as JSON with the request id: AWS giving no answer is
a 503, and even a failure while building the error answer is our own JSON
500, never Chalice's body or a traceback."""
import pytest
from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError
from pynamodb.exceptions import GetError, QueryError, TransactWriteError

from chalicelib.data import aws_failures
from chalicelib.http import errors as web

pytestmark = pytest.mark.usefixtures("without_workflow")


@pytest.mark.parametrize("error", [
    ReadTimeoutError(endpoint_url="http://dynamodb"),
    ConnectTimeoutError(endpoint_url="http://dynamodb"),
    GetError("Failed to get item", ReadTimeoutError(endpoint_url="http://dynamodb")),
    QueryError("Failed to query", ConnectTimeoutError(endpoint_url="http://dynamodb")),
    TransactWriteError("Failed", ReadTimeoutError(endpoint_url="http://dynamodb")),
])
def test_no_answer_from_aws_is_a_503_even_wrapped_by_pynamodb(error):
    """PynamoDB's cause_response_code raises AttributeError for a timeout
    cause; classifying must not."""
    assert aws_failures.is_unavailable(error) and aws_failures.may_have_landed(error)
    response = web.error_response(error, "req-1")
    assert response.status_code == 503
    assert response.headers["X-Request-Id"] == "req-1" and response.headers["Retry-After"] == "1"


def test_a_read_that_times_out_is_503_json_with_the_request_id(api, monkeypatch):
    from chalicelib.data.models import Order

    def stalled(*args, **kwargs):
        raise GetError("Failed to get item", ReadTimeoutError(endpoint_url="http://dynamodb"))

    monkeypatch.setattr(Order, "get", stalled)
    response = api.get("/orders/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 503
    assert response.data == {"message": "Service unavailable", "code": "service_unavailable", "error": "ReadTimeoutError",
                             "request_id": response.headers["X-Request-Id"]}


def test_a_failure_while_mapping_an_error_is_still_our_json(api, monkeypatch):
    def broken(error):
        raise AttributeError("the mapping itself failed")

    monkeypatch.setattr(web, "classify", broken)
    response = api.get("/orders/not-a-uuid")
    assert response.status_code == 500
    assert response.data == {"message": "Internal server error", "code": "internal_error", "error": "unexpected",
                             "request_id": response.headers["X-Request-Id"]}
