"""The failed stream records queue (setting `stream_failures_queue`): what
Lambda's on-failure destination receives when a stream mapping gives up on
a record, and reading those records back from their stream.

Lambda does not put the record itself on the queue but where it is, with
its batch (`DDBStreamBatchInfo`: stream, shard, first and last sequence
number); the local stream pump sends exactly that shape, one message per
record, so `ops/replay_failed.py` reads both alike. The record must still
be in the stream (24 hours) to be replayed."""
import functools
import json
import uuid
from datetime import datetime, timezone
from typing import List

import boto3

from chalicelib.core.settings import STREAMED_TABLES, get_settings


@functools.lru_cache(maxsize=1)
def queue_url() -> str:
    settings = get_settings()
    sqs = boto3.client("sqs", region_name=settings.region)
    return sqs.get_queue_url(QueueName=settings.stream_failures_queue)["QueueUrl"]


def sqs_client():
    return boto3.client("sqs", region_name=get_settings().region)


def _arrival(record: dict) -> str:
    from chalicelib.events.backup import commit_time, format_time

    return format_time(commit_time(record))


def on_failure_payload(kind: str, stream_arn: str, shard_id: str, record: dict, attempts: int) -> dict:
    """What Lambda sends to an SQS on-failure destination for a DynamoDB
    stream batch it discarded (here: the one record)."""
    sequence = record["dynamodb"]["SequenceNumber"]
    return {
        "requestContext": {"requestId": str(uuid.uuid4()), "functionArn": f"local:backup_{kind}",
                           "condition": "RetryAttemptsExhausted", "approximateInvokeCount": attempts},
        "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": ""},
        "version": "1.0",
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "DDBStreamBatchInfo": {
            "shardId": shard_id, "startSequenceNumber": sequence, "endSequenceNumber": sequence,
            "approximateArrivalOfFirstRecord": _arrival(record), "approximateArrivalOfLastRecord": _arrival(record),
            "batchSize": 1, "streamArn": stream_arn,
        },
    }


def send(payload: dict) -> None:
    sqs_client().send_message(QueueUrl=queue_url(), MessageBody=json.dumps(payload))


def kind_of(stream_arn: str) -> str:
    """The table kind a stream ARN (`...:table/<name>/stream/<label>`) belongs to."""
    table = stream_arn.split(":table/", 1)[1].split("/stream/", 1)[0]
    names = get_settings().table_names
    for kind in STREAMED_TABLES:
        if names[kind] == table:
            return kind
    raise ValueError(f"{stream_arn} is not the stream of a table of this stage")


def records_of(batch: dict) -> List[dict]:
    """The batch's records, read again from its stream (empty once they expired)."""
    from ops.stream_pump import streams_client

    first, last = int(batch["startSequenceNumber"]), int(batch["endSequenceNumber"])
    client = streams_client()
    iterator = client.get_shard_iterator(StreamArn=batch["streamArn"], ShardId=batch["shardId"],
                                         ShardIteratorType="AT_SEQUENCE_NUMBER",
                                         SequenceNumber=batch["startSequenceNumber"])["ShardIterator"]
    records: List[dict] = []
    while iterator:
        page = client.get_records(ShardIterator=iterator, Limit=100)
        for record in page["Records"]:
            sequence = int(record["dynamodb"]["SequenceNumber"])
            if sequence > last:
                return records
            if sequence >= first:
                records.append(record)
        if not page["Records"]:
            return records
        iterator = page.get("NextShardIterator")
    return records
