"""Rebuild the tables from the backup bucket.

    make restore [STAGE=dev] [ARGS="--dry-run | --as-of 2026-11-25T12:00:00Z | --force"]
    python -m ops.restore --stage local --dry-run

For every object under orders/, products/ and customers/ it takes the newest
version (or, with --as-of, the newest written at or before that time) and
writes the item back. An item already in the table is left alone when it is
the same (so running twice changes nothing) or newer (higher order version or
product revision) unless --force. A deletion record deletes the item. Order
counters are then recounted from the orders table. --dry-run only reports.
"""
import argparse
import json
import sys
import time
from collections import Counter as Tally
from datetime import datetime, timezone
from typing import Dict, Iterable, List, Optional

# Products last: their stock is rebuilt from the restored orders.
KINDS = ("customers", "orders", "products")


class Progress:
    def __init__(self, label: str, total: int, stream=sys.stderr):
        self.label, self.total, self.done, self.stream = label, total, 0, stream
        self.last = 0.0

    def step(self, amount: int = 1) -> None:
        self.done += amount
        now = time.monotonic()
        if now - self.last > 0.1 or self.done == self.total:
            self.last = now
            width = 30
            filled = int(width * self.done / self.total) if self.total else width
            self.stream.write(f"\r{self.label:<10} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


def parse_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def chosen_versions(s3, bucket: str, prefix: str, as_of: Optional[datetime]) -> Dict[str, dict]:
    """key -> the object version to restore."""
    chosen: Dict[str, dict] = {}
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=f"{prefix}/"):
        for version in page.get("Versions", []) + [dict(m, DeleteMarker=True) for m in page.get("DeleteMarkers", [])]:
            if as_of is not None and version["LastModified"] > as_of:
                continue
            best = chosen.get(version["Key"])
            if best is None or version["LastModified"] > best["LastModified"] or (
                    version["LastModified"] == best["LastModified"] and version.get("IsLatest")):
                chosen[version["Key"]] = version
    return {key: version for key, version in chosen.items() if not version.get("DeleteMarker")}


def _rank(kind: str, item) -> Optional[int]:
    """How new an item is: order version, product revision; customers never change."""
    if kind == "orders":
        return int(item.version)
    if kind == "products":
        return int(item.revision or 1)
    return None


def restore(kinds: Iterable[str] = KINDS, *, as_of: Optional[datetime] = None, dry_run: bool = False,
            force: bool = False, out=sys.stdout) -> Dict[str, Tally]:
    from chalicelib.core.settings import get_settings
    from chalicelib.data.aws import get_s3_client
    from chalicelib.data.catalog_store import email_key
    from chalicelib.data.dynamo import get_client
    from chalicelib.data.models import CustomerEmail
    from chalicelib.events import backup

    settings = get_settings()
    s3, dynamodb = get_s3_client(), get_client()
    report: Dict[str, Tally] = {}
    held: Dict[str, int] = {}
    for kind in kinds:
        if kind == "products":
            held = held_by_live_orders()
        key_attribute, prefix, model, _ = backup.KINDS[kind]
        table = settings.table_names[kind]
        versions = chosen_versions(s3, settings.backup_bucket, prefix, as_of)
        tally: Tally = Tally()
        progress = Progress(kind, len(versions))
        for key, version in sorted(versions.items()):
            document = json.loads(s3.get_object(Bucket=settings.backup_bucket, Key=key,
                                                VersionId=version["VersionId"])["Body"].read())
            item_id = document[key_attribute]
            raw = dynamodb.get_item(TableName=table, Key={key_attribute: {"S": item_id}}, ConsistentRead=True).get("Item")
            current = model.from_raw_data(raw) if raw else None
            restored = None if document.get("deleted") else _restored_item(kind, document, held)
            action = _decide(kind, document, restored, current, force)
            tally[action] += 1
            if not dry_run and action in ("create", "update"):
                item = restored
                dynamodb.put_item(TableName=table, Item=item.serialize())
                if kind == "customers":
                    dynamodb.put_item(TableName=table, Item=CustomerEmail(
                        email_key(item.email), owner_id=item.customer_id).serialize())
            elif not dry_run and action == "delete":
                dynamodb.delete_item(TableName=table, Key={key_attribute: {"S": item_id}})
            progress.step()
        report[kind] = tally
        print(f"{kind}: " + ", ".join(f"{n} {action}" for action,
                                      n in sorted(tally.items())) if tally else f"{kind}: nothing backed up",
              file=out)
    if "orders" in kinds and not dry_run:
        recount_orders(out)
    return report


def _restored_item(kind: str, document: dict, held: Dict[str, int]):
    from ops import restore_items

    if kind == "products":
        return restore_items.product_from_document(document, held.get(document["product_id"], 0))
    return restore_items.ITEM_FROM_DOCUMENT[kind](document)


def held_by_live_orders() -> Dict[str, int]:
    """Units each product's live (processing, shipped, delivered) orders hold."""
    from chalicelib.data.models import Order
    from chalicelib.domain.order_rules import STOCK_HOLDING_STATUSES

    held: Dict[str, int] = Tally()
    for order in Order.scan(attributes_to_get=["status", "items"]):
        if order.status in STOCK_HOLDING_STATUSES:
            for line in order.lines:
                held[line.product_id] += int(line.quantity)
    return held


def _decide(kind: str, document: dict, restored, current, force: bool) -> str:
    if document.get("deleted"):
        if current is None:
            return "unchanged"
        rank = _rank(kind, current)
        if force or document.get("version") is None or rank is None or rank <= document["version"]:
            return "delete"
        return "skip-newer"
    if current is None:
        return "create"
    if restored.serialize() == current.serialize():
        return "unchanged"
    if force:
        return "update"
    rank_now, rank_backup = _rank(kind, current), _rank(kind, restored)
    if rank_now is None or rank_now > rank_backup:
        return "skip-newer"
    return "update"


def recount_orders(out=sys.stdout) -> int:
    """Counters from the orders themselves (a restore bypasses the transactions
    that keep them). An admin tool may scan; requests never do."""
    from chalicelib.core.settings import get_settings
    from chalicelib.data import counters
    from chalicelib.data.dynamo import get_client
    from chalicelib.data.models import Counter, Order

    scanned = [(order.order_id, order.customer_id, order.status)
               for order in Order.scan(attributes_to_get=["order_id", "status", "customer_id"])]
    totals = counters.recount(scanned)
    orders = len(scanned)
    client = get_client()
    table = get_settings().counters_table
    existing = {counter.counter_id for counter in Counter.scan(attributes_to_get=["counter_id"])}
    for counter_id in existing - set(totals):
        client.delete_item(TableName=table, Key={"counter_id": {"S": counter_id}})
    for counter_id, tally in totals.items():
        client.put_item(TableName=table, Item=Counter(counter_id, **dict(tally)).serialize())
    print(f"counters: recounted {orders} orders into {len(totals)} counters", file=out)
    return orders


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.restore", description=__doc__.splitlines()[0])
    parser.add_argument("--stage", help="local, dev, prod, ... (default: the environment)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    parser.add_argument("--as-of", help="restore object versions as of this time (ISO 8601, UTC if no zone)")
    parser.add_argument("--force", action="store_true", help="overwrite items that are newer than the backup")
    parser.add_argument("--only", choices=KINDS, action="append", help="restore only this kind (repeatable)")
    args = parser.parse_args(argv)
    if args.stage:
        from ops import stage_env
        stage_env.apply(args.stage)
    as_of = parse_time(args.as_of) if args.as_of else None
    restore(args.only or KINDS, as_of=as_of, dry_run=args.dry_run, force=args.force)
    if args.dry_run:
        print("dry run: nothing was changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
