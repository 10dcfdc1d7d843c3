"""Webhooks on the real local stack (`make run`: the emulator's stream and
FIFO queue, the stream and webhook workers, real HTTP to a receiver that
verifies every signature with the Standard Webhooks library), through a
receiver that refuses connections, answers 500, answers too late, and an
emulator frozen with SIGSTOP. Afterwards every event has arrived under one
webhook-id each, in order per order, and no log holds a secret."""
import os
import signal
import time

import pytest

from ops.run_local import free_port
from ops.webhook_receiver import Receiver
from tests.support import ContractCheck, Http, RunningStack, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SETTINGS = {"OMS_WEBHOOK_RETRY_BASE_SECONDS": "0.5", "OMS_WEBHOOK_RETRY_CAP_SECONDS": "2",
            "OMS_WEBHOOK_TIMEOUT_SECONDS": "1", "OMS_AWS_TIMEOUT_SECONDS": "2"}
ITEMS = [{"product_id": "PROD002", "quantity": 1}]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    running = RunningStack(tmp_path_factory.mktemp("webhooks"), settings=SETTINGS).start()
    yield running
    running.stop()


def test_every_event_arrives_once_per_webhook_id_in_order_through_faults(stack):
    http = Http(stack.api_url, stack.api_key, contract=ContractCheck.served_by(stack.api_url))
    port = free_port()
    created = http.post("/webhooks", {"url": f"http://127.0.0.1:{port}/hooks", "description": "fault test"})
    assert created.status_code == 201
    webhook_id, secret = created.data["webhook"]["webhook_id"], created.data["secret"]
    receiver = Receiver(secret, port)
    log = lambda: http.get(f"/webhooks/{webhook_id}/deliveries?limit=100").data["deliveries"]  # noqa: E731

    # Nobody listening: connections refused.
    orders = [http.post("/orders", {"customer_id": "CUST001", "items": ITEMS}).data["order_id"] for _ in range(3)]
    wait_until(lambda: any(a["error"] == "ConnectionRefusedError" for d in log() for a in d["attempts"]), 30,
               "a refused delivery")
    receiver.start()
    receiver.mode = "error"
    assert http.put(f"/orders/{orders[0]}", {"items": [{"product_id": "PROD002", "quantity": 2}]}).status_code == 200
    wait_until(lambda: any(a["status_code"] == 500 for d in log() for a in d["attempts"]), 30, "a 500")
    receiver.mode, receiver.slow_seconds = "slow", 2.5
    assert http.delete(f"/orders/{orders[1]}", {"reason": "changed my mind"}).status_code == 200
    wait_until(lambda: any((a["error"] or "").startswith("no answer") for d in log() for a in d["attempts"]), 30,
               "a timed-out delivery")
    # The emulator frozen (streams, queue and tables alike) while deliveries are in flight.
    receiver.mode = "ok"
    emulator = stack.info["children"]["emulator"]
    os.kill(emulator, signal.SIGSTOP)
    try:
        time.sleep(6)
    finally:
        os.kill(emulator, signal.SIGCONT)
    orders.append(http.post("/orders", {"customer_id": "CUST002", "items": ITEMS}).data["order_id"])

    def settled():
        """Each order's latest event shows its current status, and nothing is left to deliver."""
        latest = {event["data"]["order"]["order_id"]: event["data"]["order"]["status"] for _, event in
                  _first_arrivals(receiver.events())}
        entries = log()
        return all(latest.get(order_id) == http.get(f"/orders/{order_id}").data["status"] for order_id in orders) \
            and entries and all(entry["status"] == "delivered" for entry in entries)
    wait_until(settled, 120, "every delivery")

    arrivals = receiver.events()
    assert receiver.rejected == 0
    by_id = {}
    for webhook_message_id, event in arrivals:  # a webhook-id arriving again (at least once) carries the same event
        assert by_id.setdefault(webhook_message_id, event) == event
    assert len(by_id) == len(log())  # one webhook-id per event
    firsts = [event for _, event in _first_arrivals(arrivals)]
    identities = [(e["type"], e["data"]["order"]["order_id"], e["data"]["order"]["version"]) for e in firsts]
    assert len(identities) == len(set(identities))  # no event under two ids
    for order_id in orders:
        versions = [e["data"]["order"]["version"] for e in firsts if e["data"]["order"]["order_id"] == order_id]
        assert versions == sorted(versions) and versions[0] == 1, (order_id, versions)
        assert firsts[[e["data"]["order"]["order_id"] for e in firsts].index(order_id)]["type"] == "order.created"
    kinds = {(e["type"], e["data"]["order"]["order_id"], e["data"].get("previous_status"), e["data"]["order"]["status"])
             for e in firsts}
    assert any(k[0] == "order.updated" and k[1] == orders[0] for k in kinds)
    assert any(k[0] == "order.status_changed" and k[1] == orders[1] and k[3] == "cancelled" and k[2] for k in kinds)
    attempts = [attempt for entry in log() for attempt in entry["attempts"]]
    assert len(attempts) > len(by_id)  # the faults were retried
    receiver.stop()

    # Secrets never logged: not by the API, the workers or the emulator.
    logs = "".join(path.read_text(errors="replace") for path in stack.state_dir.glob("*.log"))
    assert "webhook delivered" in logs and secret not in logs and secret.removeprefix("whsec_") not in logs


def _first_arrivals(arrivals):
    """Each webhook-id's event, in the order ids first arrived."""
    firsts = {}
    for webhook_message_id, event in arrivals:
        firsts.setdefault(webhook_message_id, event)
    return list(firsts.items())
