"""What happens after a change is committed, driven by the tables' DynamoDB
streams (a Chalice `on_dynamodb_record` function per table when deployed,
`ops/stream_worker.py` locally): every change is backed up to S3 and moves
the search entries (`search_index`); an order's change becomes webhook
deliveries (`webhook_events`), an order left pending with a new run attempt
gets its workflow run started if the API could not start it, and every
order change moves its counts (`aggregates`, last: see below). Every step
is idempotent, so a batch handled again changes nothing.

A write that a restore only put back (`RESTORED_BY` differs from the item's
previous state) is backed up, indexed and counted like any other, but sends
no webhook and starts no workflow run: those happened when the item was
first written.

Failures are never silent, and never stall the records of other items:
`handle` answers Lambda's partial batch response,
`{"batchItemFailures": [{"itemIdentifier": <SequenceNumber>}]}`. The batch
is first handled whole; if that fails, record by record in stream order,
and the first record that fails is reported with every record after it.
Later records are not handled past a failure, because a stream is ordered
per item: a later change of the same order must not be backed up,
delivered or indexed before the one that failed. Lambda resumes at the
lowest sequence number reported (as AWS recommends for stream sources),
retries it (`MaximumRetryAttempts`), and then hands that record to the
on-failure queue (`stream_failures_queue`) and goes on; `make
replay-failed` re-drives it after a fix. The local stream pump does the
same (`ops/stream_pump.py`).

Counting comes last and, after a failed whole batch, counts the records
taken in one call from the batch's first record: the counters skip a
redelivered batch by a marker named after its first record, so they must
only ever see a batch again from its same first record."""
import logging
from typing import Dict, List

logger = logging.getLogger("oms.streams")

# Set by `ops/restore.py` on every item it writes back (a fresh value per run).
RESTORED_BY = "restored_by"


def restored(record: dict) -> bool:
    """The record is a restore putting an item back, not a change of the item."""
    stream = record["dynamodb"]
    marker = (stream.get("NewImage") or {}).get(RESTORED_BY)
    return marker is not None and marker != (stream.get("OldImage") or {}).get(RESTORED_BY)


def _apply(kind: str, records: List[dict]) -> None:
    """Every step but counting, in order."""
    from . import backup, search_index  # only the stream functions need these

    backup.handle_records(kind, records)
    search_index.handle_records(kind, records)
    if kind == "orders":
        from ..domain import workflow
        from . import webhook_events

        first_writes = [record for record in records if not restored(record)]
        webhook_events.handle_records(first_writes)
        workflow.start_missing_runs(first_writes)


def _count(kind: str, records: List[dict]) -> None:
    if kind == "orders" and records:
        from . import aggregates

        aggregates.handle_records(records)


def _sequence(record: dict) -> str:
    return record["dynamodb"]["SequenceNumber"]


def _log_failure(kind: str, record: dict, message: str) -> None:
    keys = {name: next(iter(value.values())) for name, value in record["dynamodb"].get("Keys", {}).items()}
    logger.exception(message, extra={"table": kind, "sequence_number": _sequence(record),
                                     "event": record.get("eventName"), **keys})


def handle(kind: str, records: List[dict]) -> Dict[str, List[Dict[str, str]]]:
    """Handles one stream batch; returns the records it could not take, as
    Lambda's partial batch response (an empty list: all taken)."""
    if not records:
        return {"batchItemFailures": []}
    try:
        _apply(kind, records)
        _count(kind, records)
        taken = len(records)
    except Exception:  # noqa: BLE001 - reported below, record by record
        _log_failure(kind, records[0], "stream batch failed; handling its records one by one")
        taken = _take_one_by_one(kind, records)
    _report_metrics(kind, records[:taken])
    return {"batchItemFailures": [{"itemIdentifier": _sequence(record)} for record in records[taken:]]}


def _take_one_by_one(kind: str, records: List[dict]) -> int:
    """How many records, from the first, every step took."""
    taken = 0
    for record in records:
        try:
            _apply(kind, [record])
        except Exception:  # noqa: BLE001 - reported to Lambda, which retries it
            _log_failure(kind, record, "stream record failed; it and the records after it are retried")
            break
        taken += 1
    try:
        _count(kind, records[:taken])
    except Exception:  # noqa: BLE001 - the whole batch again, from its first record
        _log_failure(kind, records[0], "stream batch could not be counted; it is retried whole")
        return 0
    return taken


# A reservation the transaction refused (stock ran out): the order failed, the workflow did its job.
STOCK_REFUSAL = "DynamoDb.TransactionCanceledException"


def _report_metrics(kind: str, records: List[dict]) -> None:
    """Business metrics of the orders taken (a restored write is no new event)."""
    if kind != "orders":
        return
    from ..core import metrics

    counts = dict.fromkeys(metrics.NAMES, 0)
    for record in records:
        stream = record["dynamodb"]
        old, new = stream.get("OldImage"), stream.get("NewImage")
        if new is None or restored(record):
            continue
        status = new["status"]["S"]
        if old is None:
            counts["OrdersCreated"] += 1
        elif old["status"]["S"] == status:
            continue
        if status == "shipped":
            counts["OrdersShipped"] += 1
        elif status == "failed":
            counts["OrdersFailed"] += 1
            error = new.get("failure", {}).get("M", {}).get("error", {}).get("S")
            counts["WorkflowFailures"] += int(error is not None and error != STOCK_REFUSAL)
    metrics.emit(counts)
