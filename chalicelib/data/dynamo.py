"""One PynamoDB connection (one botocore client) shared by every model.

PynamoDB gives each model its own connection, and each connection its own
botocore session, so a request touching three tables would build three
clients (~50 ms each on a cold start). `get_connection()` builds one and binds
every model to it; tests and tools may call `reset()` to rebuild it.
"""
import functools

from pynamodb.connection import Connection
from pynamodb.exceptions import TableError

from ..core.settings import get_settings
from .models import ALL_MODELS, SECONDARY_MODELS


@functools.lru_cache(maxsize=1)
def get_connection() -> Connection:
    settings = get_settings()
    connection = Connection(
        region=settings.region,
        connect_timeout_seconds=settings.aws_timeout_seconds,
        read_timeout_seconds=settings.aws_timeout_seconds,
        max_retry_attempts=2,
        max_pool_connections=max(10, settings.list_shards + 4),
    )
    for model in ALL_MODELS + SECONDARY_MODELS:
        table_connection = model._get_connection()
        try:
            connection.get_meta_table(table_connection.table_name)
        except TableError:  # first model of this table
            connection.add_meta_table(table_connection.get_meta_table())
        table_connection.connection = connection
    return connection


def get_client():
    """The low-level botocore DynamoDB client, for calls PynamoDB does not
    model (multi-table BatchGetItem, transactions built as raw items)."""
    return get_connection().client


def reset() -> None:
    """Forget the client (tests switch endpoints); models are bound again at once."""
    for model in ALL_MODELS + SECONDARY_MODELS:
        model._connection = None
    get_connection.cache_clear()
    get_connection()


def ping() -> None:
    """One BatchGetItem touching every table: raises if any does not answer."""
    connection = get_connection()
    request = {}
    for table in get_settings().table_names.values():
        try:
            meta = connection.get_meta_table(table)
        except TableError:  # a table no model reads (e.g. idempotency)
            continue
        key = {name: {"S": "__health__"} for name in (meta.hash_keyname, meta.range_keyname) if name}
        request[table] = {"Keys": [key]}
    connection.client.batch_get_item(RequestItems=request)
