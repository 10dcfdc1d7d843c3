"""Plays Lambda's DynamoDB-stream trigger where there is no Lambda (the local
stack, tests): reads each table's stream and hands records to the same
handler the deployed function runs (`chalicelib.events.streams.handle`).

Like the deployed mappings (partial batch responses, `MaximumRetryAttempts`
5, an on-failure queue): a shard's position advances past the records the
handler took; the first record it could not take is tried again (with the
records behind it) at each poll, and after the first attempt and 5 retries
it goes to the failed records queue (`ops/stream_failures.py`, Lambda's
on-failure message) and the rest flows on. While S3 is unreachable for a
moment the changes stay pending and are retried."""
import functools
from typing import Callable, Dict, List, Optional, Tuple

import boto3
from botocore.config import Config

from chalicelib.core.settings import get_settings
from chalicelib.events import streams
from ops import stream_failures

BATCH = 100
MAXIMUM_RETRY_ATTEMPTS = 5  # as the deployed stream mappings


@functools.lru_cache(maxsize=1)
def streams_client():
    # Stream ARNs carry an account id, which newer botocore turns into an
    # account-specific endpoint the emulators do not serve.
    return boto3.client("dynamodbstreams", region_name=get_settings().region,
                        config=Config(account_id_endpoint_mode="disabled"))


class StreamPump:
    def __init__(self, kinds=("orders", "products", "customers")):
        settings = get_settings()
        dynamodb = boto3.client("dynamodb", region_name=settings.region)
        self.streams = {kind: dynamodb.describe_table(TableName=settings.table_names[kind])["Table"]["LatestStreamArn"]
                        for kind in kinds}
        # (stream, shard) -> last sequence number handled
        self.checkpoints: Dict[tuple, Optional[str]] = {}
        # (stream, shard) -> (sequence number of the record failing at its position, attempts)
        self.failing: Dict[tuple, Tuple[str, int]] = {}

    def _shards(self, stream_arn: str) -> List[str]:
        description = streams_client().describe_stream(StreamArn=stream_arn)["StreamDescription"]
        return [shard["ShardId"] for shard in description["Shards"]]

    def _records(self, stream_arn: str, shard_id: str) -> List[dict]:
        checkpoint = self.checkpoints.get((stream_arn, shard_id))
        arguments = {"StreamArn": stream_arn, "ShardId": shard_id}
        if checkpoint:
            arguments.update(ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=checkpoint)
        else:
            arguments["ShardIteratorType"] = "TRIM_HORIZON"
        iterator = streams_client().get_shard_iterator(**arguments)["ShardIterator"]
        return streams_client().get_records(ShardIterator=iterator, Limit=BATCH)["Records"]

    def poll_once(self, handle: Callable[[str, List[dict]], object] = streams.handle) -> int:
        """Hands one batch per shard to `handle(kind, records)` (one call is
        one invocation of a deployed stream function), which answers the
        records it could not take (a partial batch response; None: all
        taken); returns the records taken or sent to the failed queue.
        Raises (and keeps the position) if the handler or the queue does."""
        handled = 0
        for kind, stream_arn in self.streams.items():
            for shard_id in self._shards(stream_arn):
                records = self._records(stream_arn, shard_id)
                if not records:
                    continue
                failed = {item["itemIdentifier"] for item in (handle(kind, records) or {}).get("batchItemFailures", [])}
                taken = next((n for n, record in enumerate(records) if _sequence(record) in failed), len(records))
                if taken:
                    self.checkpoints[(stream_arn, shard_id)] = _sequence(records[taken - 1])
                    handled += taken
                if taken < len(records):
                    handled += self._retry_or_give_up(kind, stream_arn, shard_id, records[taken])
        return handled

    def _retry_or_give_up(self, kind: str, stream_arn: str, shard_id: str, record: dict) -> int:
        """Counts a failed attempt at `record`; after the last retry, sends it
        to the failed records queue and moves past it (returns 1)."""
        position = (stream_arn, shard_id)
        sequence, attempts = self.failing.get(position, (None, 0))
        attempts = attempts + 1 if sequence == _sequence(record) else 1
        if attempts <= MAXIMUM_RETRY_ATTEMPTS:
            self.failing[position] = (_sequence(record), attempts)
            return 0
        stream_failures.send(stream_failures.on_failure_payload(kind, stream_arn, shard_id, record, attempts))
        self.checkpoints[position] = _sequence(record)
        del self.failing[position]
        return 1

    def drain(self) -> int:
        total = 0
        while True:
            handled = self.poll_once()
            total += handled
            if not handled:
                return total

    def pending(self) -> int:
        """Committed changes not yet backed up."""
        return sum(len(self._records(arn, shard)) for arn in self.streams.values() for shard in self._shards(arn))


def _sequence(record: dict) -> str:
    return record["dynamodb"]["SequenceNumber"]
