"""Rebuild the tables from the backup change log.

    make restore [STAGE=dev] [ARGS="--dry-run | --as-of 2026-11-25T12:00:00Z | --force | --only orders | --recount"]
    python -m ops.restore --stage local --dry-run

For each kind it lists the change objects (`<kind>/changes/<hour>/...`, see
`chalicelib/events/backup.py`; with --as-of, hours after that time are never
listed), reads them in time order and keeps per item the last change at or
before the time (by commit time, ties by order version / product revision,
then stream sequence). That state is written back: an item already in the
table is left alone when it is the same (so running twice changes nothing) or
newer (higher order version or product revision) unless --force; a deletion
deletes. Products come last: their stock is rebuilt from the ledger (stock
ever added minus what the live orders hold), also for a product otherwise
kept as it is ("restock"). Every write is conditional on the item read just before, so a change
made meanwhile is never overwritten (the item is decided again).

When the newest backup of some items is a deletion (a hard delete, or items
deleted outside the API), it says so and names the --as-of that brings them
back. --dry-run only reports.

Items are put back with every attribute their backup holds, so an item
unchanged since it was backed up is "unchanged" (a dry run right after
normal use changes nothing). A write is marked as the restore's, so the
stream sends no webhook and starts no workflow run for what it only puts
back. Counts follow from the orders stream like any other write (a restored
order moves its counts from what it replaced to what it is); nothing is
recounted.
`--recount` rebuilds them from the orders table instead, for counters that
outlived their orders (run it with the stream drained).
"""
import argparse
import json
import sys
import time
import uuid
from collections import Counter as Tally
from datetime import datetime, timedelta, timezone
from typing import Dict, Iterable, List, NamedTuple, Optional, Tuple

# Products last: their stock is rebuilt from the restored orders.
KINDS = ("customers", "orders", "products")
LISTED_DELETIONS = 10  # items named one by one in the deletion report
ATTEMPTS = 3  # decisions per item when the table changes between read and write
LIST_PAGE = 1000  # keys per ListObjectsV2 call


class Progress:
    def __init__(self, label: str, total: int, stream=None):
        self.label, self.total, self.done, self.stream = label, total, 0, stream or sys.stderr
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


class Report(Tally):
    """Decisions per action for one kind (create, update, unchanged,
    skip-newer, delete; restock: a product kept as it is, its stock rebuilt
    from the ledger), and the items whose newest backup
    is a deletion: `deletions` (item id, deleted at, what the --as-of just
    before brings back: a version / revision, 0 when unranked, None when
    nothing) and `bring_back_as_of`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.deletions: List[Tuple[str, str, Optional[int]]] = []
        self.bring_back_as_of: Optional[str] = None


class Mark(NamedTuple):
    """Where one change sits in an item's history."""
    at: str
    rank: int
    seq: int
    deleted: bool


def _mark(kind: str, change: dict) -> Mark:
    from chalicelib.events.backup import RANK

    source = change if change.get("deleted") else change["document"]
    rank = int(source.get(RANK[kind]) or 0) if kind in RANK else 0
    return Mark(change["at"], rank, int(change.get("seq") or 0), bool(change.get("deleted")))


class History:
    """One item's newest change (its line, kept as text) and the newest
    change of an earlier second (what an --as-of just before the newest one
    gives back): O(1) memory per item, however long the log."""
    __slots__ = ("mark", "line", "before")

    def __init__(self, mark: Mark, line: str):
        self.mark, self.line, self.before = mark, line, None

    def add(self, mark: Mark, line: str) -> None:
        if mark > self.mark:
            if mark.at > self.mark.at:
                self.before = self.mark
            self.mark, self.line = mark, line
        elif mark.at < self.mark.at and (self.before is None or mark > self.before):
            self.before = mark


def change_keys(s3, bucket: str, kind: str, as_of: Optional[datetime]) -> List[str]:
    """The kind's change objects in time order; with `as_of`, listing stops
    at the first hour after it and objects of later batches are left out."""
    from chalicelib.events import backup

    last_hour = backup.hour_prefix(kind, as_of) if as_of else None
    keys: List[str] = []
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=backup.log_prefix(kind),
                                                         PaginationConfig={"PageSize": LIST_PAGE})
    for page in pages:
        for listed in page.get("Contents", []):
            key = listed["Key"]
            if last_hour is not None and key[:len(last_hour)] > last_hour:
                return keys  # keys list in time order: every later hour is skipped
            if not key.endswith(".jsonl.gz") or (as_of is not None and backup.key_time(key) > as_of):
                continue
            keys.append(key)
    return keys


def read_log(s3, bucket: str, kind: str, as_of: Optional[datetime]) -> Dict[str, History]:
    """Item id -> its history up to `as_of`."""
    from chalicelib.events import backup

    limit = backup.format_time(as_of) if as_of else None
    histories: Dict[str, History] = {}
    keys = change_keys(s3, bucket, kind, as_of)
    progress = Progress(f"{kind} log", len(keys))
    for key in keys:
        for change in backup.decode(s3.get_object(Bucket=bucket, Key=key)["Body"].read()):
            if limit is not None and change["at"] > limit:
                continue
            mark, line = _mark(kind, change), json.dumps(change, separators=(",", ":"))
            history = histories.get(change["id"])
            if history is None:
                histories[change["id"]] = History(mark, line)
            else:
                history.add(mark, line)
        progress.step()
    return histories


def _rank(kind: str, item) -> Optional[int]:
    """How new an item is: order version, product revision; customers never change."""
    if kind == "orders":
        return int(item.version)
    if kind == "products":
        return int(item.revision or 1)
    return None


def restore(kinds: Iterable[str] = KINDS, *, as_of: Optional[datetime] = None, dry_run: bool = False,
            force: bool = False, out=None) -> Dict[str, Report]:
    from chalicelib.core.settings import get_settings
    from chalicelib.data.aws import get_s3_client
    from chalicelib.data.dynamo import get_client

    settings = get_settings()
    out = out or sys.stdout
    s3, dynamodb = get_s3_client(), get_client()
    report: Dict[str, Report] = {}
    held: Dict[str, int] = {}
    for kind in kinds:
        if kind == "products":
            held = held_by_live_orders()
        histories = read_log(s3, settings.backup_bucket, kind, as_of)
        tally = Report()
        progress = Progress(kind, len(histories))
        for item_id, history in sorted(histories.items()):
            tally[_restore_item(dynamodb, settings.table_names[kind], kind, item_id, json.loads(history.line), held,
                                dry_run=dry_run, force=force)] += 1
            progress.step()
        report[kind] = tally
        print(f"{kind}: " + ", ".join(f"{n} {action}" for action,
                                      n in sorted(tally.items())) if tally else f"{kind}: nothing backed up",
              file=out)
        _report_deletions(kind, histories, tally, out)
    return report


def _restore_item(dynamodb, table: str, kind: str, item_id: str, change: dict, held: Dict[str, int], *,
                  dry_run: bool, force: bool) -> str:
    """Decides (and, unless a dry run, writes) one item; the write is
    conditional on the item as read, and a change meanwhile is decided again."""
    from chalicelib.events import backup

    key_attribute, _, model, _ = backup.KINDS[kind]
    key = {key_attribute: {"S": item_id}}
    restored = None if change.get("deleted") else _restored_item(kind, change, held)
    for _ in range(ATTEMPTS):
        raw = dynamodb.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")
        current = model.from_raw_data(raw) if raw else None
        action = _decide(kind, change, restored, current, force)
        if dry_run or action not in ("create", "update", "delete", "restock"):
            return action
        condition = _unchanged_since_read(kind, key_attribute, raw)
        try:
            if action == "delete":
                dynamodb.delete_item(TableName=table, Key=key, **condition)
            elif action == "restock":  # like a reservation: stock and revision move, nothing else
                names = {**condition["ExpressionAttributeNames"], "#stock": "stock_quantity", "#rank": "revision"}
                values = {**condition.get("ExpressionAttributeValues", {}),
                          ":stock": {"N": str(_ledger_stock(current, restored))}, ":next": {"N": str(_rank(kind, current) + 1)}}
                dynamodb.update_item(TableName=table, Key=key, UpdateExpression="SET #stock = :stock, #rank = :next",
                                     ConditionExpression=condition["ConditionExpression"], ExpressionAttributeNames=names,
                                     ExpressionAttributeValues=values)
            else:
                dynamodb.put_item(TableName=table, Item=_marked(restored.serialize()), **condition)
        except dynamodb.exceptions.ConditionalCheckFailedException:
            continue
        if kind == "customers":
            _restore_email_alias(dynamodb, table, action, restored, current)
        return action
    raise RuntimeError(f"{kind} {item_id} kept changing while it was restored; run the restore again")


def _unchanged_since_read(kind: str, key_attribute: str, raw: Optional[dict]) -> dict:
    """A condition that holds only while the item is what was read."""
    from chalicelib.events.backup import RANK

    if raw is None:
        return {"ConditionExpression": "attribute_not_exists(#key)", "ExpressionAttributeNames": {"#key": key_attribute}}
    rank = RANK.get(kind)
    if rank is None:
        return {"ConditionExpression": "attribute_exists(#key)", "ExpressionAttributeNames": {"#key": key_attribute}}
    if rank not in raw:
        return {"ConditionExpression": "attribute_exists(#key) AND attribute_not_exists(#rank)",
                "ExpressionAttributeNames": {"#key": key_attribute, "#rank": rank}}
    return {"ConditionExpression": "#rank = :rank", "ExpressionAttributeNames": {"#rank": rank},
            "ExpressionAttributeValues": {":rank": raw[rank]}}


def _restore_email_alias(dynamodb, table: str, action: str, restored, current) -> None:
    """The customer's e-mail alias follows the customer (derived, not backed up)."""
    from chalicelib.data.catalog_store import email_key
    from chalicelib.data.models import CustomerEmail

    if action in ("create", "update"):
        alias = CustomerEmail(email_key(restored.email), owner_id=restored.customer_id)
        dynamodb.put_item(TableName=table, Item=alias.serialize())
    elif current is not None:
        try:
            dynamodb.delete_item(TableName=table, Key={"customer_id": {"S": email_key(current.email)}},
                                 ConditionExpression="owner_id = :owner",
                                 ExpressionAttributeValues={":owner": {"S": current.customer_id}})
        except dynamodb.exceptions.ConditionalCheckFailedException:
            pass  # the address now belongs to another customer


def _report_deletions(kind: str, histories: Dict[str, History], tally: Report, out) -> None:
    """Items whose newest backup is a deletion, and the --as-of that brings
    them back: the second before the earliest deletion (the log's times are
    to the second); the ones that --as-of does not bring back are named with
    their own."""
    from chalicelib.events import backup

    deleted = sorted(((history.mark.at, item_id, history.before) for item_id, history in histories.items()
                      if history.mark.deleted))
    if not deleted:
        return
    tally.deletions = [(item_id, at, None if before is None or before.deleted else before.rank)
                       for at, item_id, before in deleted]
    bring_back = backup.format_time(_second_before(deleted[0][0]))
    tally.bring_back_as_of = bring_back
    # What an --as-of gives an item is its newest change at or before it; `before`
    # is the newest of an earlier second than the deletion, so it is exact when not later.
    back = [item_id for _, item_id, before in deleted if before is not None and not before.deleted and before.at <= bring_back]
    noun = "1 item's" if len(deleted) == 1 else f"{len(deleted)} items'"
    them = "it" if len(deleted) == 1 else "them"
    brings = f"brings {them} back" if len(back) == len(deleted) else f"brings back {len(back)} of {them}" if back else \
        "brings none of them back"
    print(f"{kind}: {noun} newest backup is a deletion (latest at {deleted[-1][0]}); --as-of {bring_back} {brings}", file=out)
    rest = [(at, item_id, before) for at, item_id, before in deleted if item_id not in set(back)]
    for at, item_id, before in rest[:LISTED_DELETIONS]:
        if before is None or before.deleted:
            print(f"  {item_id}: deleted at {at}; no earlier second in the backup to bring back", file=out)
        else:
            what = f" ({backup.RANK[kind]} {before.rank})" if kind in backup.RANK else ""
            print(f"  {item_id}: deleted at {at}; --as-of {backup.format_time(_second_before(at))} brings it back{what}",
                  file=out)
    if len(rest) > LISTED_DELETIONS:
        print(f"  ... and {len(rest) - LISTED_DELETIONS} more", file=out)


def _second_before(at: str) -> datetime:
    return parse_time(at) - timedelta(seconds=1)


def _restored_item(kind: str, change: dict, held: Dict[str, int]):
    from ops import restore_items

    if "item" in change:
        return restore_items.from_item(kind, change["item"], held)
    document = change["document"]
    if kind == "products":
        return restore_items.product_from_document(document, held.get(document["product_id"], 0))
    return restore_items.ITEM_FROM_DOCUMENT[kind](document)


def _marked(item: dict) -> dict:
    """The item as written back, marked as a restore's (a value of its own),
    so the stream handlers send no webhook and start no workflow run for it
    (`chalicelib.events.streams.restored`)."""
    from chalicelib.events.streams import RESTORED_BY

    return {**item, RESTORED_BY: {"S": f"{datetime.now(timezone.utc):%Y-%m-%dT%H:%M:%SZ} {uuid.uuid4().hex}"}}


def held_by_live_orders() -> Dict[str, int]:
    """Units each product's live (processing, shipped, delivered) orders hold."""
    from chalicelib.data.models import Order
    from chalicelib.model.order_rules import STOCK_HOLDING_STATUSES

    held: Dict[str, int] = Tally()
    for order in Order.scan(attributes_to_get=["status", "items"]):
        if order.status in STOCK_HOLDING_STATUSES:
            for line in order.lines:
                held[line.product_id] += int(line.quantity)
    return held


def _decide(kind: str, change: dict, restored, current, force: bool) -> str:
    from chalicelib.events.backup import RANK

    if change.get("deleted"):
        if current is None:
            return "unchanged"
        rank, last = _rank(kind, current), change.get(RANK.get(kind, ""))
        if force or last is None or rank is None or rank <= last:
            return "delete"
        return "skip-newer"
    if current is None:
        return "create"
    if _content(kind, restored) == _content(kind, current):
        action = "unchanged"
    elif force:
        return "update"
    else:
        rank_now, rank_backup = _rank(kind, current), _rank(kind, restored)
        if rank_now is not None and rank_now <= rank_backup:
            return "update"
        action = "skip-newer"
    if kind == "products" and int(current.stock_quantity) != _ledger_stock(current, restored):
        return "restock"
    return action


# A product's stock and revision move with every reservation, which the
# backup leaves out: stock is rebuilt from the ledger, not compared.
LEDGER = {"stock_quantity", "revision"}


def _content(kind: str, item) -> dict:
    serialized = item.serialize()
    return {name: value for name, value in serialized.items() if name not in LEDGER} if kind == "products" else serialized


def _ledger_stock(current, restored) -> int:
    """What the item in the table should hold in stock: what was ever added
    minus what live orders hold (the restored item's stock is exactly that)."""
    held = int(restored.stock_added or 0) - int(restored.stock_quantity)
    return int(current.stock_added or 0) - held


def recount_orders(out=None) -> int:
    """Counts from the orders themselves, for counters that outlived their
    orders (a table lost without its stream records): a restore's writes are
    counted by the stream on top of what the counters already hold. An admin
    tool may scan; requests never do."""
    from chalicelib.data import counters
    from chalicelib.data.models import Order

    scanned = [(order.customer_id, order.created_at, order.status, order.total_amount)
               for order in Order.scan(attributes_to_get=["customer_id", "created_at", "status", "total_amount"])]
    values = counters.recount(scanned)
    counters.replace(values, stale=set(counters.all_keys()) - set(values))
    print(f"counters: recounted {len(scanned)} orders into {len(values)} counters", file=out or sys.stdout)
    return len(scanned)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.restore", description=__doc__.splitlines()[0])
    parser.add_argument("--stage", help="local, dev, prod, ... (default: the environment)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    parser.add_argument("--as-of", help="restore the state as of this time (ISO 8601, UTC if no zone)")
    parser.add_argument("--force", action="store_true", help="overwrite items that are newer than the backup")
    parser.add_argument("--only", choices=KINDS, action="append", help="restore only this kind (repeatable)")
    parser.add_argument("--recount", action="store_true", help="rebuild the order counts from the orders table")
    args = parser.parse_args(argv)
    if args.stage:
        from ops import stage_env
        stage_env.apply(args.stage)
    as_of = parse_time(args.as_of) if args.as_of else None
    restore([kind for kind in KINDS if kind in (args.only or KINDS)], as_of=as_of, dry_run=args.dry_run, force=args.force)
    if args.recount and not args.dry_run:
        recount_orders()
    if args.dry_run:
        print("dry run: nothing was changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
