"""PynamoDB models: the tables, their keys and indexes.

No request scans a table. Listing orders queries one of these GSIs:
* `by_date`      partition `ALL#<shard>`, newest first by `list_sk`, keys only;
* `by_status`    partition `<status>#<shard>`, the summary projected;
* `by_customer`  partition `customer_id`, the status projected;
* `by_number`    partition `order_number` (search by number), keys only;
* `by_id_prefix` partition `id_prefix` (the id's first hex digits: search by id prefix), keys only;
* `by_tracking`  partition `tracking_number` (sparse: shipped orders), keys only.
The search indexes hold keys only: their keys never change, so an order's
later changes (every status move) never write to them; the few orders a
search finds are read anyway, and a status or customer filter is applied
to what is read (`chalicelib.data.listing`).
Shards spread the writes of busy listings over `list_shards` partition keys
(see `chalicelib.data.listing` for the merge). `pagination.total` and
GET /stats read one `Counter` item, kept by the orders stream.
"""
from decimal import Decimal

from pynamodb.attributes import (
    Attribute,
    BinaryAttribute,
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)
from pynamodb.constants import MAP, NUMBER, STRING
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection
from pynamodb.models import Model

from ..core.settings import get_settings
from ..model.actor import Actor

_settings = get_settings()

# Projected into the status index (a projection cannot change on a live
# index, so it stays as first deployed).
STATUS_INDEX_ATTRIBUTES = [
    "customer_id", "customer_name", "total_amount", "currency", "status",
    "status_reason", "failure", "created_at", "updated_at", "line_count", "item_count", "version",
]
# What a list page shows of an order.
ORDER_SUMMARY_ATTRIBUTES = STATUS_INDEX_ATTRIBUTES + ["order_number", "tracking_number", "carrier"]


def _summary_without(*index_keys: str):
    return IncludeProjection([name for name in STATUS_INDEX_ATTRIBUTES if name not in index_keys])


class DecimalAttribute(Attribute[Decimal]):
    """A DynamoDB number read and written as an exact Decimal (PynamoDB's
    NumberAttribute goes through float)."""
    attr_type = NUMBER

    def serialize(self, value: Decimal) -> str:
        return str(Decimal(value))

    def deserialize(self, value: str) -> Decimal:
        return Decimal(value)


class _BaseMeta:
    region = _settings.region
    connect_timeout_seconds = _settings.aws_timeout_seconds
    read_timeout_seconds = _settings.aws_timeout_seconds
    max_retry_attempts = 2
    base_backoff_ms = 25


class OrderLine(MapAttribute):
    product_id = UnicodeAttribute()
    product_name = UnicodeAttribute()
    quantity = NumberAttribute()
    price = DecimalAttribute()
    line_total = DecimalAttribute()


class LineChange(MapAttribute):
    product_id = UnicodeAttribute(null=True)  # none: the shipping address changed
    field = UnicodeAttribute()
    old = UnicodeAttribute(null=True)
    new = UnicodeAttribute(null=True)


class PostalAddress(MapAttribute):
    name = UnicodeAttribute()
    line1 = UnicodeAttribute()
    line2 = UnicodeAttribute(null=True)
    city = UnicodeAttribute()
    region = UnicodeAttribute(null=True)
    postal_code = UnicodeAttribute(null=True)
    country = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)


class WorkflowFailure(MapAttribute):
    """Why the workflow failed an order, as Step Functions reported it. For a
    cancelled reservation `cause` lists one reason per transaction item and
    `product_ids` names the product of each position ("" for the others)."""
    error = UnicodeAttribute()
    cause = UnicodeAttribute(null=True)
    product_ids = ListAttribute(null=True)


class ActorAttribute(Attribute[Actor]):
    """Who made a change, as a map {type, id, name}; an entry written before
    actors were objects holds a bare string, read as `Actor.of` maps it."""
    attr_type = MAP

    def set(self, value: Actor):
        # An update expression serializes by this attribute only a dict.
        return super().set(Actor.of(value).as_dict())

    def serialize(self, value: Actor) -> dict:
        value = Actor.of(value)  # a dict from set() above, or the Actor
        fields = {"type": value.type, "name": value.name, "id": value.id}
        return {key: {STRING: text} for key, text in fields.items() if text is not None}

    def get_value(self, value: dict) -> dict:
        return value  # either kind, told apart in deserialize

    def deserialize(self, value: dict) -> Actor:
        if STRING in value:
            return Actor.of(value[STRING])
        return Actor.of({key: text[STRING] for key, text in value[MAP].items()})


class HistoryEvent(MapAttribute):
    at = UnicodeAttribute()
    action = UnicodeAttribute()  # created | status | edited | workflow
    from_status = UnicodeAttribute(null=True, attr_name="from")
    to_status = UnicodeAttribute(null=True, attr_name="to")
    actor = ActorAttribute()
    reason = UnicodeAttribute(null=True)
    # The request (or Idempotency-Key operation) that made this change: how a
    # re-run of that request recognises work that already landed.
    operation_id = UnicodeAttribute(null=True, attr_name="op")
    changes = ListAttribute(of=LineChange, null=True)
    failure = WorkflowFailure(null=True)  # set by the workflow when it fails the order
    tracking_number = UnicodeAttribute(null=True)  # given when marked shipped
    carrier = UnicodeAttribute(null=True)


class OrdersByDate(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_date"
        # Keys only: these keys never change after creation, so later status
        # changes do not write to this (busiest) index at all.
        projection = KeysOnlyProjection()

    list_pk = UnicodeAttribute(hash_key=True)
    list_sk = UnicodeAttribute(range_key=True)


class OrdersByStatus(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_status"
        projection = _summary_without("status_pk", "list_sk")

    status_pk = UnicodeAttribute(hash_key=True)
    list_sk = UnicodeAttribute(range_key=True)


class OrdersByCustomer(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_customer"
        # Keys and the status only: a status change rewrites a tiny entry (one
        # write unit), a customer's page reads its orders with one BatchGetItem
        # like the unfiltered list, and a status filter needs no second read.
        projection = IncludeProjection(["status"])

    customer_id = UnicodeAttribute(hash_key=True)
    list_sk = UnicodeAttribute(range_key=True)


class OrdersByNumber(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_number"
        # Keys only: written once, when the order is created.
        projection = KeysOnlyProjection()

    order_number = UnicodeAttribute(hash_key=True)
    list_sk = UnicodeAttribute(range_key=True)


class OrdersByIdPrefix(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_id_prefix"
        # Keys only: written once, when the order is created.
        projection = KeysOnlyProjection()

    id_prefix = UnicodeAttribute(hash_key=True)
    list_sk = UnicodeAttribute(range_key=True)


class OrdersByTracking(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_tracking"
        # Sparse and keys only: only shipped orders carry a tracking number,
        # written once (a later status change does not touch the entry).
        projection = KeysOnlyProjection()

    tracking_number = UnicodeAttribute(hash_key=True)
    list_sk = UnicodeAttribute(range_key=True)


class Order(Model):
    class Meta(_BaseMeta):
        table_name = _settings.orders_table

    order_id = UnicodeAttribute(hash_key=True)
    # The readable number (1001, ...); orders created before numbers existed have none.
    order_number = UnicodeAttribute(null=True)
    customer_id = UnicodeAttribute()
    customer_name = UnicodeAttribute()
    customer_email = UnicodeAttribute(null=True)
    lines = ListAttribute(of=OrderLine, attr_name="items")
    line_count = NumberAttribute()
    item_count = NumberAttribute()  # units over all lines
    total_amount = DecimalAttribute()
    currency = UnicodeAttribute()
    status = UnicodeAttribute()
    status_reason = UnicodeAttribute(null=True)
    failure = WorkflowFailure(null=True)
    tracking_number = UnicodeAttribute(null=True)
    carrier = UnicodeAttribute(null=True)
    shipping_address = PostalAddress(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    stock_reserved = BooleanAttribute(default=False)
    execution_arn = UnicodeAttribute(null=True)
    workflow_attempt = NumberAttribute(default=0)
    history = ListAttribute(of=HistoryEvent)
    shard = NumberAttribute()
    list_pk = UnicodeAttribute()
    list_sk = UnicodeAttribute()
    status_pk = UnicodeAttribute()
    id_prefix = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_date = OrdersByDate()
    by_status = OrdersByStatus()
    by_customer = OrdersByCustomer()
    by_number = OrdersByNumber()
    by_id_prefix = OrdersByIdPrefix()
    by_tracking = OrdersByTracking()


class Counter(Model):
    """Order counts and amounts by status, kept by the orders stream
    (`chalicelib.events.aggregates`). Keys: `orders` (every order),
    `customer#<id>` and `day#<YYYY-MM-DD>` (by creation day, UTC)."""

    class Meta(_BaseMeta):
        table_name = _settings.counters_table

    counter_id = UnicodeAttribute(hash_key=True)
    total = NumberAttribute(default=0)
    pending = NumberAttribute(default=0)
    processing = NumberAttribute(default=0)
    shipped = NumberAttribute(default=0)
    delivered = NumberAttribute(default=0)
    cancelled = NumberAttribute(default=0)
    failed = NumberAttribute(default=0)
    amount_pending = DecimalAttribute(default=Decimal)
    amount_processing = DecimalAttribute(default=Decimal)
    amount_shipped = DecimalAttribute(default=Decimal)
    amount_delivered = DecimalAttribute(default=Decimal)
    amount_cancelled = DecimalAttribute(default=Decimal)
    amount_failed = DecimalAttribute(default=Decimal)


class AppliedBatch(Model):
    """A run of stream records whose counts were applied: written in the same
    transaction as the counts, so a redelivered batch is applied once."""

    class Meta(_BaseMeta):
        table_name = _settings.counters_table

    counter_id = UnicodeAttribute(hash_key=True)  # "applied#<the first record's eventID>"
    records = NumberAttribute()  # how many records from the first were applied
    expires_at = NumberAttribute()  # epoch seconds, the table's TTL attribute


class ProductsInCatalog(GlobalSecondaryIndex):
    class Meta:
        index_name = "catalog"
        # Keys only, so stock changes (every reservation) never write here.
        projection = KeysOnlyProjection()

    catalog_pk = UnicodeAttribute(hash_key=True)
    product_id = UnicodeAttribute(range_key=True)


class ProductsByCategory(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_category"
        projection = KeysOnlyProjection()

    category = UnicodeAttribute(hash_key=True)
    product_id = UnicodeAttribute(range_key=True)


class Product(Model):
    class Meta(_BaseMeta):
        table_name = _settings.products_table

    product_id = UnicodeAttribute(hash_key=True)
    product_name = UnicodeAttribute()
    price = DecimalAttribute()
    stock_quantity = NumberAttribute(default=0)
    # Every unit ever put into stock (initial stock, restocks, corrections).
    # stock_quantity = stock_added - what live orders hold: the ledger a
    # restore rebuilds stock from.
    stock_added = NumberAttribute(default=0)
    category = UnicodeAttribute()
    description = UnicodeAttribute(null=True)
    catalog_pk = UnicodeAttribute(default="catalog")
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    # +1 on every write (stock moves included): how a restore tells newer from older.
    revision = NumberAttribute(default=1)
    # Why the stock last moved by hand and who moved it: the products stream
    # turns each change of stock_added into a stock movement entry with them.
    stock_reason = UnicodeAttribute(null=True)
    stock_actor = ActorAttribute(null=True)

    catalog = ProductsInCatalog()
    by_category = ProductsByCategory()


class CustomersListing(GlobalSecondaryIndex):
    class Meta:
        index_name = "listing"
        projection = AllProjection()

    kind = UnicodeAttribute(hash_key=True)
    customer_id = UnicodeAttribute(range_key=True)


class CustomersByName(GlobalSecondaryIndex):
    """Customers by name, any case: partition the name's first character
    (lower case), sorted by `<lower-cased name>#<customer id>`, so a name
    prefix is one query with begins_with."""
    class Meta:
        index_name = "by_name"
        projection = KeysOnlyProjection()

    name_pk = UnicodeAttribute(hash_key=True)
    name_key = UnicodeAttribute(range_key=True)


class Customer(Model):
    class Meta(_BaseMeta):
        table_name = _settings.customers_table

    customer_id = UnicodeAttribute(hash_key=True)
    customer_name = UnicodeAttribute()
    email = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    address = UnicodeAttribute(null=True)  # free text
    default_address = PostalAddress(null=True)
    # Only real customers carry `kind`, so e-mail alias items stay out of the
    # listing index (a sparse GSI).
    kind = UnicodeAttribute(default="customer")
    created_at = UnicodeAttribute()
    name_pk = UnicodeAttribute(null=True)
    name_key = UnicodeAttribute(null=True)

    listing = CustomersListing()
    by_name = CustomersByName()


class CustomerEmail(Model):
    """E-mail -> customer id, in the customers table under `email#<address>`,
    so an order placed by name and e-mail finds its customer with one GetItem."""

    class Meta(_BaseMeta):
        table_name = _settings.customers_table

    customer_id = UnicodeAttribute(hash_key=True)  # "email#<lower-cased address>"
    owner_id = UnicodeAttribute()


class SearchEntry(Model):
    """What the search box finds that no table's own index can: an item may
    be found by several words or products, and an index holds one entry per
    item. Kept from the tables' streams (`chalicelib.events.search_index`),
    derived, never backed up. Terms:

    * `product#<product id>`, sort key the order's `list_sk`: an order holding
      that product (newest first, like every list), with its customer for the
      list's filter (not its status, which changes: a status filter reads the
      orders found, `chalicelib.data.listing`);
    * `customer-word#<first letter>` / `product-word#<first letter>`, sort key
      `<word>#<id>`: a customer or product with a word of its name that the
      search's word begins;
    * `stock#<product id>`, sort key `<updated_at>#<revision>`: a move of the
      product's stock by hand (initial stock, restock, correction), with the
      units it added (`stock_change`, negative to take), why and who."""

    class Meta(_BaseMeta):
        table_name = _settings.search_table

    term = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True, attr_name="sk")
    order_id = UnicodeAttribute(null=True)
    customer_id = UnicodeAttribute(null=True)
    stock_change = NumberAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    actor = ActorAttribute(null=True)

    @property
    def list_sk(self) -> str:
        """An order entry's place in the newest-first merge of a list."""
        return self.sort_key


class ApiKey(Model):
    """An API key, stored only as the SHA-256 of the key."""

    class Meta(_BaseMeta):
        table_name = _settings.api_keys_table

    key_hash = UnicodeAttribute(hash_key=True)
    key_id = UnicodeAttribute()
    name = UnicodeAttribute()
    scopes = UnicodeSetAttribute()
    revoked = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    revoked_at = UnicodeAttribute(null=True)


class IdempotencyRecord(Model):
    """The first response to a request sent with an Idempotency-Key, replayed
    for retries for 24 hours (DynamoDB's TTL removes it afterwards)."""

    class Meta(_BaseMeta):
        table_name = _settings.idempotency_table

    idempotency_key = UnicodeAttribute(hash_key=True)  # "<key_id>#<Idempotency-Key>"
    # The three below are absent only from a record a given-up claim's release made.
    request_hash = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)  # in_progress | completed
    locked_until = NumberAttribute(null=True)  # an in-progress claim older than this is abandoned
    claim_id = UnicodeAttribute(null=True)  # which request holds the claim now
    # A claim whose request gave up on it: free to take over, however late it lands.
    released_claim = UnicodeAttribute(null=True)
    operation_id = UnicodeAttribute(null=True)  # the identity of the work, kept across re-runs
    expires_at = NumberAttribute()  # epoch seconds, the table's TTL attribute
    response_status = NumberAttribute(null=True)
    response_body = UnicodeAttribute(null=True)  # records saved before bodies were compressed
    # The body, zlib-compressed: a two-line order's 1.3 KB answer takes 0.6 KB,
    # so the completed record stays one write unit.
    response_zipped = BinaryAttribute(null=True, legacy_encoding=False)
    response_headers = MapAttribute(null=True)


class AppliedOperation(Model):
    """An operation that moved stock by a relative amount (a restock), in the
    idempotency table under `applied#<operation id>`: written in the same
    transaction as the move, on the condition that it is not there yet, so a
    retry of the operation (same Idempotency-Key) never moves stock twice."""

    class Meta(_BaseMeta):
        table_name = _settings.idempotency_table

    idempotency_key = UnicodeAttribute(hash_key=True)  # "applied#<operation id>"
    expires_at = NumberAttribute()  # the table's TTL, as long as the key's own record


class WebhookEndpoint(Model):
    """A webhook subscription, under partition `endpoints` (an admin lists
    them all with one Query). The signing secret is kept to sign with; the
    API shows it only when it is made (create, rotate). After a rotation the
    previous secret also signs until `previous_secret_until`."""

    class Meta(_BaseMeta):
        table_name = _settings.webhooks_table

    pk = UnicodeAttribute(hash_key=True, default="endpoints")
    sk = UnicodeAttribute(range_key=True)  # the endpoint id
    url = UnicodeAttribute()
    events = UnicodeSetAttribute(null=True)  # None: every event type
    description = UnicodeAttribute(null=True)
    enabled = BooleanAttribute(default=True)
    disabled_reason = UnicodeAttribute(null=True)
    secret = UnicodeAttribute()
    previous_secret = UnicodeAttribute(null=True)
    previous_secret_until = NumberAttribute(null=True)  # epoch seconds
    failing_since = UnicodeAttribute(null=True)  # first failure since the last success
    last_success_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class DeliveryAttempt(MapAttribute):
    at = UnicodeAttribute()
    status_code = NumberAttribute(null=True)  # None: no HTTP answer (refused, timeout)
    latency_ms = NumberAttribute()
    error = UnicodeAttribute(null=True)


class WebhookEvent(Model):
    """One event's exact body, stored once however many endpoints it is
    delivered to (their deliveries name it), zlib-compressed: retries and
    replays send these very bytes. Under `event#<event id>`."""

    class Meta(_BaseMeta):
        table_name = _settings.webhooks_table

    pk = UnicodeAttribute(hash_key=True)  # "event#<event id>"
    sk = UnicodeAttribute(range_key=True, default="body")
    body = BinaryAttribute(legacy_encoding=False)
    expires_at = NumberAttribute()  # epoch seconds, the table's TTL attribute


class WebhookDelivery(Model):
    """One event for one endpoint: which event (its body is the
    `WebhookEvent`; retries and replays send the same bytes under the same
    `webhook-id`, the delivery id) and every attempt. Small, so recording it
    and each attempt costs one write unit. Under `deliveries#<endpoint id>`,
    ids sort by event time."""

    class Meta(_BaseMeta):
        table_name = _settings.webhooks_table

    pk = UnicodeAttribute(hash_key=True)  # "deliveries#<endpoint id>"
    sk = UnicodeAttribute(range_key=True)  # the delivery id, "msg_<YYYYMMDDHHMMSS><hash>"
    event_type = UnicodeAttribute()
    order_id = UnicodeAttribute(null=True)
    order_number = UnicodeAttribute(null=True)  # the log names the order as operators do (#1027)
    event_id = UnicodeAttribute(null=True)  # the body's `WebhookEvent`
    payload = UnicodeAttribute(null=True)  # the body itself, in deliveries recorded before events were stored once
    status = UnicodeAttribute()  # pending | delivered | failed | held
    attempts = ListAttribute(of=DeliveryAttempt, default=list)
    created_at = UnicodeAttribute()
    next_retry_at = UnicodeAttribute(null=True)
    delivered_at = UnicodeAttribute(null=True)
    expires_at = NumberAttribute()  # epoch seconds, the table's TTL attribute


ALL_MODELS = (Order, Counter, Product, Customer, ApiKey, IdempotencyRecord, WebhookEndpoint, SearchEntry)
# Models sharing a table with one of ALL_MODELS (bound to the same connection).
SECONDARY_MODELS = (CustomerEmail, AppliedBatch, WebhookDelivery, WebhookEvent, AppliedOperation)
