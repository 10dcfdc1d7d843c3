"""Backups as a change log (one S3 object per stream batch per table), the
restore that rebuilds the tables from it, and what happens when S3 or
DynamoDB fail."""
import copy
import io
import json
import re
import time
from datetime import datetime, timedelta, timezone

import boto3
import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data import aws, counters, dynamo
from chalicelib.data.models import Counter, Customer, Order, Product
from chalicelib.domain import auth
from chalicelib.events import backup
from ops import restore
from ops.stream_pump import StreamPump
from tests.support import wait_for_execution

SEED = {"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 2}, {"product_id": "PROD002", "quantity": 1}]}
KEY_LAYOUT = re.compile(r"^(orders|products|customers)/changes/(\d{4})/(\d{2})/(\d{2})/(\d{2})/"
                        r"(\d{8}T\d{6}Z)-[0-9a-f]{32}\.jsonl\.gz$")
AT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture
def pump(resources):
    pump = StreamPump()
    pump.drain()  # the demo data's changes: every test starts from a backed-up stack
    return pump


def s3():
    return boto3.client("s3")


def log_keys(kind):
    listed = s3().list_objects_v2(Bucket=get_settings().backup_bucket, Prefix=backup.log_prefix(kind))
    return [obj["Key"] for obj in listed.get("Contents", [])]


def read_object(key):
    obj = s3().get_object(Bucket=get_settings().backup_bucket, Key=key)
    return backup.decode(obj["Body"].read()), obj


def log(kind, item_id=None):
    """Every line of the kind's log in commit order (one item's when given).
    Keys list in time order to the second; within one, by stream sequence."""
    lines = [line for key in log_keys(kind) for line in read_object(key)[0]]
    return sorted((line for line in lines if item_id is None or line["id"] == item_id),
                  key=lambda line: (line["at"], int(line["seq"])))


def all_object_keys():
    return [obj["Key"] for obj in s3().list_objects_v2(Bucket=get_settings().backup_bucket).get("Contents", [])]


def everything(api):
    """What the API shows: every order in full, every list total, the catalog, the stats."""
    listing = api.get("/orders?limit=100").data
    orders = {o["order_id"]: api.get(f"/orders/{o['order_id']}").data for o in listing["orders"]}
    totals = {status: api.get(f"/orders?status={status}").data["pagination"]["total"]
              for status in ("pending", "processing", "shipped", "delivered", "cancelled", "failed")}
    customers = {c["customer_id"]: api.get(f"/orders?customer_id={c['customer_id']}").data["pagination"]["total"]
                 for c in api.get("/customers?limit=100").data["customers"]}
    products = {p["product_id"]: api.get(f"/products/{p['product_id']}").data
                for p in api.get("/products?limit=100").data["products"]}
    return {"orders": orders, "list": listing, "totals": totals, "by_customer": customers, "products": products,
            "customers": api.get("/customers?limit=100").data, "stats": api.get("/stats").data}


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


def skip_stream(pump):
    """Moves the stream positions past every record without handling them."""
    while pump.poll_once(lambda kind, records: None):
        pass


def lose_tables(pump, models=(Order, Product, Customer, Counter)):
    """As if the tables had been lost: every item gone, and (a deleted table's
    stream goes with it) the handlers never see those removals."""
    for model in models:
        with model.batch_write() as batch:
            for item in model.scan():
                batch.delete(item)
    skip_stream(pump)
    assert Order.count() == 0 or Order not in models


def next_second():
    """Sleeps into the next second: the log's times are to the second, as DynamoDB Streams gives them."""
    time.sleep(1.05 - datetime.now(timezone.utc).microsecond / 1e6)


def just_before(at):
    return (restore.parse_time(at) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def ledger_problems():
    """Every product's stock is what was ever added minus what live orders hold."""
    held = {}
    for order in Order.scan():
        if order.status in ("processing", "shipped", "delivered"):
            for line in order.lines:
                held[line.product_id] = held.get(line.product_id, 0) + int(line.quantity)
    return [f"{p.product_id}: {p.stock_quantity} + {held.get(p.product_id, 0)} != {p.stock_added}" for p in Product.scan()
            if int(p.stock_quantity) + held.get(p.product_id, 0) != int(p.stock_added)]


def restore_quietly(**kwargs):
    output = io.StringIO()
    return restore.restore(out=output, **kwargs), output.getvalue()


# ---------------------------------------------------------------- backup

def test_every_change_lands_in_the_log_with_its_document(api, pump):
    created = api.post("/orders", SEED).data
    order_id = created["order_id"]
    wait_for_execution(created["execution_arn"])
    pump.drain()
    shown = {2: api.get(f"/orders/{order_id}").data}
    for version, change in ((3, {"items": [{"product_id": "PROD001", "quantity": 1}]}), (4, {"status": "shipped"}),
                            (5, {"status": "delivered"})):
        assert api.put(f"/orders/{order_id}", change).status_code == 200
        pump.drain()
        shown[version] = api.get(f"/orders/{order_id}").data
    lines = log("orders", order_id)
    # created and processed (both in one batch: the workflow ran before the first drain), edited, shipped, delivered
    assert [(line["event"], line["document"]["version"]) for line in lines] == [
        ("INSERT", 1), ("MODIFY", 2), ("MODIFY", 3), ("MODIFY", 4), ("MODIFY", 5)]
    assert {line["document"]["version"]: line["document"] for line in lines[1:]} == shown
    assert all(line["kind"] == "orders" and line["id"] == order_id and AT.match(line["at"]) for line in lines)
    assert [line["at"] for line in lines] == sorted(line["at"] for line in lines)
    for key in log_keys("orders"):
        match = KEY_LAYOUT.match(key)
        assert match, key
        changes, obj = read_object(key)
        assert (obj["ServerSideEncryption"], obj["ContentType"], obj["ContentEncoding"]) == (
            "AES256", "application/x-ndjson", "gzip")
        # The key's hour and time are the batch's earliest commit time: no change in it is earlier.
        stamp = datetime.strptime(match.group(6), "%Y%m%dT%H%M%SZ")
        assert match.group(2, 3, 4, 5) == (f"{stamp:%Y}", f"{stamp:%m}", f"{stamp:%d}", f"{stamp:%H}")
        assert min(change["at"] for change in changes) == f"{stamp:%Y-%m-%dT%H:%M:%SZ}"
    assert log_keys("orders") == sorted(log_keys("orders"))


def test_one_object_per_table_per_batch(api, pump):
    puts = []
    aws.get_s3_client().meta.events.register("before-parameter-build.s3.PutObject",
                                             lambda params, **_: puts.append(params["Key"]))
    keys_before = set(all_object_keys())
    ids = []
    for n in range(5):
        body = {"customer_name": f"New Customer {n}", "customer_email": f"new{n}@example.com",
                "items": [{"product_id": "PROD002", "quantity": 1}]} if n == 0 else SEED
        created = api.post("/orders", body).data
        wait_for_execution(created["execution_arn"])
        ids.append(created["order_id"])
    assert pump.poll_once() > 10  # one batch per table: each one invocation of a deployed stream function
    assert pump.pending() == 0
    new = set(all_object_keys()) - keys_before
    assert sorted(new) == sorted(puts)
    # Ten order changes in one object, the new customer in another; the reservations only moved stock: no product object.
    assert sorted(key.split("/")[0] for key in new) == ["customers", "orders"]
    orders_key = next(key for key in new if key.startswith("orders/"))
    changes, _ = read_object(orders_key)
    assert sorted((line["id"], line["document"]["version"]) for line in changes) == sorted(
        (order_id, version) for order_id in ids for version in (1, 2))
    customers_key = next(key for key in new if key.startswith("customers/"))
    assert [line["document"]["email"] for line in read_object(customers_key)[0]] == ["new0@example.com"]


def test_a_redelivered_batch_overwrites_the_same_object(api, pump):
    created = api.post("/orders", SEED).data
    wait_for_execution(created["execution_arn"])
    arn = pump.streams["orders"]
    records = pump._records(arn, pump._shards(arn)[0])
    assert backup.handle_records("orders", records) == 2
    assert backup.handle_records("orders", copy.deepcopy(records)) == 2  # Lambda delivers the batch again
    keys = log_keys("orders")
    assert len(keys) == 1
    listed = s3().list_object_versions(Bucket=get_settings().backup_bucket, Prefix=keys[0])["Versions"]
    assert len(listed) == 2 and listed[0]["ETag"] == listed[1]["ETag"]  # the same bytes again, not a new object
    assert [line["document"]["version"] for line in log("orders")] == [1, 2]
    # A different batch is a different object.
    backup.handle_records("orders", records[:1])
    assert len(log_keys("orders")) == 2


def test_products_and_customers_are_backed_up(api, pump):
    api.post("/customers", {"customer_id": "CUST777", "customer_name": "Lu", "email": "lu@example.com"})
    created = api.post("/orders", {"customer_id": "CUST777", "items": [{"product_id": "PROD003", "quantity": 5}]}).data
    wait_for_execution(created["execution_arn"])
    pump.drain()
    # A reservation only moves stock: no new product line (stock = added - held).
    assert [line["event"] for line in log("products", "PROD003")] == ["INSERT"]
    assert log("products", "PROD003")[0]["document"]["stock_added"] == 75
    api.put("/products/PROD003", {"price": "75.00", "add_stock": 5})
    pump.drain()
    product = log("products", "PROD003")[-1]["document"]
    assert (product["price"], product["stock_added"], product["stock_quantity"], product["revision"]) == ("75.00", 80, 75, 3)
    assert {key: product[key] for key in api.get("/products/PROD003").data} == api.get("/products/PROD003").data
    assert [line["document"] for line in log("customers", "CUST777")] == [api.get("/customers/CUST777").data]
    assert not [line for line in log("customers") if line["id"].startswith("email#")]


def test_the_deployed_stream_handler_writes_the_same_log(api, pump):
    import app as app_module

    handler = app_module._register_stream_handler("orders", pump.streams["orders"])
    created = api.post("/orders", SEED).data
    wait_for_execution(created["execution_arn"])
    records = pump._records(pump.streams["orders"], pump._shards(pump.streams["orders"])[0])
    # What Lambda hands the function: plain JSON, the commit time in epoch seconds.
    event = json.loads(json.dumps({"Records": records}, default=lambda moment: moment.timestamp()))
    assert isinstance(event["Records"][0]["dynamodb"]["ApproximateCreationDateTime"], float)
    handler(event, None)
    [key] = log_keys("orders")
    assert log("orders")[-1]["document"] == api.get(f"/orders/{created['order_id']}").data
    pump.drain()  # the same records through the local stream worker: the same object, the same bytes
    assert log_keys("orders") == [key]
    listed = s3().list_object_versions(Bucket=get_settings().backup_bucket, Prefix=key)["Versions"]
    assert len(listed) == 2 and listed[0]["ETag"] == listed[1]["ETag"]


# ---------------------------------------------------------------- restore

def test_restore_drill_rebuilds_exactly_what_the_api_showed(api, pump):
    ids = run_scenario(api)
    pump.drain()
    before = everything(api)
    assert len(before["orders"]) == 4 and before["totals"]["failed"] == 1 and before["totals"]["shipped"] == 1
    assert before["stats"]["orders"]["total"] == 4

    lose_tables(pump)
    assert api.get("/orders").data["orders"] == [] and api.get("/stats").data["orders"]["total"] == 0
    report, output = restore_quietly()
    assert report["orders"]["create"] == 4 and report["orders"]["unchanged"] == 1  # the deleted one stays deleted
    assert report["customers"]["create"] == len(before["customers"]["customers"])
    assert report["products"]["create"] == len(before["products"])
    assert f"orders: 1 item's newest backup is a deletion (latest at {log('orders', ids[3])[-1]['at']})" in output
    assert "recount" not in output
    assert {order_id: api.get(f"/orders/{order_id}").data for order_id in before["orders"]} == before["orders"]
    # Counts follow from the stream: the restored orders count once their records are handled.
    assert api.get("/stats").data["orders"]["total"] == 0
    pump.drain()
    assert everything(api) == before and ledger_problems() == []

    again, _ = restore_quietly()
    assert set(again["orders"]) == {"unchanged"} and set(again["products"]) == {"unchanged"}
    assert set(again["customers"]) == {"unchanged"}
    pump.drain()
    assert everything(api) == before


def test_hard_delete_leaves_a_deletion_line_and_restore_names_the_as_of(api, pump):
    created = api.post("/orders", SEED).data
    order_id = created["order_id"]
    wait_for_execution(created["execution_arn"])
    pump.drain()
    before = everything(api)
    next_second()
    assert api.delete(f"/orders/{order_id}?hard=true").status_code == 200  # its stock goes back to the catalog
    pump.drain()
    deletion = log("orders", order_id)[-1]
    assert {key: deletion[key] for key in ("kind", "id", "event", "deleted", "version")} == {
        "kind": "orders", "id": order_id, "event": "REMOVE", "deleted": True, "version": 2}
    assert "document" not in deletion

    bring_back = just_before(deletion["at"])
    for dry_run in (True, False):
        report, output = restore_quietly(dry_run=dry_run)
        assert report["orders"]["unchanged"] == 1 and report["orders"].deletions == [(order_id, deletion["at"], 2)]
        assert (f"orders: 1 item's newest backup is a deletion (latest at {deletion['at']}); "
                f"--as-of {bring_back} brings it back") in output
        assert api.get(f"/orders/{order_id}").status_code == 404
    report, _ = restore_quietly(as_of=restore.parse_time(bring_back))
    assert report["orders"]["create"] == 1
    # The products did not change, but the order holds its stock again: the ledger rebuilds it.
    assert report["products"]["restock"] == 2 and report["products"]["unchanged"] == len(before["products"]) - 2
    pump.drain()
    assert everything(api) == before


def test_deletions_outside_the_api_are_reported_and_brought_back(api, pump):
    def create(body=SEED):
        created = api.post("/orders", body).data
        wait_for_execution(created["execution_arn"])
        return created["order_id"]

    hard, kept, gone = create(), create(), create({"customer_id": "CUST004", "items": [{"product_id": "PROD004", "quantity": 1}]})
    pump.drain()
    shown_hard = api.get(f"/orders/{hard}").data
    next_second()
    assert api.delete(f"/orders/{hard}?hard=true").status_code == 200  # through the API, on purpose
    late = create()  # created after that deletion
    pump.drain()
    before = everything(api)
    next_second()
    # Someone deletes items with the low-level client: the stream still records every removal.
    client, names = dynamo.get_client(), get_settings().table_names
    for order_id in (kept, gone, late):
        client.delete_item(TableName=names["orders"], Key={"order_id": {"S": order_id}})
    client.delete_item(TableName=names["customers"], Key={"customer_id": {"S": "CUST004"}})
    client.delete_item(TableName=names["products"], Key={"product_id": {"S": "PROD004"}})
    pump.drain()
    assert api.get("/stats").data["orders"]["total"] == 0  # the counts followed the removals
    first, latest = log("orders", hard)[-1]["at"], log("orders", late)[-1]["at"]
    assert first < latest and {log("orders", order_id)[-1]["at"] for order_id in (kept, gone)} == {latest}

    for dry_run in (True, False):  # a plain restore restores nothing, and says why
        report, output = restore_quietly(dry_run=dry_run)
        assert not {"create", "update", "delete"} & (set(report["orders"]) | set(report["products"]) | set(report["customers"]))
        assert (f"orders: 4 items' newest backup is a deletion (latest at {latest}); --as-of {just_before(first)} "
                f"brings back 3 of them\n"
                f"  {late}: deleted at {latest}; --as-of {just_before(latest)} brings it back (version 2)\n") in output
        for kind in ("customers", "products"):
            assert (f"{kind}: 1 item's newest backup is a deletion (latest at {latest}); "
                    f"--as-of {just_before(latest)} brings it back") in output
        assert sorted(report["orders"].deletions) == sorted([(hard, first, 2), (kept, latest, 2), (gone, latest, 2),
                                                             (late, latest, 2)])
        assert report["orders"].bring_back_as_of == just_before(first)

    # Just before the wave of deletions: all of it comes back, the order deleted on purpose stays deleted.
    report, _ = restore_quietly(as_of=restore.parse_time(just_before(latest)))
    assert (report["orders"]["create"], report["orders"]["unchanged"]) == (3, 1)
    assert (report["customers"]["create"], report["products"]["create"]) == (1, 1)
    pump.drain()
    assert everything(api) == before
    # Just before the first deletion: that one too (the later order did not exist yet and is left alone).
    report, _ = restore_quietly(as_of=restore.parse_time(just_before(first)))
    assert (report["orders"]["create"], report["orders"]["unchanged"]) == (1, 2) and report["products"]["restock"] == 2
    assert api.get(f"/orders/{hard}").data == shown_hard and api.get(f"/orders/{late}").status_code == 200
    assert ledger_problems() == []


def test_dry_run_changes_nothing_and_newer_items_are_kept_unless_forced(api, pump):
    ids = run_scenario(api)
    pump.drain()
    lose_tables(pump)
    objects = all_object_keys()
    dry, output = restore_quietly(dry_run=True)
    assert dry["orders"]["create"] == 4 and dry["products"]["create"] > 0
    assert Order.count() == 0 and Product.count() == 0 and Customer.count() == 0
    assert "newest backup is a deletion" in output and all_object_keys() == objects
    assert pump.poll_once() == 0  # not one write reached a table

    restore_quietly()
    pump.drain()
    # A change the backup has not seen yet is newer than the backup.
    newer = api.put(f"/orders/{ids[4]}", {"status": "shipped"}).data["order"]
    report, _ = restore_quietly()
    assert report["orders"]["skip-newer"] == 1
    assert api.get(f"/orders/{ids[4]}").data == newer
    forced, _ = restore_quietly(force=True)
    assert forced["orders"]["update"] == 1
    assert api.get(f"/orders/{ids[4]}").data["status"] == "processing"


def test_a_change_made_during_the_restore_is_never_overwritten(api, pump):
    created = api.post("/orders", SEED).data
    order_id = created["order_id"]
    wait_for_execution(created["execution_arn"])
    stale = dynamo.get_client().get_item(TableName=get_settings().orders_table, Key={"order_id": {"S": order_id}})
    api.put(f"/orders/{order_id}", {"status": "shipped"})
    pump.drain()
    shipped = api.get(f"/orders/{order_id}").data
    api.put(f"/orders/{order_id}", {"status": "delivered"})  # not backed up yet

    class ReadsOnceBeforeTheChange:
        """The table as the restore reads it, with the write of 'delivered' landing just after its first read."""
        def __init__(self, client):
            self.client, self.reads = client, 0

        def get_item(self, **kwargs):
            self.reads += 1
            return stale if self.reads == 1 else self.client.get_item(**kwargs)

        def __getattr__(self, name):
            return getattr(self.client, name)

    table = ReadsOnceBeforeTheChange(dynamo.get_client())
    change = log("orders", order_id)[-1]
    assert change["document"] == shipped
    action = restore._restore_item(table, get_settings().orders_table, "orders", order_id, change, {}, dry_run=False, force=False)
    # Read as version 2, the backup's version 3 looked newer; the write found version 4 and the item was decided again.
    assert (action, table.reads) == ("skip-newer", 2)
    assert api.get(f"/orders/{order_id}").data["status"] == "delivered"


def test_point_in_time_restore(api, pump, monkeypatch):
    created = api.post("/orders", SEED).data
    order_id = created["order_id"]
    wait_for_execution(created["execution_arn"])
    next_second()
    moment = datetime.now(timezone.utc)
    next_second()
    api.put(f"/orders/{order_id}", {"status": "shipped"})
    pump.drain()
    [batch_key] = log_keys("orders")  # one batch: processing before the moment, shipped after it
    assert [line["document"]["status"] for line in read_object(batch_key)[0]] == ["pending", "processing", "shipped"]
    # Batches two hours later (their commit times moved): an --as-of before them never reads them,
    # and the listing stops at the first key of a later hour.
    fresh = StreamPump()  # from the start of the stream
    later = copy.deepcopy(fresh._records(fresh.streams["orders"], fresh._shards(fresh.streams["orders"])[0]))
    for record in later:
        record["dynamodb"]["ApproximateCreationDateTime"] += timedelta(hours=2)
    backup.handle_records("orders", later)
    backup.handle_records("orders", later[:1])
    later_hour = backup.hour_prefix("orders", moment + timedelta(hours=2))
    assert len([key for key in log_keys("orders") if key.startswith(later_hour)]) == 2
    listed, read = [], []
    events = aws.get_s3_client().meta.events
    events.register("after-call.s3.ListObjectsV2",
                    lambda parsed, **_: listed.extend(obj["Key"] for obj in parsed.get("Contents", [])))
    events.register("before-parameter-build.s3.GetObject", lambda params, **_: read.append(params["Key"]))
    monkeypatch.setattr(restore, "LIST_PAGE", 1)

    lose_tables(pump)
    restore_quietly(as_of=moment)
    assert api.get(f"/orders/{order_id}").data["status"] == "processing"
    assert len([key for key in listed if key.startswith(later_hour)]) == 1
    assert batch_key in read and not [key for key in read if key.startswith(later_hour)]
    restore_quietly()  # the newest state: shipped
    assert api.get(f"/orders/{order_id}").data["status"] == "shipped"
    assert restore.main(["--as-of", "2000-01-01T00:00:00Z", "--dry-run"]) == 0


def test_recount_rebuilds_counters_that_outlived_their_orders(api, pump, capsys):
    run_scenario(api)
    pump.drain()
    before = everything(api)
    lose_tables(pump, models=(Order, Product, Customer))  # the counters survived
    restore_quietly()
    pump.drain()
    assert api.get("/stats").data["orders"]["total"] == 2 * before["stats"]["orders"]["total"]  # counted twice
    assert restore.main(["--recount"]) == 0
    assert "counters: recounted 4 orders" in capsys.readouterr().out
    assert everything(api) == before


def table_items(model):
    """Every item of a table as stored, by key (restore markers left out: they say who wrote, not what)."""
    from chalicelib.events.streams import RESTORED_BY

    key = model._hash_keyname
    items = dynamo.get_client().scan(TableName=model.Meta.table_name)["Items"]
    return {item[key]["S"]: {name: value for name, value in item.items() if name != RESTORED_BY} for item in items}


def test_right_after_normal_use_a_restore_leaves_every_item_alone(api, pump):
    run_scenario(api)
    created = api.post("/orders", SEED, headers={"Idempotency-Key": "parity-1"}).data
    wait_for_execution(created["execution_arn"])
    pump.drain()
    # A backup keeps every attribute, each history entry's operation id included.
    stored = Order.get(created["order_id"])
    line = log("orders", created["order_id"])[-1]
    assert Order.from_raw_data(line["item"]).serialize() == stored.serialize()
    assert [event.operation_id for event in Order.from_raw_data(line["item"]).history] == [
        event.operation_id for event in stored.history] and stored.history[0].operation_id
    before = {model: table_items(model) for model in (Order, Product, Customer)}

    dry, _ = restore_quietly(dry_run=True)
    assert {kind: set(report) for kind, report in dry.items()} == {
        "customers": {"unchanged"}, "orders": {"unchanged"}, "products": {"unchanged"}}
    report, _ = restore_quietly()
    assert {kind: set(tally) for kind, tally in report.items()} == {kind: set(tally) for kind, tally in dry.items()}
    assert pump.drain() == 0  # not one write
    assert {model: table_items(model) for model in (Order, Product, Customer)} == before


def test_restoring_a_deleted_order_sends_no_webhook_and_starts_no_run(api, pump, monkeypatch):
    monkeypatch.setenv("OMS_WEBHOOK_ALLOW_PRIVATE_TARGETS", "1")
    get_settings.cache_clear()
    endpoint = api.post("/webhooks", {"url": "http://127.0.0.1:9/hooks", "description": "restore test"})
    assert endpoint.status_code == 201, endpoint.data
    deliveries = f"/webhooks/{endpoint.data['webhook']['webhook_id']}/deliveries?limit=100"
    # Step Functions down: the order stays pending, its run left to the stream, and is deleted before that happens.
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")
    aws.reset()
    created = api.post("/orders", SEED).data
    order_id = created["order_id"]
    assert created["workflow"]["started"] is False
    shown = api.get(f"/orders/{order_id}").data
    next_second()
    assert api.delete(f"/orders/{order_id}?hard=true").status_code == 200
    pump.drain()  # its creation and deletion in one batch: no run to start
    monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
    aws.reset()
    sent = [(d["event_type"], d["delivery_id"]) for d in api.get(deliveries).data["deliveries"] if d["order_id"] == order_id]
    assert [event for event, _ in sent] == ["order.created"]

    counted = counters.read_total(customer_id=SEED["customer_id"])
    starts = []
    aws.get_sfn_client().meta.events.register("before-call.states.StartExecution", lambda **kwargs: starts.append(kwargs))
    report, _ = restore_quietly(as_of=restore.parse_time(just_before(log("orders", order_id)[-1]["at"])))
    assert report["orders"]["create"] == 1
    assert api.get(f"/orders/{order_id}").data == shown  # back, pending as it was
    pump.drain()
    assert starts == [] and executions_of(order_id) == []  # a pending order put back starts no run
    assert [(d["event_type"], d["delivery_id"]) for d in api.get(deliveries).data["deliveries"]
            if d["order_id"] == order_id] == sent  # no second order.created
    assert counters.read_total(customer_id=SEED["customer_id"]) == counted + 1  # it counts again, like any write


def executions_of(order_id):
    arn = get_settings().state_machine_arn
    return [e for e in boto3.client("stepfunctions").list_executions(stateMachineArn=arn)["executions"]
            if e["name"].startswith(f"order-{order_id}")]


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
    pump.poll_once()  # the orders' batch is reported as not taken (and logged); a stock move backs nothing up
    assert pump.pending() > 0  # the changes wait in the stream, position not advanced

    monkeypatch.delenv("AWS_ENDPOINT_URL_S3")
    aws.reset()
    pump.drain()
    assert pump.pending() == 0
    assert [line["document"]["version"] for line in log("orders", order_id)] == [1, 2, 3]
    assert log("orders", order_id)[-1]["document"] == api.get(f"/orders/{order_id}").data
    before = everything(api)
    lose_tables(pump)
    restore_quietly()
    pump.drain()
    assert everything(api) == before


@pytest.mark.parametrize("cached_key", [False, True])
def test_dynamodb_down_is_503_and_writes_nothing_elsewhere(api, pump, monkeypatch, cached_key):
    if cached_key:
        monkeypatch.setenv("OMS_API_KEY_CACHE_SECONDS", "60")
        get_settings.cache_clear()
        auth.clear_cache()
        assert api.get("/orders").status_code == 200
    objects_before = all_object_keys()
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
    dynamo.reset()
    for response in (api.post("/orders", SEED), api.get("/orders"), api.get("/health", key=None)):
        assert response.status_code == 503, response.data
        assert response.data["message"].startswith("Service unavailable") and response.data["request_id"]
        assert "Traceback" not in json.dumps(response.data)
    # A write says how to retry it safely; a read needs no advice.
    assert api.post("/orders", SEED).data["message"] == (
        "Service unavailable; read the resource back before retrying, or send an Idempotency-Key to make a retry safe")
    assert api.get("/orders").data["message"] == "Service unavailable"
    monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB")
    dynamo.reset()
    executions = boto3.client("stepfunctions").list_executions(stateMachineArn=get_settings().state_machine_arn)["executions"]
    assert executions == [] and Order.count() == 0
    assert pump.poll_once() == 0
    assert all_object_keys() == objects_before
    get_settings.cache_clear()
    auth.clear_cache()
