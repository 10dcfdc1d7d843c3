"""A fresh in-process AWS (moto) with the app's resources, the demo catalog
and the bench's admin key; and the requests the measurements repeat."""
import contextlib
import os

for _name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL")]:
    del os.environ[_name]  # moto's in-process mock does not intercept when an endpoint is set
os.environ.update({
    "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1", "OMS_STAGE": "bench", "OMS_LOG_LEVEL": "WARNING", "OMS_CURSOR_SECRET": "bench-next-token-secret",
    "OMS_STATE_MACHINE_ARN": "arn:aws:states:us-east-1:123456789012:stateMachine:oms-bench-order-processing",
    # A warm Lambda re-reads a key once a minute, a trifle per request; on a
    # slow machine that minute would land inside the metered lives.
    "OMS_API_KEY_CACHE_SECONDS": "3600",
})

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

from bench.lambda_event import KEY, call_app, proxy_event  # noqa: E402
from ops import emulator  # noqa: E402

emulator.serialize_in_process_moto()  # moto's backends are not thread-safe; DynamoDB's requests are atomic


def reset_clients() -> None:
    from chalicelib.core import settings
    from chalicelib.data import aws as aws_clients
    from chalicelib.data import dynamo, listing
    from chalicelib.domain import auth

    settings.get_settings.cache_clear()
    listing._executor.cache_clear()  # sized by the list shards
    dynamo.reset()
    aws_clients.reset()
    auth.clear_cache()


@contextlib.contextmanager
def aws(streams: bool = False, **environment):
    """Moto with everything provisioned; `environment` overrides settings (OMS_LIST_SHARDS=...)."""
    from chalicelib.core.settings import get_settings
    from chalicelib.domain import auth
    from ops import demo_data, provision

    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update({name: str(value) for name, value in environment.items()})
    try:
        with mock_aws():
            reset_clients()
            provision.provision(boto3.Session(), get_settings(), with_streams=streams)
            demo_data.load()
            auth.register_key(KEY, "bench", ["admin"])
            yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        reset_clients()


def create_order(items=None, customer="CUST001", headers=None) -> str:
    status, body = call_app(proxy_event("POST", "/orders", headers=headers, body={
        "customer_id": customer, "items": items or [{"product_id": "PROD002", "quantity": 1}]}))
    assert status == 201, body
    return body["order_id"]


def set_status(order_id: str, status: str) -> None:
    code, body = call_app(proxy_event("PUT", "/orders/{order_id}", {"order_id": order_id}, body={"status": status}))
    assert code == 200, body
