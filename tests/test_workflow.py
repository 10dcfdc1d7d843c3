"""The order-processing state machine, executed for real by moto's Step
Functions interpreter against the mocked tables."""
import json
import os

import boto3

from chalicelib.data import aws, order_store
from chalicelib.data.models import Product
from chalicelib.domain import workflow
from ops.stream_pump import StreamPump
from tests.support import wait_for_execution

SEED = {"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 2}, {"product_id": "PROD002", "quantity": 1}]}


def stock(product_id):
    return int(Product.get(product_id).stock_quantity)


def transitions(execution_arn):
    events = boto3.client("stepfunctions").get_execution_history(executionArn=execution_arn)["events"]
    return [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]


def create_and_finish(api, body=SEED):
    created = api.post("/orders", body)
    assert created.status_code == 201, created.data
    execution = wait_for_execution(created.data["execution_arn"])
    return created.data, execution


def test_success_reserves_stock_and_moves_the_order_to_processing_in_one_transition(api, drain):
    created, execution = create_and_finish(api)
    assert created["execution_arn"].endswith(f":order-{created['order_id']}")
    assert created["note"] == "Save this execution_arn to check workflow status later"
    assert execution["status"] == "SUCCEEDED"
    assert transitions(created["execution_arn"]) == ["ReserveStock"]
    order = api.get(f"/orders/{created['order_id']}").data
    assert order["status"] == "processing" and order["stock_reserved"] is True
    assert order["history"][-1] == {**order["history"][-1], "action": "workflow", "from_status": "pending",
                                    "to_status": "processing",
                                    "actor": {"type": "system", "id": None, "name": "workflow"}}
    assert (stock("PROD001"), stock("PROD002")) == (48, 99)
    drain()
    assert api.get("/orders?status=processing").data["pagination"]["total"] == 1


def test_out_of_stock_fails_the_order_naming_the_products_and_leaves_stock_alone(api, drain):
    created, execution = create_and_finish(api, {"customer_id": "CUST002", "items": [
        {"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD004", "quantity": 31}, {"product_id": "PROD003",
                                                                                              "quantity": 76}]})
    assert execution["status"] == "FAILED"
    assert transitions(created["execution_arn"]) == ["ReserveStock", "WhyCancelled", "MarkFailed", "OrderFailed"]
    order = api.get(f"/orders/{created['order_id']}").data
    assert order["status"] == "failed" and order["stock_reserved"] is False
    assert order["status_reason"] == "Insufficient stock for PROD003, PROD004"
    assert order["history"][-1]["reason"] == "Insufficient stock for PROD003, PROD004"
    assert (stock("PROD002"), stock("PROD003"), stock("PROD004")) == (100, 75, 30)
    drain()
    listed = api.get("/orders?status=failed").data
    assert listed["pagination"]["total"] == 1 and listed["orders"][0]["status_reason"].startswith("Insufficient stock")


def test_an_order_cancelled_before_the_reservation_keeps_its_stock(api, monkeypatch):
    # Prepare the run, cancel the order, then let the run happen: its
    # reservation is bound to the version it was prepared for.
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")  # Step Functions unreachable
    aws.reset()
    created = api.post("/orders", SEED).data
    monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
    aws.reset()
    order = order_store.get(created["order_id"])
    stale_input = workflow.execution_input(order)
    assert api.delete(f"/orders/{created['order_id']}", {"reason": "changed mind"}).status_code == 200

    sfn = boto3.client("stepfunctions")
    arn = sfn.start_execution(stateMachineArn=os.environ["OMS_STATE_MACHINE_ARN"], name=f"order-{created['order_id']}",
                              input=json.dumps(stale_input))["executionArn"]
    execution = wait_for_execution(arn)
    assert execution["status"] == "SUCCEEDED"
    assert transitions(arn) == ["ReserveStock", "WhyCancelled", "OrderNoLongerPending"]
    assert api.get(f"/orders/{created['order_id']}").data["status"] == "cancelled"
    assert (stock("PROD001"), stock("PROD002")) == (50, 100)


def test_step_functions_down_still_creates_the_order_and_the_stream_starts_its_run(api, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")
    aws.reset()
    created = api.post("/orders", SEED)
    assert created.status_code == 201
    order_id = created.data["order_id"]
    assert created.data["workflow"] == {"started": False, "reason": workflow.NOT_STARTED}
    assert created.data["execution_arn"].endswith(f":order-{order_id}")  # the run it will get
    assert api.get(f"/orders/{order_id}").data["status"] == "pending"
    # The order answers for its run, which the stream will start; Step Functions' history cannot be had.
    assert {"status": "RUNNING", "step": "ReserveStock", "source": "order"}.items() <= api.get(f"/status/{order_id}").data.items()
    assert api.get(f"/status/{order_id}?history=true").status_code == 503

    pump = StreamPump(kinds=("orders",))
    assert pump.poll_once() == 0 and pump.pending() == 1  # Step Functions still down: the record stays, to be retried
    monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
    aws.reset()
    assert pump.poll_once() == 1  # the stream worker (a Lambda when deployed) starts the missing run
    assert wait_for_execution(created.data["execution_arn"])["status"] == "SUCCEEDED"
    assert api.get(f"/orders/{order_id}").data["status"] == "processing"
    assert pump.poll_once() == 1 and len(executions()) == 1  # the move to processing starts nothing


def executions():
    return boto3.client("stepfunctions").list_executions(stateMachineArn=os.environ["OMS_STATE_MACHINE_ARN"])["executions"]


def test_starting_is_idempotent(api):
    created, _ = create_and_finish(api)
    order = order_store.get(created["order_id"])
    # A retried start of the same run is answered with the existing execution, not a second one.
    workflow._start(order_store.get(created["order_id"]))
    assert len(executions()) == 1
    # Re-running the committed reservation (a retry after a lost reply) changes nothing.
    assert api.post(f"/orders/{order.order_id}/workflow").status_code == 409
    assert (stock("PROD001"), stock("PROD002")) == (48, 99)


def test_a_failed_order_reruns_after_stock_is_added(api):
    created, execution = create_and_finish(api, {"customer_id": "CUST003", "items": [{"product_id": "PROD004", "quantity": 40}]})
    assert execution["status"] == "FAILED"
    assert api.put("/products/PROD004", {"add_stock": 10}).status_code == 200
    rerun = api.post(f"/orders/{created['order_id']}/workflow")
    assert rerun.status_code == 202 and rerun.data["status"] == "pending"
    assert wait_for_execution(rerun.data["execution_arn"])["status"] == "SUCCEEDED"
    order = api.get(f"/orders/{created['order_id']}").data
    assert order["status"] == "processing" and stock("PROD004") == 0
    assert [h["to_status"] for h in order["history"]] == ["pending", "failed", "pending", "processing"]


def test_editing_a_pending_order_reruns_the_workflow_on_the_new_quantities(api, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")
    aws.reset()
    created = api.post("/orders", SEED).data
    stale_input = workflow.execution_input(order_store.get(created["order_id"]))
    monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
    aws.reset()
    edited = api.put(f"/orders/{created['order_id']}", {"items": [{"product_id": "PROD001", "quantity": 5}]}).data["order"]
    # The run prepared before the edit stands down; the run started by the edit reserves 5.
    sfn = boto3.client("stepfunctions")
    stale = sfn.start_execution(stateMachineArn=os.environ["OMS_STATE_MACHINE_ARN"], name="stale-run",
                                input=json.dumps(stale_input))
    assert wait_for_execution(stale["executionArn"])["status"] == "SUCCEEDED"
    assert wait_for_execution(edited["execution_arn"])["status"] == "SUCCEEDED"
    assert api.get(f"/orders/{created['order_id']}").data["status"] == "processing"
    assert (stock("PROD001"), stock("PROD002")) == (45, 99)


def test_status_by_order_id_and_by_execution_arn(api):
    created, _ = create_and_finish(api)
    by_order = api.get(f"/status/{created['order_id']}")
    assert by_order.status_code == 200
    recorded = by_order.data  # from the order alone
    assert recorded["status"] == "SUCCEEDED" and recorded["execution_arn"] == created["execution_arn"]
    assert recorded["execution_name"] == f"order-{created['order_id']}" and recorded["order_id"] == created["order_id"]
    assert recorded["start_date"] <= recorded["stop_date"]
    assert {"source": "order", "step": "ReserveStock", "input": None, "output": {"outcome": "reserved"},
            "recent_events": [], "error": None}.items() <= recorded.items()
    with_history = api.get(f"/status/{created['order_id']}?history=true")
    assert with_history.status_code == 200
    status = with_history.data
    assert status["source"] == "step_functions" and status["step"] == "ReserveStock"
    assert {key: status[key] for key in ("status", "execution_arn", "execution_name", "order_id", "output")} == \
        {key: recorded[key] for key in ("status", "execution_arn", "execution_name", "order_id", "output")}
    assert status["start_date"] and status["stop_date"]
    assert status["input"]["order_id"] == created["order_id"] and status["output"] == {"outcome": "reserved"}
    types = [event["type"] for event in status["recent_events"]]
    assert types[0] == "ExecutionSucceeded" and types[-1] == "ExecutionStarted"
    entered = next(e for e in status["recent_events"] if e["type"] == "TaskStateEntered")
    assert {"state_name": "ReserveStock"}.items() <= entered.items()
    by_arn = api.get(f"/status/{created['execution_arn']}")
    assert by_arn.status_code == 200 and by_arn.data["status"] == "SUCCEEDED"
    missing = api.get(f"/status/{created['execution_arn']}-nope")
    assert missing.status_code == 404 and missing.data == {"message": "Workflow execution not found", "code": "not_found"}


def recorded_and_asked(api, order_id):
    """The run as the order records it, and as Step Functions tells it."""
    recorded, asked = api.get(f"/status/{order_id}").data, api.get(f"/status/{order_id}?history=true").data
    assert (recorded["source"], asked["source"]) == ("order", "step_functions")
    return recorded, asked


def test_the_order_records_a_failed_run_and_its_rerun_as_step_functions_tells_them(api):
    created, _ = create_and_finish(api, {"customer_id": "CUST003", "items": [{"product_id": "PROD004", "quantity": 40}]})
    recorded, asked = recorded_and_asked(api, created["order_id"])
    assert recorded["status"] == asked["status"] == "FAILED"
    assert recorded["step"] == asked["step"] == "OrderFailed"
    failure = order_store.get(created["order_id"]).failure
    assert (recorded["error"], recorded["cause"]) == (failure.error, failure.cause)
    assert recorded["error"] == "DynamoDb.TransactionCanceledException"

    assert api.put("/products/PROD004", {"add_stock": 10}).status_code == 200
    rerun = api.post(f"/orders/{created['order_id']}/workflow").data
    wait_for_execution(rerun["execution_arn"])
    recorded, asked = recorded_and_asked(api, created["order_id"])
    assert recorded["execution_arn"] == asked["execution_arn"] == rerun["execution_arn"]
    assert (recorded["status"], recorded["step"], recorded["error"]) == ("SUCCEEDED", "ReserveStock", None)
    assert asked["status"] == "SUCCEEDED"
    assert recorded["start_date"] > api.get(f"/orders/{created['order_id']}").data["created_at"]


def test_a_run_that_finds_its_order_cancelled_is_recorded_as_standing_down(api, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")
    aws.reset()
    created = api.post("/orders", SEED).data
    assert api.delete(f"/orders/{created['order_id']}").status_code == 200
    monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
    aws.reset()
    workflow._start(order_store.get(created["order_id"]))  # the run starts late, after the cancel
    wait_for_execution(created["execution_arn"])
    recorded, asked = recorded_and_asked(api, created["order_id"])
    assert recorded["status"] == asked["status"] == "SUCCEEDED"
    assert recorded["step"] == asked["step"] == "OrderNoLongerPending"


def test_the_states_a_recorded_run_names_are_the_state_machines():
    from chalicelib.model import workflow_run
    from ops.provision import STATE_MACHINE_FILE

    states = json.loads(STATE_MACHINE_FILE.read_text())["States"]
    assert {workflow_run.RESERVE_STOCK, workflow_run.ORDER_FAILED, workflow_run.NO_LONGER_PENDING} <= set(states)
    assert states[workflow_run.ORDER_FAILED]["Type"] == "Fail"
    assert states[workflow_run.NO_LONGER_PENDING]["Type"] == "Succeed"


def test_executions_list(api):
    create_and_finish(api)
    create_and_finish(api, {"customer_id": "CUST002", "items": [{"product_id": "PROD004", "quantity": 99}]})
    everything = api.get("/executions?limit=10").data["executions"]
    assert len(everything) == 2
    failed = api.get("/executions?status=FAILED").data["executions"]
    assert [e["status"] for e in failed] == ["FAILED"] and failed[0]["order_id"]
    assert api.get("/executions?status=DONE").status_code == 400
    assert api.get("/executions?limit=0").status_code == 400
