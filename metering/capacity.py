"""DynamoDB capacity the way AWS bills it, measured on the app's own client.

For every write the meter reads the item before and after the call (with a
separate, unhooked client) and charges, per AWS's rules: the larger of the
two item sizes in 1 KB write units (x2 inside a transaction), plus every
global secondary index entry removed, added or changed (entry = table keys +
index keys + projected attributes + 100 bytes). Reads are charged from the
items returned: 4 KB units, half for eventually consistent reads. Each charge
is also booked to the partition key it lands on, which is what the hot-key
figures come from."""
import collections
import math
from decimal import Decimal
from typing import Dict, Iterable, List, Optional, Tuple

WRITES = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"}


def value_size(value: dict) -> int:
    (kind, data), = value.items()
    if kind == "S":
        return len(data.encode("utf-8"))
    if kind == "N":
        digits = Decimal(data).normalize().as_tuple().digits
        return (len(digits) + 1) // 2 + 1
    if kind == "B":
        return len(data)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(1 + value_size(element) for element in data)
    if kind == "M":
        return 3 + sum(1 + len(name.encode()) + value_size(element) for name, element in data.items())
    if kind in ("SS", "NS", "BS"):
        return sum(value_size({kind[0]: element}) for element in data)
    raise ValueError(kind)


def item_size(item: Optional[dict]) -> int:
    if not item:
        return 0
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


def write_units(size: int) -> int:
    return max(1, math.ceil(size / 1024))


def read_units(size: int, consistent: bool) -> float:
    units = max(1, math.ceil(size / 4096))
    return units if consistent else units / 2


def items_read(operation: str, parsed: dict) -> int:
    """Items a DynamoDB read call read, from its response (a Query or Scan
    reads what it scanned, filtered out or not)."""
    if operation == "GetItem":
        return 1 if parsed.get("Item") else 0
    if operation in ("Query", "Scan"):
        return parsed.get("ScannedCount", parsed.get("Count", 0))
    if operation in ("BatchGetItem", "TransactGetItems"):
        return sum(len(items) for items in parsed.get("Responses", {}).values())
    return 0


def _hash_first(key_schema) -> List[str]:
    """Key attribute names, partition key first (the key a write lands on)."""
    return [k["AttributeName"] for k in sorted(key_schema, key=lambda k: k["KeyType"] != "HASH")]


class TableShape:
    def __init__(self, description: dict):
        self.name = description["TableName"]
        self.keys = _hash_first(description["KeySchema"])
        self.indexes = []
        for index in description.get("GlobalSecondaryIndexes", []):
            projection = index["Projection"]
            self.indexes.append({
                "name": index["IndexName"],
                "keys": _hash_first(index["KeySchema"]),
                "type": projection["ProjectionType"],
                "include": projection.get("NonKeyAttributes", []),
            })

    def key_of(self, item: dict) -> dict:
        return {name: item[name] for name in self.keys}

    def entry(self, index: dict, item: Optional[dict]) -> Optional[dict]:
        if not item or any(name not in item for name in index["keys"]):
            return None  # sparse: no entry
        if index["type"] == "ALL":
            return dict(item)
        names = set(self.keys) | set(index["keys"]) | (set(index["include"]) if index["type"] == "INCLUDE" else set())
        return {name: value for name, value in item.items() if name in names}


class CapacityMeter:
    """Hooks a botocore DynamoDB client; `raw` must be a different client."""

    def __init__(self, client, raw, table_names: Iterable[str]):
        self.raw = raw
        self.shapes = {name: TableShape(raw.describe_table(TableName=name)["Table"]) for name in table_names}
        self.reset()
        self._pending: List[Tuple[str, dict, bool, Optional[dict]]] = []
        client.meta.events.register("before-parameter-build.dynamodb", self._before)
        client.meta.events.register("after-call.dynamodb", self._after)
        self.client = client

    def reset(self) -> None:
        self.write_units = 0
        self.read_units = 0.0
        self.calls = collections.Counter()
        self.items_read = 0
        self.per_key: Dict[str, int] = collections.Counter()
        self.events: List[Tuple[str, float]] = []  # (partition key, units) per write

    def close(self) -> None:
        self.client.meta.events.unregister("before-parameter-build.dynamodb", self._before)
        self.client.meta.events.unregister("after-call.dynamodb", self._after)

    # ---------------------------------------------------------------- writes

    def _targets(self, name: str, params: dict) -> List[Tuple[str, dict, bool]]:
        if name == "TransactWriteItems":
            targets = []
            for entry in params["TransactItems"]:
                (kind, body), = entry.items()
                shape = self.shapes[body["TableName"]]
                key = shape.key_of(body["Item"]) if kind == "Put" else body["Key"]
                targets.append((body["TableName"], key, True))
            return targets
        if name == "BatchWriteItem":  # each put or delete billed as its own write
            return [(table, self.shapes[table].key_of(request["PutRequest"]["Item"]) if "PutRequest" in request
                     else request["DeleteRequest"]["Key"], False)
                    for table, requests in params["RequestItems"].items() for request in requests]
        shape = self.shapes[params["TableName"]]
        key = shape.key_of(params["Item"]) if name == "PutItem" else params["Key"]
        return [(params["TableName"], key, False)]

    def _read(self, table: str, key: dict) -> Optional[dict]:
        return self.raw.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")

    def _before(self, model=None, params=None, **_):
        self.calls[model.name] += 1
        if model.name == "GetItem":
            self._get = (params["TableName"], params["Key"], bool(params.get("ConsistentRead")))
        if model.name in WRITES:
            self._pending = [(table, key, transactional, self._read(table, key))
                             for table, key, transactional in self._targets(model.name, params)]

    def _book(self, key: str, units: float) -> None:
        self.per_key[key] += units
        self.events.append((key, units))

    def _after(self, model=None, parsed=None, http_response=None, **_):
        name = model.name
        if name in WRITES:
            for table, key, transactional, before in self._pending:
                after = self._read(table, key)
                shape = self.shapes[table]
                units = write_units(max(item_size(before), item_size(after))) * (2 if transactional else 1)
                self.write_units += units
                self._book(f"{table}|{_key_text(key[shape.keys[0]])}", units)
                for index in shape.indexes:
                    self._index_write(shape, index, shape.entry(index, before), shape.entry(index, after))
            self._pending = []
        elif name == "GetItem":
            if parsed.get("Item"):
                table, key, consistent = self._get
                self.items_read += 1
                # A projection still costs the whole item.
                self.read_units += read_units(item_size(self._read(table, key)), consistent)
        elif name == "BatchGetItem":
            for table, items in parsed.get("Responses", {}).items():
                for item in items:
                    self.items_read += 1
                    full = self._read(table, self.shapes[table].key_of(item))
                    self.read_units += read_units(item_size(full or item), False)
        elif name == "Query":
            items = parsed.get("Items", [])
            self.items_read += parsed.get("ScannedCount", len(items))
            self.read_units += read_units(sum(item_size(item) + 100 for item in items), False)

    def _index_write(self, shape: TableShape, index: dict, before: Optional[dict], after: Optional[dict]) -> None:
        label = f"{shape.name}/{index['name']}"
        before_key = [before[k] for k in index["keys"]] if before else None
        after_key = [after[k] for k in index["keys"]] if after else None
        if before == after:
            return
        if before is not None and before_key != after_key:
            units = write_units(item_size(before) + 100)
            self.write_units += units
            self._book(f"{label}|{_key_text(before[index['keys'][0]])}", units)
        if after is not None:
            units = write_units(max(item_size(after), item_size(before) if before_key == after_key else 0) + 100)
            self.write_units += units
            self._book(f"{label}|{_key_text(after[index['keys'][0]])}", units)


def _key_text(value: dict) -> str:
    (_, data), = value.items()
    return str(data)
