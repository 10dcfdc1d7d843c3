"""Restore on the real local own_stack (`make run`, `make restore`): right after
normal use a dry run finds every item as its backup has it (nothing to
update), and restoring a deleted order puts it back without a second
`order.created` webhook or a workflow run."""
import re
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest

from chalicelib.events import backup
from ops.restore import parse_time
from ops.run_local import free_port
from ops.webhook_receiver import Receiver
from tests.support import ROOT, ContractCheck, Http, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ITEMS = [{"product_id": "PROD002", "quantity": 1}]
REPORT = re.compile(r"^(customers|orders|products): (\d.*)$", re.M)


def order_log(own_stack):
    """Order id -> its backed-up lines, in stream order."""
    s3 = own_stack.aws_client("s3")
    listed = s3.list_objects_v2(Bucket="oms-local-backups", Prefix=backup.log_prefix("orders")).get("Contents", [])
    lines = [line for obj in listed
             for line in backup.decode(s3.get_object(Bucket="oms-local-backups", Key=obj["Key"])["Body"].read())]
    by_id = {}
    for line in sorted(lines, key=lambda line: int(line["seq"])):
        by_id.setdefault(line["id"], []).append(line)
    return by_id


def restore(own_stack, *arguments):
    result = subprocess.run([sys.executable, "-m", "ops.restore", "--stage", "local", *arguments], cwd=ROOT,
                            env=own_stack.environment(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return {kind: dict((action, int(count)) for count, action in (part.split(" ", 1) for part in report.split(", ")))
            for kind, report in REPORT.findall(result.stdout)}


def test_a_restore_right_after_normal_use_changes_nothing_and_putting_back_a_deleted_order_replays_nothing(own_stack):
    http = Http(own_stack.api_url, own_stack.api_key, contract=ContractCheck.served_by(own_stack.api_url))
    port = free_port()
    created = http.post("/webhooks", {"url": f"http://127.0.0.1:{port}/hooks"})
    assert created.status_code == 201, created.data
    receiver = Receiver(created.data["secret"], port).start()
    tag = uuid.uuid4().hex[:8]

    # Normal use: created with and without an Idempotency-Key (each history entry keeps its operation id),
    # edited, shipped, cancelled.
    ids = [http.post("/orders", {"customer_name": f"Parity {tag} {n}", "customer_email": f"parity-{tag}-{n}@example.com",
                                 "items": ITEMS}, headers={"Idempotency-Key": f"parity-{tag}-{n}"} if n % 2 else None
                     ).data["order_id"] for n in range(4)]
    wait_until(lambda: all(http.get(f"/orders/{order_id}").data["status"] == "processing" for order_id in ids), 30,
               "the workflow runs")
    assert http.put(f"/orders/{ids[0]}", {"status": "shipped"}).status_code == 200
    assert http.put(f"/orders/{ids[1]}", {"items": [{"product_id": "PROD002", "quantity": 2}]}).status_code == 200
    assert http.delete(f"/orders/{ids[2]}", {"reason": "changed my mind"}).status_code == 200

    def backed_up():
        log = order_log(own_stack)
        return all(log.get(order_id, [{}])[-1].get("document", {}).get("version") ==
                   http.get(f"/orders/{order_id}").data["version"] for order_id in ids)
    wait_until(backed_up, 30, "the backups of every change")

    report = restore(own_stack, "--dry-run")
    assert set(report) == {"customers", "orders", "products"}
    assert {kind: set(actions) for kind, actions in report.items()} == {
        "customers": {"unchanged"}, "orders": {"unchanged"}, "products": {"unchanged"}}, report

    # A deleted order put back: no second order.created, no workflow run.
    gone = ids[3]
    wait_until(lambda: [e["type"] for _, e in receiver.events() if e["data"]["order"]["order_id"] == gone] ==
               ["order.created", "order.status_changed"], 30, "the order's webhooks")
    executions = own_stack.aws_client("stepfunctions").list_executions
    machine = "arn:aws:states:us-east-1:123456789012:stateMachine:oms-local-order-processing"
    runs = [e["name"] for e in executions(stateMachineArn=machine)["executions"] if gone in e["name"]]
    time.sleep(1.05)  # the log's times are to the second
    assert http.delete(f"/orders/{gone}?hard=true").status_code == 200
    wait_until(lambda: order_log(own_stack)[gone][-1].get("deleted"), 30, "the deletion's backup")
    deleted_at = parse_time(order_log(own_stack)[gone][-1]["at"])
    before = (deleted_at - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    report = restore(own_stack, "--as-of", before)
    assert report["orders"].get("create") == 1, report
    assert http.get(f"/orders/{gone}").status_code == 200
    wait_until(lambda: order_log(own_stack)[gone][-1].get("event") == "INSERT", 30, "the restored order's backup")
    time.sleep(3)  # time enough for a webhook or a run to start, if the restore's write caused one
    assert [e["type"] for _, e in receiver.events() if e["data"]["order"]["order_id"] == gone] == [
        "order.created", "order.status_changed"]
    assert [e["name"] for e in executions(stateMachineArn=machine)["executions"] if gone in e["name"]] == runs
