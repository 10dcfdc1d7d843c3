"""What happens after a change is committed, driven by the tables' DynamoDB
streams (a Chalice `on_dynamodb_record` function per table when deployed,
`ops/stream_worker.py` locally): every change is backed up to S3 and moves
the search entries (`search_index`); an order's
change moves its counts (`aggregates`) and becomes webhook deliveries
(`webhook_events`); and an order left pending with a new
run attempt gets its workflow run started if the API could not start it.
Any step failing raises, so the batch is retried and nothing is skipped:
every step is idempotent."""
from typing import List


def handle(kind: str, records: List[dict]) -> None:
    from . import backup, search_index  # only the stream functions need these

    backup.handle_records(kind, records)
    search_index.handle_records(kind, records)
    if kind == "orders":
        from ..domain import workflow
        from . import aggregates, webhook_events

        aggregates.handle_records(records)
        webhook_events.handle_records(records)
        workflow.start_missing_runs(records)
