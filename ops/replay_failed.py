"""Re-drives the stream records that the stream functions gave up on (the
failed records queue, `stream_failures_queue`) through the same handler,
once the cause is fixed:

    make replay-failed [STAGE=dev]
    python -m ops.replay_failed --stage local

Each message names a batch of one table's stream (Lambda's on-failure
message, or the local stream pump's of the same shape); its records are
read again from the stream and handed to `chalicelib.events.streams.handle`.
A message is deleted only once every record of it was taken; one that fails
again, or whose records left the stream (after 24 hours), stays on the
queue and is named. Replaying is idempotent: every step of the handler is
(backups are keyed by their batch, the counters skip a batch they counted,
a webhook delivery is recorded once per record and endpoint), so a message
replayed twice changes nothing.

A replayed record is applied after the records that followed it: counts
are sums and come out exact, the backup keeps each change by its stream
position, the search entries are put back to the item as it is now, but a
webhook event arrives after later ones of its order."""
import argparse
import json
import sys
from typing import List, Optional

VISIBILITY_SECONDS = 300  # a message is handed out once per run (those left are made visible again at its end)


def replay(out=None) -> dict:
    """Replays every message on the queue once; returns how many were
    `replayed` (deleted) and `left` on the queue."""
    from chalicelib.events import streams
    from ops import stream_failures

    out = out or sys.stdout
    sqs, url = stream_failures.sqs_client(), stream_failures.queue_url()
    outcome = {"replayed": 0, "left": 0}
    left = []  # receipt handles: invisible while this run lasts, visible again for the next one
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0,
                                       VisibilityTimeout=VISIBILITY_SECONDS).get("Messages", [])
        if not messages:
            break
        for message in messages:
            batch = json.loads(message["Body"])["DDBStreamBatchInfo"]
            kind = stream_failures.kind_of(batch["streamArn"])
            where = f"{kind} {batch['startSequenceNumber']}..{batch['endSequenceNumber']}"
            records = stream_failures.records_of(batch)
            if len(records) < int(batch["batchSize"]):
                print(f"{where}: {len(records)} of {batch['batchSize']} records still in the stream; left on the queue",
                      file=out)
                left.append(message["ReceiptHandle"])
                continue
            failures = streams.handle(kind, records)["batchItemFailures"]
            if failures:
                print(f"{where}: failed again at {failures[0]['itemIdentifier']} (see the log); left on the queue",
                      file=out)
                left.append(message["ReceiptHandle"])
                continue
            _search_entries_as_now(kind, records)
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            print(f"{where}: {len(records)} record(s) applied", file=out)
            outcome["replayed"] += 1
    for receipt in left:
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=receipt, VisibilityTimeout=0)
    outcome["left"] = len(left)
    print(f"replayed {outcome['replayed']}, left {outcome['left']}", file=out)
    return outcome


def _search_entries_as_now(kind: str, records: List[dict]) -> None:
    """A replayed record is older than the changes that followed it, and the
    search entries follow the latest image handled: put them back to what
    each item holds now."""
    from chalicelib.core.settings import get_settings
    from chalicelib.data.dynamo import get_client
    from chalicelib.events import search_index

    table = get_settings().table_names[kind]
    for record in records:
        now = get_client().get_item(TableName=table, Key=record["dynamodb"]["Keys"], ConsistentRead=True).get("Item")
        search_index.handle_records(kind, [{"eventName": "MODIFY", "dynamodb": {
            "OldImage": record["dynamodb"].get("NewImage"), "NewImage": now}}])


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.replay_failed", description=__doc__.splitlines()[0])
    parser.add_argument("--stage", help="local, dev, prod, ... (default: the environment)")
    args = parser.parse_args(argv)
    if args.stage:
        from ops import stage_env
        stage_env.apply(args.stage)
    from chalicelib.core.logs import configure
    from chalicelib.core.settings import get_settings

    configure(get_settings().log_level)
    return 1 if replay()["left"] else 0


if __name__ == "__main__":
    sys.exit(main())
