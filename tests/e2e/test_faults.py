"""Fault injection on the real local stack: the emulator is frozen
(SIGSTOP/SIGCONT on its pid) or made to answer a chosen call too late (the
call is applied, its answer is lost: the hardest case), during creates,
edits, cancels, workflow starts and reads, with and without Idempotency-Key,
with the API's AWS timeout shortened to 1 s. Afterwards the books must
balance: one order per key, no order left pending, stock ledger and counters
exact, every response JSON with a request id, and the only 5xx a 503."""
import json
import os
import random
import signal
import threading
import time
import urllib.request
import uuid

import pytest

from chalicelib.domain.catalog import customer_id_for_email
from tests.support import Books, ContractCheck, Http, RunningStack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

TRANSACT = "DynamoDB_20120810.TransactWriteItems"
UPDATE_ITEM = "DynamoDB_20120810.UpdateItem"
START_EXECUTION = "AWSStepFunctions.StartExecution"
# Every AWS call gives up after 3 attempts of 1 s; a write with no answer is
# re-sent for 2 s more, then the API answers 503 "outcome unknown".
SETTINGS = {"OMS_AWS_TIMEOUT_SECONDS": "1", "OMS_WRITE_RESOLVE_SECONDS": "2"}
LONGER_THAN_THE_API_WAITS = 8
SHORTER_THAN_THE_API_WAITS = 1.5


class FaultRecorder:
    """Injects faults into one stack's emulator and checks every response."""

    def __init__(self, stack: RunningStack):
        self.stack = stack
        self.emulator_pid = stack.info["children"]["emulator"]
        self.injected = 0
        self.responses = []
        self.http = Http(stack.api_url, stack.api_key, contract=ContractCheck.served_by(stack.api_url))
        self.random = random.Random(12)

    def call(self, method, path, body=None, headers=None):
        response = self.http.call(method, path, body, headers=headers, timeout=60)
        self.responses.append((method, path, response.status_code, response.headers.get("X-Request-Id"), response.data))
        return response

    def stall(self, target: str, seconds: float, when: str, contains: str = ""):
        """The next `target` call whose body holds `contains` is held `seconds` before or after it is applied."""
        request = urllib.request.Request(f"{self.stack.aws_url}/_oms/faults", method="POST", data=json.dumps({
            "target": target, "stall_seconds": seconds, "when": when, "contains": contains}).encode())
        urllib.request.urlopen(request, timeout=5).read()
        self.injected += 1

    def freeze_during(self, send, after: float, seconds: float):
        """Runs `send()` in a thread and freezes the emulator `after` seconds
        into it, for `seconds`; returns what `send` returned."""
        result = {}
        worker = threading.Thread(target=lambda: result.update(response=send()))
        if after <= 0:  # frozen before the request is sent, not in a race with it
            os.kill(self.emulator_pid, signal.SIGSTOP)
            worker.start()
        else:
            worker.start()
            time.sleep(after)
            os.kill(self.emulator_pid, signal.SIGSTOP)
        try:
            time.sleep(seconds)
        finally:
            os.kill(self.emulator_pid, signal.SIGCONT)
        self.injected += 1
        worker.join(90)
        return result["response"]

    def until_answered(self, method, path, body=None, headers=None, attempts=15):
        """A careful client: retries a 503, and a 409 that says the same
        Idempotency-Key is still being processed, after its Retry-After."""
        for _ in range(attempts):
            response = self.call(method, path, body, headers)
            in_progress = response.status_code == 409 and "still being processed" in response.data["message"]
            if response.status_code != 503 and not in_progress:
                return response
            time.sleep(min(int(response.headers.get("Retry-After", "1")), 5))
        raise AssertionError(f"{method} {path} still unanswered after {attempts} attempts")

    # ---------------------------------------------------------------- fixtures for trials

    def new_customer(self) -> dict:
        tag = uuid.uuid4().hex[:10]
        return {"customer_name": f"Fault {tag}", "customer_email": f"fault-{tag}@example.com"}

    def orders_of(self, email: str) -> list:
        response = self.call("GET", f"/orders?customer_id={customer_id_for_email(email)}&limit=100")
        assert response.status_code == 200, response.data
        return response.data["orders"]

    def processing_order(self, quantity: int = 1) -> dict:
        product = f"FAULT-{uuid.uuid4().hex[:8]}"
        assert self.call("POST", "/products", {"product_id": product, "product_name": "Fault product", "price": "2.50",
                                               "stock_quantity": 50}).status_code == 201
        created = self.call("POST", "/orders", {**self.new_customer(), "items": [{"product_id": product, "quantity": quantity}]})
        assert created.status_code == 201, created.data
        return self.wait_for(created.data["order_id"], {"processing"}) | {"product_id": product}

    def wait_for(self, order_id: str, statuses, timeout: float = 30) -> dict:
        deadline = time.time() + timeout
        while time.time() < deadline:
            order = self.call("GET", f"/orders/{order_id}")
            if order.status_code == 200 and order.data["status"] in statuses:
                return order.data
            time.sleep(0.2)
        raise AssertionError(f"order {order_id} not in {statuses} after {timeout}s")


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    stack = RunningStack(tmp_path_factory.mktemp("faults"), settings=SETTINGS).start()
    yield FaultRecorder(stack)
    stack.stop()


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("stall", [SHORTER_THAN_THE_API_WAITS, LONGER_THAN_THE_API_WAITS])
def test_a_create_with_a_key_survives_a_stalled_write(faults, when, stall):
    customer = faults.new_customer()
    body = {**customer, "items": [{"product_id": "PROD002", "quantity": 1}]}
    key = {"Idempotency-Key": f"fault-{uuid.uuid4()}"}
    faults.stall(TRANSACT, stall, when, contains=customer["customer_email"])
    first = faults.call("POST", "/orders", body, key)
    assert first.status_code in (201, 503), first.data
    final = faults.until_answered("POST", "/orders", body, key)
    assert final.status_code == 201, final.data
    if first.status_code == 201:
        assert final.data["order_id"] == first.data["order_id"]
    assert [o["order_id"] for o in faults.orders_of(customer["customer_email"])] == [final.data["order_id"]]


def test_a_create_without_a_key_whose_answer_is_late_is_resolved_inside_the_request(faults):
    customer = faults.new_customer()
    faults.stall(TRANSACT, SHORTER_THAN_THE_API_WAITS, "after", contains=customer["customer_email"])
    created = faults.call("POST", "/orders", {**customer, "items": [{"product_id": "PROD002", "quantity": 1}]})
    assert created.status_code == 201, created.data  # botocore's retry got DynamoDB's replay, not a 500
    assert len(faults.orders_of(customer["customer_email"])) == 1


def test_a_create_without_a_key_that_gets_no_answer_leaves_at_most_one_order_and_it_runs(faults):
    customer = faults.new_customer()
    faults.stall(TRANSACT, LONGER_THAN_THE_API_WAITS, "after", contains=customer["customer_email"])
    created = faults.call("POST", "/orders", {**customer, "items": [{"product_id": "PROD002", "quantity": 1}]})
    assert created.status_code == 503 and "send an Idempotency-Key to make a retry safe" in created.data["message"]
    time.sleep(LONGER_THAN_THE_API_WAITS)
    orders = faults.orders_of(customer["customer_email"])
    assert len(orders) == 1  # it landed: the stream worker starts its run (checked at the end)


def test_a_claim_whose_answer_is_late_is_recognised_not_409(faults):
    """Reproduction 3: the idempotency record's save timed out, botocore
    retried, the retry's condition failed; the request must go on."""
    key = f"claim-{uuid.uuid4()}"
    faults.stall(UPDATE_ITEM, SHORTER_THAN_THE_API_WAITS, "after", contains=key)
    created = faults.call("POST", "/orders", {**faults.new_customer(), "items": [{"product_id": "PROD002", "quantity": 1}]},
                          {"Idempotency-Key": key})
    assert created.status_code == 201, created.data


def test_a_workflow_start_whose_answer_is_lost_still_runs_once(faults):
    customer = faults.new_customer()
    faults.stall(START_EXECUTION, 4, "after", contains=customer_id_for_email(customer["customer_email"]))
    created = faults.call("POST", "/orders", {**customer, "items": [{"product_id": "PROD003", "quantity": 1}]})
    assert created.status_code == 201, created.data
    faults.wait_for(created.data["order_id"], {"processing"})
    status = faults.until_answered("GET", f"/status/{created.data['order_id']}")
    assert status.data["status"] == "SUCCEEDED"


@pytest.mark.parametrize("after", [0.0, 0.05, 0.2])
def test_a_create_with_a_key_survives_a_frozen_emulator(faults, after):
    customer = faults.new_customer()
    body = {**customer, "items": [{"product_id": "PROD001", "quantity": 1}]}
    key = {"Idempotency-Key": f"freeze-{uuid.uuid4()}"}
    first = faults.freeze_during(lambda: faults.call("POST", "/orders", body, key), after, 5)
    assert first.status_code in (201, 503), first.data
    final = faults.until_answered("POST", "/orders", body, key)
    assert final.status_code == 201
    assert len(faults.orders_of(customer["customer_email"])) == 1


@pytest.mark.parametrize("after", [0.0, 0.1])
def test_an_edit_without_if_match_survives_a_frozen_emulator(faults, after):
    order = faults.processing_order(quantity=1)
    path, body = f"/orders/{order['order_id']}", {"items": [{"product_id": order["product_id"], "quantity": 3}]}
    first = faults.freeze_during(lambda: faults.call("PUT", path, body), after, 5)
    assert first.status_code in (200, 503), first.data
    assert faults.until_answered("PUT", path, body).status_code == 200
    final = faults.call("GET", path).data
    assert final["items"][0]["quantity"] == 3
    assert [e["changes"][0]["new"] for e in final["history"] if e["action"] == "edited"] == ["3"]


@pytest.mark.parametrize("after", [0.0, 0.1])
def test_a_cancel_with_a_key_survives_a_frozen_emulator(faults, after):
    order = faults.processing_order(quantity=2)
    path, headers = f"/orders/{order['order_id']}", {"Idempotency-Key": f"cancel-{uuid.uuid4()}"}
    first = faults.freeze_during(lambda: faults.call("DELETE", path, {"reason": "fault"}, headers), after, 5)
    assert first.status_code in (200, 503), first.data
    assert faults.until_answered("DELETE", path, {"reason": "fault"}, headers).status_code == 200
    final = faults.call("GET", path).data
    assert final["status"] == "cancelled"
    assert sum(e.get("to_status") == "cancelled" for e in final["history"]) == 1


def test_a_workflow_rerun_with_a_key_survives_a_frozen_emulator(faults):
    product = f"FAULT-{uuid.uuid4().hex[:8]}"
    faults.call("POST", "/products", {"product_id": product, "product_name": "Scarce", "price": "5.00", "stock_quantity": 0})
    created = faults.call("POST", "/orders", {**faults.new_customer(), "items": [{"product_id": product, "quantity": 2}]})
    order_id = created.data["order_id"]
    faults.wait_for(order_id, {"failed"})
    faults.call("PUT", f"/products/{product}", {"add_stock": 2})
    path, headers = f"/orders/{order_id}/workflow", {"Idempotency-Key": f"rerun-{uuid.uuid4()}"}
    first = faults.freeze_during(lambda: faults.call("POST", path, None, headers), 0.05, 5)
    assert first.status_code in (202, 503), first.data
    assert faults.until_answered("POST", path, None, headers).status_code == 202
    final = faults.wait_for(order_id, {"processing"})
    assert sum(e.get("reason") == "Workflow re-run" for e in final["history"]) == 1


def test_a_restock_with_a_key_moves_stock_once_through_a_lost_answer(faults):
    """The restock lands, its answer is lost (503): the retry with the same key
    finds it applied, and replays after that change nothing either."""
    product = f"FAULT-{uuid.uuid4().hex[:8]}"
    assert faults.call("POST", "/products", {"product_id": product, "product_name": "Restocked", "price": "1.00",
                                             "stock_quantity": 10}).status_code == 201
    path, body, key = f"/products/{product}", {"add_stock": 5}, {"Idempotency-Key": f"restock-{uuid.uuid4()}"}
    faults.stall(TRANSACT, LONGER_THAN_THE_API_WAITS, "after", contains=product)
    first = faults.call("PUT", path, body, key)
    assert first.status_code == 503 and "retry with the same Idempotency-Key" in first.data["message"], first.data
    final = faults.until_answered("PUT", path, body, key)
    replayed = faults.call("PUT", path, body, key)
    assert final.status_code == replayed.status_code == 200 and replayed.headers["Idempotent-Replayed"] == "true"
    assert faults.call("GET", path).data["stock_quantity"] == 15


def test_a_key_is_free_within_seconds_once_a_frozen_database_answers(faults):
    """The emulator freezes before the key's claim is answered; the API gives
    up (503). Once the emulator answers again, the retry with that key gets its
    201 at once, not 409 "still being processed" until the claim's lock lapses
    (its claim lands after the request gave up on it; the lock, sized for the
    longest request, would hold the key for seconds after that)."""
    customer = faults.new_customer()
    body = {**customer, "items": [{"product_id": "PROD002", "quantity": 1}]}
    key = {"Idempotency-Key": f"frozen-claim-{uuid.uuid4()}"}
    assert faults.call("GET", "/orders?limit=1").status_code == 200  # the API key verified and cached: the claim comes first
    first = faults.freeze_during(lambda: faults.call("POST", "/orders", body, key), 0.0, 8)
    resumed = time.monotonic()
    assert first.status_code == 503, first.data  # it gave up before the emulator answered
    retries = [faults.call("POST", "/orders", body, key)]
    while retries[-1].status_code != 201 and time.monotonic() - resumed < 5:
        time.sleep(0.2)
        retries.append(faults.call("POST", "/orders", body, key))
    assert [r.status_code for r in retries] == [201], [r.data for r in retries]
    retry = retries[0]
    assert [o["order_id"] for o in faults.orders_of(customer["customer_email"])] == [retry.data["order_id"]]


def test_reads_during_a_frozen_emulator_are_503_with_a_request_id(faults):
    order_id = faults.call("GET", "/orders?limit=1").data["orders"][0]["order_id"]
    for path in (f"/orders/{order_id}", "/orders?limit=5", f"/status/{order_id}"):
        response = faults.freeze_during(lambda path=path: faults.call("GET", path), 0.0, 5)
        assert response.status_code == 503, (path, response.data)
        assert response.data["request_id"] == response.headers["X-Request-Id"]


def test_after_every_fault_the_books_balance(faults):
    """Runs last in this module: the invariants over everything above."""
    books = Books(faults.stack.aws_client("dynamodb"))
    assert books.stuck_pending() == []
    assert books.stock_problems() == []
    assert books.counter_problems() == []
    problems = []
    for method, path, status, request_id, body in faults.responses:
        if not request_id or not isinstance(body, dict) or (status >= 400 and not body.get("message")):
            problems.append((method, path, status, "no request id or not JSON"))
        if status >= 500 and (status != 503 or body.get("request_id") != request_id):
            problems.append((method, path, status, body))
    assert problems == []
    print(f"\n{faults.injected} faults injected, {len(faults.responses)} responses checked, all invariants hold")
    assert faults.injected >= 21
