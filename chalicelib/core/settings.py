"""Typed settings, read from the environment in one place.

Every knob the Lambda reads lives here, so a stage is fully described by the
environment variables in `.chalice/config.json` (or those `make run` exports).
"""
import dataclasses
import functools
import os
from typing import Mapping

# Tables whose every change is handled through their DynamoDB stream (backups,
# workflow runs the API could not start).
STREAMED_TABLES = ("orders", "products", "customers")


@dataclasses.dataclass(frozen=True)
class Settings:
    stage: str
    resource_prefix: str
    region: str
    orders_table: str
    products_table: str
    customers_table: str
    counters_table: str
    api_keys_table: str
    idempotency_table: str
    webhooks_table: str
    search_table: str
    backup_bucket: str
    website_bucket: str
    state_machine_arn: str
    # Streams whose records the deployed backup functions receive (empty
    # locally, where ops/stream_worker.py reads the streams instead).
    stream_arns: Mapping[str, str]
    currency: str
    # Orders are spread over `list_shards` partitions of each list index so no
    # partition key takes every order's writes (DynamoDB: ~1,000 write units/s
    # per key); a list page queries every shard. It may only ever grow.
    list_shards: int
    cors_origin: str
    api_key_cache_seconds: float
    max_body_bytes: int
    aws_timeout_seconds: float
    # How long a write with no definite answer is re-sent before the API
    # answers 503 "outcome unknown" (keep it well under API Gateway's 29 s).
    write_resolve_seconds: float
    log_level: str
    # Signs next_token cursors (chalicelib/data/cursor.py): a stage's own
    # secret, so a token cannot be composed or edited by a client.
    cursor_secret: str
    webhooks: "WebhookSettings" = None
    staff: "StaffSettings" = None
    # The standard queue stream records go to when their handler keeps
    # failing (Lambda's on-failure destination; `make replay-failed` re-drives them).
    stream_failures_queue: str = ""

    @property
    def state_machine_name(self) -> str:
        return f"{self.resource_prefix}-order-processing"

    @property
    def table_names(self) -> Mapping[str, str]:
        return {
            "orders": self.orders_table,
            "products": self.products_table,
            "customers": self.customers_table,
            "counters": self.counters_table,
            "api_keys": self.api_keys_table,
            "idempotency": self.idempotency_table,
            "webhooks": self.webhooks_table,
            "search": self.search_table,
        }


@dataclasses.dataclass(frozen=True)
class WebhookSettings:
    """Webhook delivery (chalicelib/events/webhook_delivery.py). Tests shorten
    the schedule; the defaults are the deployed behaviour."""
    # The FIFO delivery queue (its URL is looked up from the name when not given).
    queue_name: str
    queue_url: str
    # The queue whose messages the deployed `deliver_webhooks` function
    # receives (empty locally, where ops/webhook_worker.py polls it).
    queue_arn: str
    # Exponential backoff with full jitter: attempt n waits up to base * 2**n
    # seconds, never more than `retry_cap_seconds`, for `retry_hours`.
    retry_base_seconds: float
    retry_cap_seconds: float
    retry_hours: float
    # An endpoint failing without a success for this long is disabled.
    disable_after_hours: float
    timeout_seconds: float
    # Plain http and private, loopback or link-local targets: only locally.
    allow_private_targets: bool


@dataclasses.dataclass(frozen=True)
class StaffSettings:
    """Staff sign-in (chalicelib/domain/staff_tokens.py): the Cognito user
    pool and the console's app client whose tokens the API accepts. No pool:
    Bearer tokens are refused, API keys work as ever."""
    user_pool_id: str
    client_id: str
    # Where the pool's signing keys are read; by default the issuer's
    # /.well-known/jwks.json (`make run` points it at the emulator).
    jwks_url: str
    # A person's name (for history) looked up by their user name, kept this long.
    name_cache_seconds: float
    region: str

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"

    @property
    def keys_url(self) -> str:
        return self.jwks_url or f"{self.issuer}/.well-known/jwks.json"


def _int(environ: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    value = int(raw)
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def _float(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name)
    return default if raw in (None, "") else float(raw)


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    stage = environ.get("OMS_STAGE", "local")
    prefix = environ.get("OMS_RESOURCE_PREFIX", f"oms-{stage}")
    region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return Settings(
        stage=stage,
        resource_prefix=prefix,
        region=region,
        orders_table=environ.get("OMS_ORDERS_TABLE", f"{prefix}-orders"),
        products_table=environ.get("OMS_PRODUCTS_TABLE", f"{prefix}-products"),
        customers_table=environ.get("OMS_CUSTOMERS_TABLE", f"{prefix}-customers"),
        counters_table=environ.get("OMS_COUNTERS_TABLE", f"{prefix}-counters"),
        api_keys_table=environ.get("OMS_API_KEYS_TABLE", f"{prefix}-api-keys"),
        idempotency_table=environ.get("OMS_IDEMPOTENCY_TABLE", f"{prefix}-idempotency"),
        webhooks_table=environ.get("OMS_WEBHOOKS_TABLE", f"{prefix}-webhooks"),
        search_table=environ.get("OMS_SEARCH_TABLE", f"{prefix}-search"),
        backup_bucket=environ.get("OMS_BACKUP_BUCKET", f"{prefix}-backups"),
        website_bucket=environ.get("OMS_WEBSITE_BUCKET", f"{prefix}-website"),
        state_machine_arn=environ.get("OMS_STATE_MACHINE_ARN", ""),
        stream_arns={kind: environ.get(f"OMS_{kind.upper()}_STREAM_ARN", "") for kind in STREAMED_TABLES},
        currency=environ.get("OMS_CURRENCY", "USD"),
        list_shards=_int(environ, "OMS_LIST_SHARDS", 8),
        cors_origin=environ.get("OMS_CORS_ORIGIN", "*"),
        api_key_cache_seconds=_float(environ, "OMS_API_KEY_CACHE_SECONDS", 60.0),
        max_body_bytes=_int(environ, "OMS_MAX_BODY_BYTES", 64 * 1024),
        aws_timeout_seconds=_float(environ, "OMS_AWS_TIMEOUT_SECONDS", 3.0),
        write_resolve_seconds=_float(environ, "OMS_WRITE_RESOLVE_SECONDS", 10.0),
        log_level=environ.get("OMS_LOG_LEVEL", "INFO"),
        cursor_secret=environ.get("OMS_CURSOR_SECRET", ""),
        webhooks=WebhookSettings(
            queue_name=environ.get("OMS_WEBHOOK_QUEUE", f"{prefix}-webhooks.fifo"),
            queue_url=environ.get("OMS_WEBHOOK_QUEUE_URL", ""),
            queue_arn=environ.get("OMS_WEBHOOK_QUEUE_ARN", ""),
            retry_base_seconds=_float(environ, "OMS_WEBHOOK_RETRY_BASE_SECONDS", 5.0),
            retry_cap_seconds=_float(environ, "OMS_WEBHOOK_RETRY_CAP_SECONDS", 3 * 3600.0),
            retry_hours=_float(environ, "OMS_WEBHOOK_RETRY_HOURS", 28.0),
            disable_after_hours=_float(environ, "OMS_WEBHOOK_DISABLE_AFTER_HOURS", 5 * 24.0),
            timeout_seconds=_float(environ, "OMS_WEBHOOK_TIMEOUT_SECONDS", 10.0),
            allow_private_targets=environ.get("OMS_WEBHOOK_ALLOW_PRIVATE_TARGETS", "1" if stage == "local" else "0") == "1",
        ),
        staff=StaffSettings(
            user_pool_id=environ.get("OMS_USER_POOL_ID", ""),
            client_id=environ.get("OMS_USER_POOL_CLIENT_ID", ""),
            jwks_url=environ.get("OMS_USER_POOL_JWKS_URL", ""),
            name_cache_seconds=_float(environ, "OMS_STAFF_NAME_CACHE_SECONDS", 600.0),
            region=region,
        ),
        stream_failures_queue=environ.get("OMS_STREAM_FAILURES_QUEUE", f"{prefix}-stream-failures"),
    )


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
