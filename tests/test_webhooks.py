"""Webhooks in-process (moto): subscriptions, signed events from the orders
stream verified by the Standard Webhooks library, retries through refused
connections, 500s and timeouts, giving up, disabling, retry and replay,
secret rotation, and the URLs and logs that must never carry what they
should not."""
import logging
import time

import pytest

from chalicelib.core.settings import get_settings
from ops.webhook_receiver import Receiver
from ops.webhook_worker import WebhookPump
from tests.support import WRITE_KEY

ORDER = {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]}


@pytest.fixture
def webhook_settings(monkeypatch):
    """Deliveries to this machine, on a schedule of seconds instead of hours."""
    def configure(**values):
        for name, value in {"ALLOW_PRIVATE_TARGETS": "1", "RETRY_BASE_SECONDS": "0.2", "RETRY_CAP_SECONDS": "0.4",
                            "TIMEOUT_SECONDS": "1", **values}.items():
            monkeypatch.setenv(f"OMS_WEBHOOK_{name}", str(value))
        get_settings.cache_clear()
    configure()
    yield configure
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def receiver(api, webhook_settings):
    created = api.post("/webhooks", {"url": "http://127.0.0.1:9/placeholder", "description": "tests"})
    assert created.status_code == 201, created.data
    found = Receiver(created.data["secret"]).start()
    assert api.put(f"/webhooks/{created.data['webhook']['webhook_id']}", {"url": found.url}).status_code == 200
    found.webhook_id, found.secret = created.data["webhook"]["webhook_id"], created.data["secret"]
    yield found
    found.stop()


def deliver(drain, until, timeout=20.0):
    """Streams, then the queue, until `until()` holds."""
    pump = WebhookPump()
    deadline = time.time() + timeout
    while time.time() < deadline:
        drain()
        pump.poll_once(wait_seconds=0)
        if until():
            return
        time.sleep(0.05)
    raise AssertionError("deliveries did not settle in time")


def order_events(receiver, order_id):
    return [(event["type"], event["data"]["order"]["version"], event["data"].get("previous_status"))
            for _, event in receiver.events() if event["data"].get("order", {}).get("order_id") == order_id]


def test_subscriptions_show_the_secret_once_and_need_the_admin_scope(api, webhook_settings):
    created = api.post("/webhooks", {"url": "https://93.184.216.34/hooks", "events": ["order.created"]})
    assert created.status_code == 201 and created.data["secret"].startswith("whsec_")
    assert created.headers["Cache-Control"] == "no-store"
    webhook_id = created.data["webhook"]["webhook_id"]
    shown = api.get(f"/webhooks/{webhook_id}")
    assert shown.status_code == 200 and shown.data["events"] == ["order.created"]
    assert created.data["secret"].encode() not in shown.body and "secret" not in shown.data
    assert created.data["secret"].encode() not in api.get("/webhooks").body
    changed = api.put(f"/webhooks/{webhook_id}", {"enabled": False, "events": ["order.status_changed"]})
    assert changed.data["webhook"]["enabled"] is False and changed.data["webhook"]["disabled_reason"]
    assert api.put(f"/webhooks/{webhook_id}", {}).status_code == 400
    assert api.put(f"/webhooks/{webhook_id}", {"events": ["order.shipped"]}).data["param"] == "events[0]"
    assert api.get("/webhooks", key=WRITE_KEY).status_code == 403
    assert api.post("/webhooks", {"url": "https://93.184.216.34/"}, key=WRITE_KEY).status_code == 403
    assert api.delete(f"/webhooks/{webhook_id}").status_code == 200
    assert api.get(f"/webhooks/{webhook_id}").status_code == 404
    assert api.get("/webhooks/not-a-webhook").status_code == 404
    assert api.get("/webhooks").data == {"webhooks": []}


@pytest.mark.parametrize("url", [
    "http://93.184.216.34/hooks",  # plain http
    "https://localhost/hooks", "https://127.0.0.1/", "https://127.1/", "https://2130706433/", "https://0x7f000001/",
    "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://0.0.0.0/", "https://169.254.169.254/latest/meta-data/",
    "https://[fe80::1]/", "https://10.0.0.1/", "https://172.16.5.4/", "https://192.168.1.1/", "https://100.64.0.1/",
    "https://224.0.0.1/", "https://user:password@93.184.216.34/", "ftp://93.184.216.34/", "https:///nohost",
    "https://93.184.216.34/#fragment", "https://93.184.216.34/a b", "javascript:alert(1)", "https://host.invalid/",
])
def test_hostile_urls_are_refused_on_deployed_stages(api, url):
    for response in (api.post("/webhooks", {"url": url}),):
        assert response.status_code == 422, (url, response.data)
        assert response.data["code"] == "invalid_value" and response.data["param"] == "url"
    assert api.get("/webhooks").data == {"webhooks": []}


def test_a_public_https_url_is_accepted_on_deployed_stages(api):
    assert api.post("/webhooks", {"url": "https://93.184.216.34:8443/hooks?tenant=1"}).status_code == 201


def test_order_events_arrive_signed_once_each_and_in_order(api, receiver, drain, without_workflow):
    order_id = api.post("/orders", ORDER).data["order_id"]
    assert api.put(f"/orders/{order_id}", {"items": [{"product_id": "PROD002", "quantity": 3}]}).status_code == 200
    assert api.put(f"/orders/{order_id}", {"status": "processing"}).status_code == 200
    assert api.delete(f"/orders/{order_id}").status_code == 200
    deliver(drain, lambda: len(receiver.events()) == 4)
    assert order_events(receiver, order_id) == [
        ("order.created", 1, None), ("order.updated", 2, None), ("order.status_changed", 3, "pending"),
        ("order.status_changed", 4, "processing")]
    assert receiver.rejected == 0
    ids = [webhook_id for webhook_id, _ in receiver.events()]
    assert len(set(ids)) == 4
    last = receiver.events()[-1][1]
    assert last["data"]["order"] == api.get(f"/orders/{order_id}").data  # the GET representation
    assert set(last) == {"type", "timestamp", "data"} and last["timestamp"] == last["data"]["order"]["updated_at"]
    assert last["data"]["actor"] == last["data"]["order"]["history"][-1]["actor"] and last["data"]["actor"]["type"] == "api_key"
    log = api.get(f"/webhooks/{receiver.webhook_id}/deliveries").data["deliveries"]
    assert [entry["delivery_id"] for entry in log] == sorted(ids, reverse=True)
    assert {entry["status"] for entry in log} == {"delivered"}
    assert {entry["order_number"] for entry in log} == {last["data"]["order"]["order_number"]} != {None}
    assert all(entry["attempts"][0]["status_code"] == 204 and entry["attempts"][0]["latency_ms"] >= 0 for entry in log)
    # A stream batch handled again (Lambda retries) sends nothing twice.
    from chalicelib.events import webhook_events

    records = []
    from ops.stream_pump import StreamPump
    StreamPump(kinds=("orders",)).poll_once(lambda kind, batch: records.extend(batch))
    assert records and webhook_events.handle_records(records) == 4
    deliver(drain, lambda: True)
    time.sleep(0.2)
    WebhookPump().poll_once(wait_seconds=0)
    assert len(receiver.events()) == 4


def test_failed_workflow_and_subscribed_types_only(api, receiver, drain):
    from tests.support import wait_for_execution

    assert api.put(f"/webhooks/{receiver.webhook_id}", {"events": ["order.status_changed"]}).status_code == 200
    failed = api.post("/orders", {"customer_id": "CUST002", "items": [{"product_id": "PROD004", "quantity": 999}]}).data
    wait_for_execution(failed["execution_arn"])
    assert api.get(f"/orders/{failed['order_id']}").data["status"] == "failed"
    deliver(drain, lambda: receiver.events() and receiver.events()[-1][1]["data"]["order"]["status"] == "failed")
    events = [event for _, event in receiver.events()]
    assert {event["type"] for event in events} == {"order.status_changed"}  # no order.created: not subscribed
    assert [(e["data"]["previous_status"], e["data"]["order"]["status"]) for e in events][-1][1] == "failed"
    assert events[-1]["data"]["actor"] == {"type": "system", "id": None, "name": "workflow"}  # the state machine's
    assert [e["data"]["order"]["version"] for e in events] == sorted(e["data"]["order"]["version"] for e in events)


def test_refused_500_and_slow_receivers_are_retried_until_they_answer(api, receiver, drain, without_workflow,
                                                                      webhook_settings):
    webhook_settings(TIMEOUT_SECONDS="0.5")
    receiver.slow_seconds = 1.5
    order_ids = [api.post("/orders", ORDER).data["order_id"] for _ in range(2)]
    pump = WebhookPump()
    for mode in ("down", "error", "slow"):
        if mode == "down":
            receiver.stop()
        else:
            receiver.start() if receiver.server is None else None
            receiver.mode = mode
        drain()
        deadline = time.time() + 10
        while time.time() < deadline and not any(
                entry["attempts"] and entry["attempts"][-1]["error"] == expected
                for entry in api.get(f"/webhooks/{receiver.webhook_id}/deliveries").data["deliveries"]
                for expected in ({"down": "ConnectionRefusedError", "error": "HTTP 500",
                                  "slow": "no answer within 0.5 s"}[mode],)):
            pump.poll_once(wait_seconds=0)
            time.sleep(0.05)
    receiver.mode = "ok"
    deliver(drain, lambda: len({webhook_id for webhook_id, _ in receiver.events()}) == 2)
    deliver(drain, lambda: all(entry["status"] == "delivered" for entry in api.get(
        f"/webhooks/{receiver.webhook_id}/deliveries").data["deliveries"]))
    log = api.get(f"/webhooks/{receiver.webhook_id}/deliveries").data["deliveries"]
    errors = {attempt["error"] for entry in log for attempt in entry["attempts"]}
    assert {"ConnectionRefusedError", "HTTP 500", "no answer within 0.5 s"} <= errors
    assert {500} <= {attempt["status_code"] for entry in log for attempt in entry["attempts"]}
    by_id = {}
    for webhook_id, event in receiver.events():
        by_id.setdefault(webhook_id, event)
    assert sorted(event["data"]["order"]["order_id"] for event in by_id.values()) == sorted(order_ids)
    assert receiver.rejected == 0


def test_give_up_after_the_window_then_retry_by_hand(api, receiver, drain, without_workflow, webhook_settings):
    webhook_settings(RETRY_HOURS=str(0.5 / 3600))
    receiver.mode = "error"
    order_id = api.post("/orders", ORDER).data["order_id"]
    log = lambda: api.get(f"/webhooks/{receiver.webhook_id}/deliveries").data["deliveries"]  # noqa: E731
    deliver(drain, lambda: log() and log()[0]["status"] == "failed")
    failed = log()[0]
    assert failed["next_retry_at"] is None and failed["attempts"][-1]["status_code"] == 500
    receiver.mode = "ok"
    retried = api.post(f"/webhooks/{receiver.webhook_id}/deliveries/{failed['delivery_id']}/retry")
    assert retried.status_code == 202 and retried.data["delivery"]["status"] == "pending"
    deliver(drain, lambda: receiver.events())
    assert [webhook_id for webhook_id, _ in receiver.events()] == [failed["delivery_id"]]
    assert order_events(receiver, order_id) == [("order.created", 1, None)]
    assert api.post(f"/webhooks/{receiver.webhook_id}/deliveries/msg_00000000000000aaaaaaaaaaaaaaaaaaaa/retry"
                    ).status_code == 404


def test_an_endpoint_failing_too_long_is_disabled_and_replay_sends_what_it_missed(api, receiver, drain, without_workflow,
                                                                                 webhook_settings):
    webhook_settings(DISABLE_AFTER_HOURS=str(0.3 / 3600))
    receiver.mode = "error"
    started = time.gmtime(time.time() - 1)
    first = api.post("/orders", ORDER).data["order_id"]
    shown = lambda: api.get(f"/webhooks/{receiver.webhook_id}").data  # noqa: E731
    deliver(drain, lambda: not shown()["enabled"])
    assert "failed since" in shown()["disabled_reason"] and "HTTP 500" in shown()["disabled_reason"]
    second = api.post("/orders", ORDER).data["order_id"]
    log = lambda: api.get(f"/webhooks/{receiver.webhook_id}/deliveries").data["deliveries"]  # noqa: E731
    deliver(drain, lambda: len(log()) == 2 and {entry["status"] for entry in log()} == {"held"})
    assert receiver.events() == []
    assert api.post(f"/webhooks/{receiver.webhook_id}/replay", {"since": time.strftime("%Y-%m-%dT%H:%M:%SZ", started),
                                                               "until": "2100-01-01T00:00:00Z"}).status_code == 409
    receiver.mode = "ok"
    assert api.put(f"/webhooks/{receiver.webhook_id}", {"enabled": True}).data["webhook"]["disabled_reason"] is None
    replayed = api.post(f"/webhooks/{receiver.webhook_id}/replay", {"since": time.strftime("%Y-%m-%dT%H:%M:%SZ", started),
                                                                    "until": "2100-01-01T00:00:00Z"})
    assert replayed.status_code == 202 and replayed.data["replayed"] == 2 and replayed.data["truncated"] is False
    deliver(drain, lambda: len(receiver.events()) == 2)
    # Queued oldest first; two orders are two groups, delivered side by side (in order within each).
    assert sorted(event["data"]["order"]["order_id"] for _, event in receiver.events()) == sorted([first, second])
    assert api.post(f"/webhooks/{receiver.webhook_id}/replay", {"since": "2026-02-30T00:00:00Z",
                                                               "until": "2026-03-01T00:00:00Z"}).status_code == 422
    assert api.post(f"/webhooks/{receiver.webhook_id}/replay", {"since": "2026-03-02T00:00:00Z",
                                                               "until": "2026-03-01T00:00:00Z"}).status_code == 422


def test_a_rotated_secret_still_verifies_for_a_day_and_test_events_are_logged(api, receiver, drain):
    rotated = api.post(f"/webhooks/{receiver.webhook_id}/rotate-secret")
    assert rotated.status_code == 200 and rotated.data["secret"] not in (receiver.secret, None)
    assert rotated.data["secret"].startswith("whsec_")
    queued = api.post(f"/webhooks/{receiver.webhook_id}/test")
    assert queued.status_code == 202 and queued.data["delivery"]["event_type"] == "webhook.test"
    deliver(drain, lambda: receiver.events())  # verified with the old secret
    with_new_secret = Receiver(rotated.data["secret"]).start()
    try:
        assert api.put(f"/webhooks/{receiver.webhook_id}", {"url": with_new_secret.url}).status_code == 200
        api.post(f"/webhooks/{receiver.webhook_id}/test")
        deliver(drain, lambda: with_new_secret.events())
    finally:
        with_new_secret.stop()
    assert receiver.events()[0][1]["type"] == with_new_secret.events()[0][1]["type"] == "webhook.test"
    statuses = [entry["status"] for entry in api.get(f"/webhooks/{receiver.webhook_id}/deliveries").data["deliveries"]]
    assert statuses == ["delivered", "delivered"]


def test_secrets_are_never_logged(api, receiver, drain, without_workflow):
    """Every line the app's loggers write at their most verbose, formatted
    as deployed (the access log, deliveries, retries)."""
    from chalicelib.core.logs import JsonFormatter

    lines = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda record: lines.append(JsonFormatter().format(record))
    logger = logging.getLogger("oms")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        secret = receiver.secret
        rotated = api.post(f"/webhooks/{receiver.webhook_id}/rotate-secret").data["secret"]
        receiver.mode = "error"
        api.post("/orders", ORDER)
        deliver(drain, lambda: "webhook delivery will be retried" in "\n".join(lines), timeout=5)
        receiver.mode = "ok"
        deliver(drain, lambda: receiver.events())
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    text = "\n".join(lines)
    assert "webhook delivered" in text and '"logger": "oms.access"' in text
    assert secret not in text and rotated not in text and secret.removeprefix("whsec_") not in text


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap():
    import random

    from chalicelib.events.webhook_delivery import backoff_seconds

    get_settings.cache_clear()
    rng = random.Random(7)
    waits = [backoff_seconds(attempt, rng) for attempt in range(1, 16)]
    settings = get_settings().webhooks
    for attempt, wait in enumerate(waits, start=1):
        ceiling = min(settings.retry_cap_seconds, settings.retry_base_seconds * 2 ** (attempt - 1))
        assert ceiling / 2 - 1 <= wait <= ceiling + 1
    assert waits[-1] <= settings.retry_cap_seconds and len(set(waits[-4:])) > 1  # jittered at the cap
    # The default schedule keeps retrying for at least a day, with fewer attempts than the dead-letter limit.
    from ops.provision import WEBHOOK_MAX_RECEIVES

    total, attempts = 0, 0
    while total < 24 * 3600:
        attempts += 1
        total += min(settings.retry_cap_seconds, settings.retry_base_seconds * 2 ** (attempts - 1)) / 2
    assert settings.retry_hours >= 24 and attempts < WEBHOOK_MAX_RECEIVES
