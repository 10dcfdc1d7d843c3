"""Backup of every committed change to S3, driven by the tables' DynamoDB
streams.

Why streams and not a write from the API: DynamoDB is the source of truth and
an S3 outage must never fail or slow an API call. The stream holds every
committed change (the API's and the workflow's alike) in order per item; the
handler writes each changed item's current document and only then lets the
stream position advance, so a failed S3 write is retried with the same batch
until it lands (Lambda retries a failing batch; records are kept 24 hours).
Several changes of one item in a batch become one PUT.

Layout in the versioned bucket (server-side encrypted, public access blocked):
    orders/<order_id>.json        the GET /orders/{order_id} document (with version)
    products/<product_id>.json    the product, with `stock_added`
    customers/<customer_id>.json  the customer
A deleted item leaves a deletion record: {"deleted": true, ...}.

A product is written when it changes, except when only its stock moved (a
reservation, a release): stock is a ledger, stock_quantity = stock_added -
what live orders hold, and both terms are in the backup, so a restore
rebuilds stock exactly without an S3 write per order line.
"""
import json
from typing import Dict, Iterable, List, Tuple

from ..contract.representation import customer_document, order_document, product_document
from ..core.clock import now_iso
from ..core.settings import get_settings
from ..data.aws import get_s3_client
from ..data.models import Customer, Order, Product

# table -> (key attribute, S3 prefix, model, render)
KINDS = {
    "orders": ("order_id", "orders", Order, order_document),
    "products": ("product_id", "products", Product,
                 lambda p: {**product_document(p), "created_at": p.created_at, "revision": int(p.revision or 1),
                            "stock_added": int(p.stock_added or 0)}),
    "customers": ("customer_id", "customers", Customer, customer_document),
}


def object_key(kind: str, item_id: str) -> str:
    return f"{KINDS[kind][1]}/{item_id}.json"


# Attributes a reservation or release changes on a product; nothing else does.
STOCK_MOVEMENT = {"stock_quantity", "revision"}


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


def document_for(kind: str, record: dict) -> Tuple[str, dict]:
    """The S3 key and document for one stream record."""
    key_attribute, _, model, render = KINDS[kind]
    stream = record["dynamodb"]
    item_id = stream["Keys"][key_attribute]["S"]
    if record["eventName"] == "REMOVE":
        old = stream.get("OldImage") or {}
        document = {key_attribute: item_id, "deleted": True, "deleted_at": now_iso()}
        if "version" in old:
            document["version"] = int(old["version"]["N"])
    else:
        document = render(model.from_raw_data(stream["NewImage"]))
    return object_key(kind, item_id), document


def latest_documents(kind: str, records: Iterable[dict]) -> Dict[str, dict]:
    """One document per item: the last change in the batch wins (stream
    records of one item arrive in commit order)."""
    documents: Dict[str, dict] = {}
    for record in records:
        if not _is_backed_up(kind, record):
            continue
        key, document = document_for(kind, record)
        documents[key] = document
    return documents


def write_documents(documents: Dict[str, dict]) -> int:
    s3 = get_s3_client()
    bucket = get_settings().backup_bucket
    for key, document in documents.items():
        metadata = {"written-at": now_iso()}
        if document.get("version") is not None:
            metadata["item-version"] = str(document["version"])
        s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(document, separators=(",", ":")).encode(),
                      ContentType="application/json", ServerSideEncryption="AES256", Metadata=metadata)
    return len(documents)


def handle_records(kind: str, records: List[dict]) -> int:
    """The stream handler: raises if any write fails, so the batch is retried."""
    return write_documents(latest_documents(kind, records))
