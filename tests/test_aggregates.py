"""The counters folded from the orders stream: exact, and applied once per
record however a failed batch is delivered again."""
from decimal import Decimal

import pytest

from chalicelib.data import counters
from chalicelib.events import aggregates


def image(customer: str, status: str, amount: str, day: str = "2026-11-20") -> dict:
    return {"customer_id": {"S": customer}, "created_at": {"S": f"{day}T10:00:00.000000Z"},
            "status": {"S": status}, "total_amount": {"N": amount}}


def record(number: int, old=None, new=None) -> dict:
    change = {k: v for k, v in (("OldImage", old), ("NewImage", new)) if v}
    return {"eventID": f"event-{number:04d}", "dynamodb": change}


def life(start: int, customer: str, amount: str, day: str = "2026-11-20") -> list:
    """Created, moved to processing, shipped: three records of one order."""
    return [record(start, new=image(customer, "pending", amount, day)),
            record(start + 1, image(customer, "pending", amount, day), image(customer, "processing", amount, day)),
            record(start + 2, image(customer, "processing", amount, day), image(customer, "shipped", amount, day))]


def values(key: str) -> dict:
    counter = counters.read(key)
    """The item's non-zero values."""
    return {name: value for name, value in counter.attribute_values.items() if name != "counter_id" and value} if counter else {}


def test_a_life_counts_once_where_it_ends(resources):
    records = life(0, "C1", "19.99") + life(10, "C2", "0.01", day="2026-11-21")
    assert aggregates.handle_records(records) == 6
    assert values("orders") == {"total": 2, "shipped": 2, "amount_shipped": Decimal("20.00")}
    assert values("customer#C2")["amount_shipped"] == Decimal("0.01")
    assert values("day#2026-11-20")["total"] == 1 and values("day#2026-11-21")["shipped"] == 1
    assert counters.read_total("shipped") == 2 and counters.read_total(customer_id="C1") == 1


@pytest.mark.parametrize("redelivered", ["the same batch", "the batch with more records"])
def test_a_redelivered_batch_is_applied_once(resources, redelivered):
    first = life(0, "C1", "5.00")
    aggregates.handle_records(first)
    again = first + life(10, "C1", "7.00") if redelivered == "the batch with more records" else first
    newly = aggregates.handle_records(again)
    assert newly == len(again) - len(first)
    assert values("customer#C1")["total"] == len(again) // 3
    assert values("orders")["amount_shipped"] == sum(Decimal(image_["dynamodb"]["NewImage"]["total_amount"]["N"])
                                                     for image_ in again[2::3])


def test_a_batch_wider_than_a_transaction_is_chunked_and_resumes(resources, monkeypatch):
    # 40 customers on 40 days: 81 counter items, more than one transaction holds.
    records = [record(n, new=image(f"C{n}", "pending", "1.00", day=f"2026-10-{1 + n % 28:02d}")) for n in range(40)]
    records += [record(100 + n, new=image(f"D{n}", "pending", "1.00", day=f"2026-09-{1 + n % 28:02d}")) for n in range(40)]
    real_commit, calls = counters.commit, []

    def fail_second_chunk(operations, **kwargs):
        calls.append(len(operations))
        if len(calls) == 2:
            raise RuntimeError("the batch fails half way")
        return real_commit(operations, **kwargs)

    monkeypatch.setattr(counters, "commit", fail_second_chunk)
    with pytest.raises(RuntimeError):
        aggregates.handle_records(records)
    assert all(size <= 100 for size in calls)
    monkeypatch.setattr(counters, "commit", real_commit)
    applied_before = values("orders")["total"]
    assert 0 < applied_before < 80
    assert aggregates.handle_records(records) == 80 - applied_before
    assert values("orders")["total"] == 80 and values("orders")["amount_pending"] == Decimal("80.00")
