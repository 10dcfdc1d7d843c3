"""Stock stays exact under any sequence and interleaving:
    stock now + quantities held by processing/shipped/delivered orders = stock ever added
checked after every step of random sequences (hypothesis), and with orders
racing for the last units."""
import collections
import concurrent.futures

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.data.models import Order, Product
from tests.support import wait_for_execution

PRODUCTS = ("PROD001", "PROD002", "PROD004")
HOLDING = ("processing", "shipped", "delivered")


def assert_invariant(added):
    held = collections.Counter()
    for order in Order.scan():
        if order.status in HOLDING:
            assert order.stock_reserved
            for line in order.lines:
                held[line.product_id] += int(line.quantity)
        else:
            assert not order.stock_reserved
    for product_id, ever_added in added.items():
        current = int(Product.get(product_id).stock_quantity)
        assert current >= 0
        assert current + held[product_id] == ever_added, (product_id, current, held[product_id], ever_added)


def finish(api, response):
    arn = (response.data or {}).get("execution_arn") or (response.data or {}).get("order", {}).get("execution_arn")
    if response.status_code in (201, 202) and arn:
        wait_for_execution(arn)


lines = st.lists(st.tuples(st.sampled_from(PRODUCTS), st.integers(min_value=1, max_value=25)), min_size=1, max_size=3)
steps = st.lists(st.one_of(
    st.tuples(st.just("create"), lines),
    st.tuples(st.just("edit"), st.integers(0, 50), st.sampled_from(PRODUCTS), st.integers(0, 30)),
    st.tuples(st.just("status"), st.integers(0, 50), st.sampled_from(["processing", "shipped", "delivered", "cancelled",
                                                                      "failed"])),
    st.tuples(st.just("cancel"), st.integers(0, 50)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("rerun"), st.integers(0, 50)),
    st.tuples(st.just("restock"), st.sampled_from(PRODUCTS), st.integers(1, 20)),
), min_size=1, max_size=14)


@settings(max_examples=settings.default.max_examples // 4,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sequence=steps)
def test_random_sequences_keep_stock_exact(api, sequence):
    added = {pid: int(Product.get(pid).stock_quantity) + sum(
        int(line.quantity) for order in Order.scan() if order.status in HOLDING for line in order.lines if line.product_id == pid)
        for pid in PRODUCTS}
    orders = [order.order_id for order in Order.scan()]
    for step in sequence:
        kind = step[0]
        if kind == "create":
            response = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": p, "quantity": q} for p,
                                                                                q in step[1]]})
            assert response.status_code == 201
            orders.append(response.data["order_id"])
            finish(api, response)
        elif kind == "restock":
            assert api.put(f"/products/{step[1]}", {"add_stock": step[2]}).status_code == 200
            added[step[1]] += step[2]
        elif orders:
            order_id = orders[step[1] % len(orders)]
            path = f"/orders/{order_id}"
            if kind == "edit":
                response = api.put(path, {"items": [{"product_id": step[2], "quantity": step[3]}]})
            elif kind == "status":
                response = api.put(path, {"status": step[2]})
            elif kind == "cancel":
                response = api.delete(path)
            elif kind == "delete":
                response = api.delete(f"{path}?hard=true")
            else:
                response = api.post(f"{path}/workflow")
            assert response.status_code < 500, response.data
            finish(api, response)
        assert_invariant(added)


def test_twenty_orders_racing_for_ten_units(api, drain):
    assert api.post("/products", {"product_id": "RACE", "product_name": "Last ten", "price": "5.00",
                                  "stock_quantity": 10}).status_code == 201

    def order(_):
        return api.post("/orders", {"customer_id": "CUST002", "items": [{"product_id": "RACE", "quantity": 1}]}).data

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        created = list(pool.map(order, range(20)))
    outcomes = collections.Counter(wait_for_execution(o["execution_arn"])["status"] for o in created)
    statuses = collections.Counter(api.get(f"/orders/{o['order_id']}").data["status"] for o in created)
    assert outcomes == {"SUCCEEDED": 10, "FAILED": 10}
    assert statuses == {"processing": 10, "failed": 10}
    assert int(Product.get("RACE").stock_quantity) == 0
    drain()
    assert api.get("/orders?status=failed").data["pagination"]["total"] == 10
