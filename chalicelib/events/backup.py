"""Backup of every committed change to S3 as a change log, driven by the
tables' DynamoDB streams.

Why streams and not a write from the API: DynamoDB is the source of truth and
an S3 outage must never fail or slow an API call. The stream holds every
committed change (the API's and the workflow's alike) in order per item; the
handler writes the batch and only then lets the stream position advance, so a
failed S3 write is retried with the same batch until it lands (Lambda retries
a failing batch; records are kept 24 hours).

One stream batch of one table is one S3 object, however many items it
changed (a batch holds up to 100 records), so a backup costs a fraction of a
PUT per order instead of one PUT per changed item:

    <kind>/changes/<YYYY>/<MM>/<DD>/<HH>/<YYYYMMDDTHHMMSSZ>-<batch id>.jsonl.gz

The time is the batch's earliest commit time (ApproximateCreationDateTime,
UTC, to the second), so keys list in time order and a restore as of a time
skips later hours by prefix; the batch id is derived from the records'
eventIDs, so a redelivered batch overwrites its own object (same key, same
bytes) and nothing is duplicated. The object is gzip-compressed JSON lines,
one line per backed-up change:

    {"kind", "id", "at", "event", "seq", "document", "item"}   INSERT / MODIFY
    {"kind", "id", "at", "event", "seq", "deleted": true,
     "version" (orders) / "revision" (products)}          REMOVE

`at` is the change's commit time (fixed-width ISO 8601 UTC, to the second, as
DynamoDB Streams gives it), `seq` the stream sequence number, and the
document what the API shows: GET /orders/{id} (with `version`), the product
with `stock_added` and `revision`, the customer; `item` every attribute the
table holds (DynamoDB JSON, as the model stores it: index keys, each history
entry's `operation_id`, ...), which a restore puts back as it was, so an
item unchanged since its backup is left alone. (Lines written before `item`
existed are restored from their document.)

Not backed up: e-mail alias items of customers (derived, rebuilt on restore),
and a product change that only moved its stock (a reservation, a release):
stock is a ledger, stock_quantity = stock_added - what live orders hold, and
both terms are in the backup, so a restore rebuilds stock exactly.
"""
import gzip
import hashlib
import json
from datetime import datetime, timezone
from typing import List, Optional

from ..contract.catalog import CUSTOMER, PRODUCT
from ..contract.orders import ORDER
from ..core.settings import get_settings
from ..data.aws import get_s3_client
from ..data.models import Customer, Order, Product

# table -> (key attribute, S3 prefix, model, render)
KINDS = {
    "orders": ("order_id", "orders", Order, ORDER.render),
    "products": ("product_id", "products", Product,
                 lambda p: {**PRODUCT.render(p), "created_at": p.created_at, "revision": int(p.revision or 1),
                            "stock_added": int(p.stock_added or 0)}),
    "customers": ("customer_id", "customers", Customer, CUSTOMER.render),
}
# The attribute that orders an item's states, per kind (customers have none).
RANK = {"orders": "version", "products": "revision"}

CONTENT_TYPE = "application/x-ndjson"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # a line's "at": fixed width, sorts as text
KEY_TIME_FORMAT = "%Y%m%dT%H%M%SZ"

# Attributes a reservation or release changes on a product; nothing else does.
STOCK_MOVEMENT = {"stock_quantity", "revision"}


def batch_id(records: List[dict]) -> str:
    """The same records make the same id, so a redelivered batch overwrites its own object."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(record["eventID"].encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]

def log_prefix(kind: str) -> str:
    return f"{KINDS[kind][1]}/changes/"


def hour_prefix(kind: str, moment: datetime) -> str:
    return f"{log_prefix(kind)}{moment.astimezone(timezone.utc):%Y/%m/%d/%H}/"


def object_key(kind: str, first: datetime, batch: str) -> str:
    return f"{hour_prefix(kind, first)}{first.astimezone(timezone.utc):{KEY_TIME_FORMAT}}-{batch}.jsonl.gz"


def key_time(key: str) -> datetime:
    """The batch time an object's key carries (no change in it is earlier)."""
    stamp = key.rsplit("/", 1)[-1].split("-", 1)[0]
    return datetime.strptime(stamp, KEY_TIME_FORMAT).replace(tzinfo=timezone.utc)


def commit_time(record: dict) -> datetime:
    """A record's ApproximateCreationDateTime, UTC, to the second: a number
    of epoch seconds in a Lambda event, a datetime from the Streams API."""
    value = record["dynamodb"]["ApproximateCreationDateTime"]
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    elif isinstance(value, str):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    else:
        moment = datetime.fromtimestamp(float(value), tz=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def format_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(TIME_FORMAT)


def _is_backed_up(kind: str, record: dict) -> bool:
    stream = record["dynamodb"]
    if kind == "customers":
        # E-mail alias items are derived data, rebuilt on restore.
        return not stream["Keys"]["customer_id"]["S"].startswith("email#")
    if kind == "products" and record["eventName"] == "MODIFY":
        old, new = stream.get("OldImage", {}), stream.get("NewImage", {})
        changed = {name for name in set(old) | set(new) if old.get(name) != new.get(name)}
        return not changed <= STOCK_MOVEMENT
    return True


def change_for(kind: str, record: dict) -> Optional[dict]:
    """The log line of one stream record, or None when it is not backed up."""
    if not _is_backed_up(kind, record):
        return None
    key_attribute, _, model, render = KINDS[kind]
    stream = record["dynamodb"]
    change = {"kind": kind, "id": stream["Keys"][key_attribute]["S"], "at": format_time(commit_time(record)),
              "event": record["eventName"], "seq": stream["SequenceNumber"]}
    if record["eventName"] == "REMOVE":
        change["deleted"] = True
        old = stream.get("OldImage") or {}
        if kind in RANK and RANK[kind] in old:
            change[RANK[kind]] = int(old[RANK[kind]]["N"])
    else:
        item = model.from_raw_data(stream["NewImage"])
        change["document"] = render(item)
        change["item"] = item.serialize()
    return change


def encode(changes: List[dict]) -> bytes:
    """Gzip-compressed JSON lines; the same changes always give the same bytes."""
    text = "".join(json.dumps(change, separators=(",", ":")) + "\n" for change in changes)
    return gzip.compress(text.encode(), mtime=0)


def decode(body: bytes) -> List[dict]:
    if body[:2] == b"\x1f\x8b":  # still compressed (a client that honours Content-Encoding has inflated it)
        body = gzip.decompress(body)
    return [json.loads(line) for line in body.decode().splitlines() if line]


def handle_records(kind: str, records: List[dict]) -> int:
    """The stream handler: one object for the batch (none if nothing in it is
    backed up). Raises if the write fails, so the batch is retried. Returns
    the changes written."""
    changes = [change for change in (change_for(kind, record) for record in records) if change]
    if not changes:
        return 0
    first = min(commit_time(record) for record in records)
    get_s3_client().put_object(
        Bucket=get_settings().backup_bucket, Key=object_key(kind, first, batch_id(records)), Body=encode(changes),
        ContentType=CONTENT_TYPE, ContentEncoding="gzip", ServerSideEncryption="AES256",
        Metadata={"records": str(len(records)), "changes": str(len(changes))})
    return len(changes)
