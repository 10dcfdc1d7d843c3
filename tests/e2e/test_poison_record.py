"""A stream record the handler cannot take, on the real local own_stack (`make
run`: the emulator's streams, the stream worker, the webhook worker, real
HTTP to a receiver): it is retried, then set aside on the failed records
queue while the records behind it flow on, and `make replay-failed` applies
it once after the fault is gone, however often it is replayed.

The fault is the emulator's (as in the fault suite): while switched on, it
refuses the write of the poison order's search entries (a BatchWriteItem
naming a product only that order holds), so the handler fails on that record
and on no other, before it delivers or counts it."""
import json
import subprocess
import sys
import time
import urllib.request
import uuid

import boto3
import pytest

from chalicelib.data import counters
from chalicelib.domain.catalog import customer_id_for_email
from chalicelib.events import backup
from ops.run_local import free_port
from ops.webhook_receiver import Receiver
from tests.support import ROOT, ContractCheck, Http, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ITEMS = [{"product_id": "PROD002", "quantity": 1}]
WITHIN_SECONDS = 20  # 6 attempts at the poison record, half a second apart, then the rest


def fault(own_stack, rule):
    request = urllib.request.Request(f"{own_stack.aws_url}/_oms/faults", method="POST", data=json.dumps(rule).encode())
    urllib.request.urlopen(request, timeout=5).read()


def client(own_stack, service):
    return boto3.client(service, endpoint_url=own_stack.aws_url, region_name="us-east-1",
                        aws_access_key_id="local", aws_secret_access_key="local")


def backed_up_ids(own_stack):
    s3 = client(own_stack, "s3")
    listed = s3.list_objects_v2(Bucket="oms-local-backups", Prefix=backup.log_prefix("orders")).get("Contents", [])
    return {line["id"] for obj in listed
            for line in backup.decode(s3.get_object(Bucket="oms-local-backups", Key=obj["Key"])["Body"].read())}


def replay(own_stack):
    result = subprocess.run([sys.executable, "-m", "ops.replay_failed", "--stage", "local"], cwd=ROOT,
                            env=own_stack.environment(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_poison_record_is_set_aside_the_rest_flows_on_and_a_replay_applies_it_once(own_stack):
    http = Http(own_stack.api_url, own_stack.api_key, contract=ContractCheck.served_by(own_stack.api_url))
    port = free_port()
    created = http.post("/webhooks", {"url": f"http://127.0.0.1:{port}/hooks", "events": ["order.created"]})
    assert created.status_code == 201, created.data
    receiver = Receiver(created.data["secret"], port).start()
    failed_queue = client(own_stack, "sqs").get_queue_url(QueueName="oms-local-stream-failures")["QueueUrl"]
    tag = uuid.uuid4().hex[:8]

    def customer(name):
        return {"customer_name": f"{name} {tag}", "customer_email": f"{name.lower()}-{tag}@example.com"}

    def count_of(body):
        """The customer's order count as the counters hold it (a list's total never shows fewer than its page)."""
        key = {"counter_id": {"S": counters.customer_key(customer_id_for_email(body["customer_email"]))}}
        item = client(own_stack, "dynamodb").get_item(TableName="oms-local-counters", Key=key).get("Item", {})
        return int(item.get("total", {"N": "0"})["N"])

    def created_events(order_id):
        return [webhook_id for webhook_id, event in receiver.events()
                if event["type"] == "order.created" and event["data"]["order"]["order_id"] == order_id]

    # The poison order alone holds a product of its own: the emulator refuses the write of that
    # order's search entries (`product#<id>`), the orders stream's first step a record can fail on.
    poison, poison_product = customer("Poison"), f"POISON{tag.upper()}"
    assert http.post("/products", {"product_id": poison_product, "product_name": f"Poisonous widget {tag}",
                                   "price": "5.00", "stock_quantity": 5}).status_code == 201
    wait_until(lambda: http.get(f"/products?q={poison_product}").data["products"], WITHIN_SECONDS,
               "the new product's own search entries")
    fault(own_stack, {"target": "DynamoDB_20120810.BatchWriteItem", "contains": f"product#{poison_product}",
                  "error": "ValidationException", "times": 1000})
    started = time.time()
    bad = http.post("/orders", {**poison, "items": [{"product_id": poison_product, "quantity": 1}]})
    assert bad.status_code == 201, bad.data
    goods = [customer(f"Good{n}") for n in range(3)]
    good_ids = [http.post("/orders", {**body, "items": ITEMS}).data["order_id"] for body in goods]

    # The records behind the poison one: backed up, counted and delivered within seconds.
    wait_until(lambda: all(created_events(order_id) for order_id in good_ids)
               and set(good_ids) <= backed_up_ids(own_stack) and all(count_of(body) == 1 for body in goods),
               WITHIN_SECONDS, "the good orders' backups, counts and webhooks")
    assert time.time() - started < WITHIN_SECONDS
    # The poison one: on the failed records queue (Lambda's on-failure message), neither counted nor delivered.
    wait_until(lambda: client(own_stack, "sqs").get_queue_attributes(
        QueueUrl=failed_queue, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"][
        "ApproximateNumberOfMessages"] == "1", WITHIN_SECONDS, "the poison record on the failed queue")
    [message] = client(own_stack, "sqs").receive_message(QueueUrl=failed_queue, VisibilityTimeout=0)["Messages"]
    batch = json.loads(message["Body"])["DDBStreamBatchInfo"]
    assert batch["batchSize"] == 1 and batch["startSequenceNumber"] == batch["endSequenceNumber"]
    assert ":table/oms-local-orders/stream/" in batch["streamArn"]
    assert json.loads(message["Body"])["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert count_of(poison) == 0 and created_events(bad.data["order_id"]) == []

    # Fixed (the fault switched off): the replay applies it, and takes it off the queue.
    fault(own_stack, {"clear": True})
    assert "replayed 1, left 0" in replay(own_stack)
    wait_until(lambda: created_events(bad.data["order_id"]), 30, "the poison order's webhook")
    assert count_of(poison) == 1 and bad.data["order_id"] in backed_up_ids(own_stack)

    # Replayed again (a message delivered twice, a replay stopped before its delete): nothing changes.
    client(own_stack, "sqs").send_message(QueueUrl=failed_queue, MessageBody=message["Body"])
    assert "replayed 1, left 0" in replay(own_stack)
    assert "replayed 0, left 0" in replay(own_stack)
    time.sleep(3)  # time enough for a second delivery to arrive, if one were sent
    assert count_of(poison) == 1 and len(created_events(bad.data["order_id"])) == 1
