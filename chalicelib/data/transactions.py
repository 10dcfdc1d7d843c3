"""DynamoDB transactions described once, then either committed here or
handed, as raw `TransactItems`, to the Step Functions workflow (which commits
them itself). Each operation carries a label so a cancelled transaction is
reported in domain terms (which order, which product) instead of positions.

A commit never guesses. The request is built once and sent with a
ClientRequestToken; when no definite answer comes back (a timeout, a lost
connection, throttling after botocore's own retries) the very same request
is sent again with the same token. DynamoDB applies a token once and answers
a repeat with the first success for 10 minutes, so the re-send either
applies the transaction or confirms that it already landed, and a
cancellation is a definite "not applied". Only when no answer comes within
the budget is the outcome unknown (`OutcomeUnknown`, a 503): the caller's
request can then be retried safely (the Idempotency-Key layer re-runs it with
the same identity)."""
import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, List, Optional, Sequence, Tuple

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.models import Model

from ..core.errors import ServiceUnavailable
from ..core.settings import get_settings
from . import aws_failures
from .dynamo import get_client


@dataclass
class Operation:
    kind: str  # put | update | delete
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
    """DynamoDB cancelled the transaction: nothing of it was applied."""

    def __init__(self, failures: List[Failure]):
        super().__init__(", ".join(f"{f.label[0]} {f.label[1]}: {f.code}" for f in failures))
        self.failures = failures

    def first(self, code: str, kind: Optional[str] = None) -> Optional[Failure]:
        for failure in self.failures:
            if failure.code == code and (kind is None or failure.label[0] == kind):
                return failure
        return None


class OutcomeUnknown(ServiceUnavailable):
    """No answer from DynamoDB within the budget: the write may or may not
    have landed. How a client retries safely depends on the route (the HTTP
    layer says it)."""

    def __init__(self, cause: BaseException):
        super().__init__("Service unavailable: the database did not confirm the change in time, so it may or may "
                         "not have been made", error=aws_failures.name(cause), outcome_unknown=True)


def _item(op: Operation) -> dict:
    return_values = "ALL_OLD" if op.return_old_on_failure else None
    if op.kind == "update":
        return {"Update": op.instance.get_update_kwargs_from_instance(
            actions=list(op.actions), condition=op.condition, return_values_on_condition_failure=return_values,
            add_version_condition=op.versioned)}
    if op.kind == "put":
        return {"Put": op.instance.get_save_kwargs_from_instance(
            condition=op.condition, return_values_on_condition_failure=return_values)}
    if op.kind == "delete":
        return {"Delete": op.instance.get_delete_kwargs_from_instance(
            condition=op.condition, add_version_condition=op.versioned)}
    raise ValueError(f"unknown operation {op.kind}")


def to_transact_items(operations: Sequence[Operation]) -> List[dict]:
    """The operations as low-level `TransactItems`, in the given order."""
    return [_item(op) for op in operations]


def new_token() -> str:
    return uuid.uuid4().hex  # ClientRequestToken: at most 36 characters


def commit(operations: Sequence[Operation], token: Optional[str] = None, transaction: bool = False) -> None:
    """Apply all operations or none; raises TransactionFailed (definitely not
    applied) or OutcomeUnknown (no answer in time).

    One operation is a plain conditional write (half the write units of a
    transaction) unless `transaction` is asked for. Sending it again after no
    answer is safe for the writes this app makes alone: a versioned update or
    delete, a put on condition the item is new. A repeat that lands after the
    first did fails its condition, and the caller reads back what happened
    (`Order.applied`). A write that is not safe to repeat (an
    ADD of stock) asks for a transaction, whose ClientRequestToken DynamoDB
    honours."""
    if len(operations) == 1 and not transaction:
        op = operations[0]
        (kind, request), = _item(op).items()
        _send_until_answered(SINGLE_WRITES[kind], request, operations)
    else:
        request = {"TransactItems": to_transact_items(operations), "ClientRequestToken": token or new_token()}
        _send_until_answered("transact_write_items", request, operations)
    for op in operations:
        if op.kind != "delete":
            op.instance.update_local_version_attribute()


SINGLE_WRITES = {"Put": "put_item", "Update": "update_item", "Delete": "delete_item"}


def _send_until_answered(method: str, request: dict, operations: Sequence[Operation]) -> None:
    deadline = time.monotonic() + get_settings().write_resolve_seconds
    pause = 0.05
    while True:
        try:
            getattr(get_client(), method)(**request)
            return
        except ClientError as error:
            code = aws_failures.error_code(error)
            if code == "TransactionCanceledException":
                raise _cancelled(error, operations) from error
            if code == "ConditionalCheckFailedException":
                item = error.response.get("Item")
                op = operations[0]
                raise TransactionFailed([Failure(op.label, "ConditionalCheckFailed",
                                                 type(op.instance).from_raw_data(item) if item else None)]) from error
            if not aws_failures.may_have_landed(error):
                raise
            last = error
        except BotoCoreError as error:
            last = error
        if time.monotonic() + pause >= deadline:
            raise OutcomeUnknown(last) from last
        time.sleep(pause * random.uniform(0.5, 1.0))
        pause = min(pause * 2, 1.0)


def _cancelled(error: ClientError, operations: Sequence[Operation]) -> TransactionFailed:
    failures = []
    for op, reason in zip(operations, error.response.get("CancellationReasons") or [], strict=False):
        code = reason.get("Code")
        if code in (None, "None"):
            continue
        item = reason.get("Item")
        failures.append(Failure(op.label, code, type(op.instance).from_raw_data(item) if item else None))
    return TransactionFailed(failures)
