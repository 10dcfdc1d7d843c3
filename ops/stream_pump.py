"""Plays Lambda's DynamoDB-stream trigger where there is no Lambda (the local
stack, tests): reads each table's stream and hands records to the same
handler the deployed function runs (`chalicelib.streams.handle`).

Like Lambda, a shard's position only advances after its batch succeeded, so
while S3 is unreachable the changes stay pending and are retried."""
import functools
from typing import Callable, Dict, List, Optional

import boto3
from botocore.config import Config

from chalicelib.core.settings import get_settings
from chalicelib.events import streams

BATCH = 100


@functools.lru_cache(maxsize=1)
def _streams():
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

    def _shards(self, stream_arn: str) -> List[str]:
        description = _streams().describe_stream(StreamArn=stream_arn)["StreamDescription"]
        return [shard["ShardId"] for shard in description["Shards"]]

    def _records(self, stream_arn: str, shard_id: str) -> List[dict]:
        checkpoint = self.checkpoints.get((stream_arn, shard_id))
        arguments = {"StreamArn": stream_arn, "ShardId": shard_id}
        if checkpoint:
            arguments.update(ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=checkpoint)
        else:
            arguments["ShardIteratorType"] = "TRIM_HORIZON"
        iterator = _streams().get_shard_iterator(**arguments)["ShardIterator"]
        return _streams().get_records(ShardIterator=iterator, Limit=BATCH)["Records"]

    def poll_once(self, handle: Callable[[str, List[dict]], object] = streams.handle) -> int:
        """Hands one batch per shard to `handle(kind, records)` (one call is
        one invocation of a deployed backup function); returns records
        handled. Raises (and keeps the position) if the handler fails."""
        handled = 0
        for kind, stream_arn in self.streams.items():
            for shard_id in self._shards(stream_arn):
                records = self._records(stream_arn, shard_id)
                if not records:
                    continue
                handle(kind, records)
                self.checkpoints[(stream_arn, shard_id)] = records[-1]["dynamodb"]["SequenceNumber"]
                handled += len(records)
        return handled

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
