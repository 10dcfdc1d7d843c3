"""The provisioned AWS world of the in-process tests, built once per worker
and put back before each test.

Provisioning (seven tables with their indexes and streams, two buckets, the
queues, the state machine and its role) and the demo data take about a second
per test; a test only ever changes contents. So the world is built once, its
table items are kept, and before each test the contents are restored: table
items and their stream records as seeding left them, empty buckets and
queues, no workflow runs. Anything a test changes beyond contents (a table,
bucket, queue or state machine created or deleted, another stage's names) no
longer matches the kept shape, and the next test builds the world again."""
import copy
from typing import Callable, Dict, Optional

from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.base_backend import BackendDict
from moto.dynamodb.models import dynamodb_backends
from moto.s3.models import s3_backends
from moto.sqs.models import sqs_backends
from moto.stepfunctions.parser.models import stepfunctions_parser_backends


def _services(region: str):
    return (dynamodb_backends[DEFAULT_ACCOUNT_ID][region], s3_backends[DEFAULT_ACCOUNT_ID]["aws"],
            sqs_backends[DEFAULT_ACCOUNT_ID][region],
            # The backend that executes state machines (the tests turn execution on).
            stepfunctions_parser_backends[DEFAULT_ACCOUNT_ID][region])


def _shape(region: str) -> tuple:
    """What a test may not change without the world being built again."""
    dynamodb, s3, sqs, sfn = _services(region)
    tables = tuple(sorted((name, tuple(sorted(index.name for index in table.global_indexes)))
                          for name, table in dynamodb.tables.items()))
    return (tables, tuple(sorted(s3.buckets)), tuple(sorted(sqs.queues)),
            tuple(sorted(machine.arn for machine in sfn.state_machines)))


class _Contents:
    """Every table's items and stream records, as they were when taken."""

    def __init__(self, region: str):
        tables = _services(region)[0].tables
        self.items = {name: copy.deepcopy(table.items) for name, table in tables.items()}
        self.records = {name: list(table.stream_shard.items) for name, table in tables.items()
                        if getattr(table, "stream_shard", None) is not None}

    def put_back(self, region: str) -> None:
        for name, table in _services(region)[0].tables.items():
            table.items = copy.deepcopy(self.items[name])
            if name in self.records:
                table.stream_shard.items = list(self.records[name])


def _empty_buckets_queues_and_runs(region: str) -> None:
    _, s3, sqs, sfn = _services(region)
    for bucket in s3.buckets.values():
        bucket.keys = type(bucket.keys)()
        bucket.multiparts = type(bucket.multiparts)()
    for queue in sqs.queues.values():
        with queue._messages_lock:
            queue._messages = []
        queue._pending_messages = set()
        queue.deleted_messages = set()
    for machine in sfn.state_machines:
        machine.executions = []


class ProvisionedWorld:
    """`build()` provisions and seeds; `restore()` puts the contents back as
    `build()` left them, or builds again when the shape has changed.
    `restore(variant, add)` puts back what `add()` wrote on top of the seeded
    world, running `add` only the first time (the scale tests' thousands of
    orders, loaded once per worker)."""

    def __init__(self, build: Callable[[], object], region: str):
        self._build, self.region = build, region
        self._contents: Dict[Optional[str], _Contents] = {}
        self._shape: Optional[tuple] = None
        self.resources = None

    def forget(self) -> None:
        """The next `restore()` builds from an empty emulator (a test reset it)."""
        self._contents = {}

    def restore(self, variant: Optional[str] = None, add: Optional[Callable[[], None]] = None):
        if None not in self._contents or _shape(self.region) != self._shape:
            BackendDict.reset()
            self.resources = self._build()
            # The seeding's own stream records stay: a test may back them up.
            self._contents = {None: _Contents(self.region)}
            self._shape = _shape(self.region)
        if variant is not None and variant not in self._contents:
            self._put_back(None)
            add()
            self._contents[variant] = _Contents(self.region)
        self._put_back(variant)
        return self.resources

    def _put_back(self, variant: Optional[str]) -> None:
        self._contents[variant].put_back(self.region)
        _empty_buckets_queues_and_runs(self.region)
