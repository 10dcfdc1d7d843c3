"""What happens after a change is committed, driven by the tables' DynamoDB
streams (a Chalice `on_dynamodb_record` function per table when deployed,
`ops/stream_worker.py` locally): every change is backed up to S3, and an
order left pending with a new run attempt gets its workflow run started if
the API could not start it. Either failing raises, so the batch is retried
and nothing is skipped (both steps are idempotent)."""
from typing import List


def handle(kind: str, records: List[dict]) -> None:
    from . import backup  # only the stream functions need these

    backup.handle_records(kind, records)
    if kind == "orders":
        from ..domain import workflow

        workflow.start_missing_runs(records)
