"""Backups of every change (through the table streams), the restore that
rebuilds the tables from them, and what happens when S3 or DynamoDB fail."""
import io
import json
import time
from datetime import datetime, timezone

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError

from chalicelib.core.settings import get_settings
from chalicelib.data import aws, dynamo
from chalicelib.data.models import Counter, Customer, Order, Product
from chalicelib.domain import auth
from ops import restore
from ops.stream_pump import StreamPump
from tests.support import wait_for_execution

SEED = {"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 2}, {"product_id": "PROD002", "quantity": 1}]}


@pytest.fixture
def pump(seeded):
    return StreamPump()


def s3_document(key, version_id=None):
    arguments = {"Bucket": get_settings().backup_bucket, "Key": key}
    if version_id:
        arguments["VersionId"] = version_id
    obj = boto3.client("s3").get_object(**arguments)
    return json.loads(obj["Body"].read()), obj


def versions(key):
    listed = boto3.client("s3").list_object_versions(Bucket=get_settings().backup_bucket, Prefix=key)
    return [v for v in listed.get("Versions", []) if v["Key"] == key]


def everything(api):
    """What the API shows: every order in full, every list total, the catalog."""
    listing = api.get("/orders?limit=100").data
    orders = {o["order_id"]: api.get(f"/orders/{o['order_id']}").data for o in listing["orders"]}
    totals = {status: api.get(f"/orders?status={status}").data["pagination"]["total"]
              for status in ("pending", "processing", "shipped", "delivered", "cancelled", "failed")}
    customers = {c["customer_id"]: api.get(f"/orders?customer_id={c['customer_id']}").data["pagination"]["total"]
                 for c in api.get("/customers?limit=100").data["customers"]}
    products = api.get("/products?limit=100").data["products"]
    return {"orders": orders, "list": listing, "totals": totals, "by_customer": customers, "products": products,
            "customers": api.get("/customers?limit=100").data}


def run_scenario(api):
    """Create, edit, ship, cancel, fail and delete orders, workflow included."""
    ids = []
    for body in (SEED, {"customer_name": "Zoe Q", "customer_email": "zoe@example.com", "items": [{"product_id": "PROD003",
                                                                                                  "quantity": 3}]},
                 {"customer_id": "CUST002", "items": [{"product_id": "PROD004", "quantity": 99}]},
                 {"customer_id": "CUST003", "items": [{"product_id": "978-1492056355", "quantity": 1}]},
                 {"customer_id": "CUST004", "items": [{"product_id": "PROD002", "quantity": 4}]}):
        created = api.post("/orders", body).data
        wait_for_execution(created["execution_arn"])
        ids.append(created["order_id"])
    assert api.put(f"/orders/{ids[0]}", {"items": [{"product_id": "PROD002", "quantity": 3,
                                                    "price": "27.50"}]}).status_code == 200
    assert api.put(f"/orders/{ids[0]}", {"status": "shipped"}).status_code == 200
    assert api.delete(f"/orders/{ids[1]}", {"reason": "no longer needed"}).status_code == 200
    assert api.delete(f"/orders/{ids[3]}?hard=true").status_code == 200
    assert api.put("/products/PROD004", {"price": "279.00"}).status_code == 200
    return ids


def wipe_tables():
    for model in (Order, Product, Customer, Counter):
        with model.batch_write() as batch:
            for item in model.scan():
                batch.delete(item)
    assert Order.count() == 0


# ---------------------------------------------------------------- backup

def test_every_change_is_a_new_version_of_the_order_document(api, pump):
    created = api.post("/orders", SEED).data
    wait_for_execution(created["execution_arn"])
    key = f"orders/{created['order_id']}.json"
    pump.drain()
    api.put(f"/orders/{created['order_id']}", {"items": [{"product_id": "PROD001", "quantity": 1}]})
    pump.drain()
    api.put(f"/orders/{created['order_id']}", {"status": "shipped"})
    pump.drain()
    api.put(f"/orders/{created['order_id']}", {"status": "delivered"})
    pump.drain()
    document, obj = s3_document(key)
    assert document == api.get(f"/orders/{created['order_id']}").data
    assert document["version"] == 5 and obj["ServerSideEncryption"] == "AES256"
    # created + processed (one batch: the workflow ran before the first drain), edited, shipped, delivered
    assert sorted(json.loads(boto3.client("s3").get_object(Bucket=get_settings().backup_bucket, Key=key,
                                                            VersionId=v["VersionId"])["Body"].read())["version"]
                  for v in versions(key)) == [2, 3, 4, 5]


def test_hard_delete_leaves_a_deletion_record(api, pump):
    created = api.post("/orders", SEED).data
    wait_for_execution(created["execution_arn"])
    api.delete(f"/orders/{created['order_id']}?hard=true")
    pump.drain()
    document, _ = s3_document(f"orders/{created['order_id']}.json")
    assert document["deleted"] is True and document["order_id"] == created["order_id"] and document["version"] == 2


def test_products_and_customers_are_backed_up(api, pump):
    api.post("/customers", {"customer_id": "CUST777", "customer_name": "Lu", "email": "lu@example.com"})
    created = api.post("/orders", {"customer_id": "CUST777", "items": [{"product_id": "PROD003", "quantity": 5}]}).data
    wait_for_execution(created["execution_arn"])
    pump.drain()
    # A reservation only moves stock: no new product document (stock = added - held).
    product, _ = s3_document("products/PROD003.json")
    assert len(versions("products/PROD003.json")) == 1 and product["stock_added"] == 75
    api.put("/products/PROD003", {"price": "75.00", "add_stock": 5})
    pump.drain()
    product, _ = s3_document("products/PROD003.json")
    assert (product["price"], product["stock_added"], product["stock_quantity"]) == ("75.00", 80, 75)
    customer, _ = s3_document("customers/CUST777.json")
    assert customer == {**api.get("/customers/CUST777").data}
    keys = [o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=get_settings().backup_bucket)["Contents"]]
    assert not [k for k in keys if "email#" in k]


def test_the_deployed_stream_handler_writes_the_same_documents(api, pump):
    import app as app_module

    handler = app_module._register_stream_handler("orders", pump.streams["orders"])
    created = api.post("/orders", SEED).data
    wait_for_execution(created["execution_arn"])
    records = pump._records(pump.streams["orders"], pump._shards(pump.streams["orders"])[0])
    handler({"Records": records}, None)
    document, _ = s3_document(f"orders/{created['order_id']}.json")
    assert document == api.get(f"/orders/{created['order_id']}").data


# ---------------------------------------------------------------- restore

def test_restore_drill_rebuilds_exactly_what_the_api_showed(api, pump):
    run_scenario(api)
    pump.drain()
    before = everything(api)
    assert len(before["orders"]) == 4 and before["totals"]["failed"] == 1 and before["totals"]["shipped"] == 1

    wipe_tables()
    assert api.get("/orders").data["orders"] == []
    output = io.StringIO()
    report = restore.restore(out=output)
    assert report["orders"]["create"] == 4 and report["orders"]["unchanged"] == 1  # the deleted one stays deleted
    assert "counters: recounted 4 orders" in output.getvalue()
    assert everything(api) == before

    again = restore.restore(out=io.StringIO())
    assert set(again["orders"]) == {"unchanged"} and set(again["products"]) == {"unchanged"}
    assert everything(api) == before


def test_dry_run_changes_nothing_and_newer_items_are_kept_unless_forced(api, pump):
    ids = run_scenario(api)
    pump.drain()
    wipe_tables()
    dry = restore.restore(dry_run=True, out=io.StringIO())
    assert dry["orders"]["create"] == 4 and Order.count() == 0

    restore.restore(out=io.StringIO())
    # A change the backup has not seen yet is newer than the backup.
    newer = api.put(f"/orders/{ids[4]}", {"status": "shipped"}).data["order"]
    report = restore.restore(out=io.StringIO())
    assert report["orders"]["skip-newer"] == 1
    assert api.get(f"/orders/{ids[4]}").data == newer
    forced = restore.restore(force=True, out=io.StringIO())
    assert forced["orders"]["update"] == 1
    assert api.get(f"/orders/{ids[4]}").data["status"] == "processing"


def test_point_in_time_restore(api, pump):
    created = api.post("/orders", SEED).data
    wait_for_execution(created["execution_arn"])
    pump.drain()
    time.sleep(1.1)
    moment = datetime.now(timezone.utc)
    time.sleep(1.1)
    api.put(f"/orders/{created['order_id']}", {"status": "shipped"})
    pump.drain()
    wipe_tables()
    restore.restore(as_of=moment, out=io.StringIO())
    assert api.get(f"/orders/{created['order_id']}").data["status"] == "processing"
    assert restore.main(["--as-of", "2000-01-01T00:00:00Z", "--dry-run"]) == 0


# ---------------------------------------------------------------- faults

def test_s3_down_loses_nothing(api, pump, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9")
    aws.reset()
    created = api.post("/orders", SEED)
    assert created.status_code == 201
    order_id = created.data["order_id"]
    wait_for_execution(created.data["execution_arn"])
    assert api.put(f"/orders/{order_id}", {"items": [{"product_id": "PROD002", "price": "20.00"}]}).status_code == 200
    assert api.get(f"/orders/{order_id}").status_code == 200
    with pytest.raises(EndpointConnectionError):
        pump.poll_once()
    assert pump.pending() > 0  # the changes wait in the stream, position not advanced

    monkeypatch.delenv("AWS_ENDPOINT_URL_S3")
    aws.reset()
    pump.drain()
    assert pump.pending() == 0
    document, _ = s3_document(f"orders/{order_id}.json")
    assert document == api.get(f"/orders/{order_id}").data
    before = everything(api)
    wipe_tables()
    restore.restore(out=io.StringIO())
    assert everything(api) == before


@pytest.mark.parametrize("cached_key", [False, True])
def test_dynamodb_down_is_503_and_writes_nothing_elsewhere(api, pump, monkeypatch, cached_key):
    pump.drain()
    if cached_key:
        monkeypatch.setenv("OMS_API_KEY_CACHE_SECONDS", "60")
        get_settings.cache_clear()
        auth.clear_cache()
        assert api.get("/orders").status_code == 200
    objects_before = boto3.client("s3").list_objects_v2(Bucket=get_settings().backup_bucket).get("KeyCount", 0)
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
    dynamo.reset()
    for response in (api.post("/orders", SEED), api.get("/orders"), api.get("/health", key=None)):
        assert response.status_code == 503, response.data
        assert response.data["message"] == "Service unavailable" and response.data["request_id"]
        assert "Traceback" not in json.dumps(response.data)
    monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB")
    dynamo.reset()
    executions = boto3.client("stepfunctions").list_executions(stateMachineArn=get_settings().state_machine_arn)["executions"]
    assert executions == [] and Order.count() == 0
    pump.drain()
    assert boto3.client("s3").list_objects_v2(Bucket=get_settings().backup_bucket).get("KeyCount", 0) == objects_before
    get_settings.cache_clear()
    auth.clear_cache()
