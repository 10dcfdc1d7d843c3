"""DynamoDB transactions described once, then either committed through
PynamoDB's `TransactWrite` or handed, as raw `TransactItems`, to the Step
Functions workflow (which commits them itself). Each operation carries a label
so a cancelled transaction is reported in domain terms (which order, which
product) instead of as a list of positions."""
from dataclasses import dataclass, field
from typing import Any, List, Optional, Sequence, Tuple

from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from .dynamo import get_connection

# PynamoDB sends a transaction's items grouped in this order.
_KIND_ORDER = {"delete": 1, "put": 2, "update": 3}


@dataclass
class Operation:
    kind: str  # delete | put | update
    instance: Model
    label: Tuple[str, str]  # ("order", id), ("stock", product id), ("customer", id), ...
    actions: List[Any] = field(default_factory=list)
    condition: Any = None
    versioned: bool = True  # add PynamoDB's VersionAttribute condition/increment
    return_old_on_failure: bool = False


@dataclass
class Failure:
    label: Tuple[str, str]
    code: str  # ConditionalCheckFailed | TransactionConflict | ...
    old_item: Optional[Model]


class TransactionFailed(Exception):
    def __init__(self, failures: List[Failure]):
        super().__init__(", ".join(f"{f.label[0]} {f.label[1]}: {f.code}" for f in failures))
        self.failures = failures

    def first(self, code: str, kind: Optional[str] = None) -> Optional[Failure]:
        for failure in self.failures:
            if failure.code == code and (kind is None or failure.label[0] == kind):
                return failure
        return None


def _ordered(operations: Sequence[Operation]) -> List[Operation]:
    return sorted(operations, key=lambda op: _KIND_ORDER[op.kind])


def commit(operations: Sequence[Operation], token: Optional[str] = None) -> None:
    ordered = _ordered(operations)
    try:
        with TransactWrite(connection=get_connection(), client_request_token=token) as transaction:
            for op in ordered:
                return_values = "ALL_OLD" if op.return_old_on_failure else None
                if op.kind == "update":
                    transaction.update(op.instance, list(op.actions), condition=op.condition,
                                       return_values=return_values, add_version_condition=op.versioned)
                elif op.kind == "put":
                    transaction.save(op.instance, condition=op.condition, return_values=return_values)
                else:
                    transaction.delete(op.instance, condition=op.condition, add_version_condition=op.versioned)
    except TransactWriteError as error:
        if error.cause_response_code != "TransactionCanceledException":
            raise
        failures = []
        for op, reason in zip(ordered, error.cancellation_reasons):
            if reason is None or reason.code in (None, "None"):
                continue
            old = type(op.instance).from_raw_data(reason.raw_item) if reason.raw_item else None
            failures.append(Failure(op.label, reason.code, old))
        raise TransactionFailed(failures) from error


def to_transact_items(operations: Sequence[Operation]) -> List[dict]:
    """The same operations as low-level `TransactItems`, in the given order."""
    items = []
    for op in operations:
        if op.kind != "update":
            raise ValueError("only updates are handed to the workflow")
        kwargs = op.instance.get_update_kwargs_from_instance(
            actions=list(op.actions), condition=op.condition, add_version_condition=op.versioned)
        items.append({"Update": kwargs})
    return items
