"""Product (inventory) and customer handlers."""
from chalice import Response

from ..contract.catalog import CUSTOMER, PRODUCT, STOCK_MOVEMENT
from ..domain import catalog
from .api import Call, identifier_in_path
from .responses import json_response


def list_products(call: Call) -> Response:
    query = call.query
    if query.get("q"):
        products = catalog.find_products(query["q"], limit=query.get("limit", 50))
        return json_response({"products": [PRODUCT.render(p) for p in products], "next_token": None})
    products, token = catalog.list_products(category=query.get("category"), in_stock=query.get("in_stock"),
                                            limit=query.get("limit", 50), next_token=query.get("next_token"))
    return json_response({"products": [PRODUCT.render(p) for p in products], "next_token": token})


def create_product(call: Call) -> Response:
    product = catalog.create_product(call.body, call.actor)
    return json_response({"message": "Product created successfully", "product": PRODUCT.render(product)}, 201)


def get_product(call: Call) -> Response:
    return json_response(PRODUCT.render(catalog.get_product(_product_id(call))))


def update_product(call: Call) -> Response:
    product = catalog.update_product(_product_id(call), call.body, call.operation_id, call.actor)
    return json_response({"message": "Product updated successfully", "product": PRODUCT.render(product)})


def stock_movements(call: Call) -> Response:
    product, movements = catalog.stock_movements(_product_id(call), limit=call.query.get("limit", 20))
    return json_response({"product_id": product.product_id, "stock_quantity": int(product.stock_quantity),
                          "movements": [STOCK_MOVEMENT.render(move) for move in movements]})


def _product_id(call: Call) -> str:
    return identifier_in_path(call, "product_id", "Product")


def list_customers(call: Call) -> Response:
    if call.query.get("q"):
        customers, token = catalog.find_customers(call.query["q"], limit=call.query.get("limit", 50)), None
    else:
        customers, token = catalog.list_customers(limit=call.query.get("limit", 50), next_token=call.query.get("next_token"))
    return json_response({"customers": [CUSTOMER.render(c) for c in customers], "next_token": token})


def create_customer(call: Call) -> Response:
    customer = catalog.create_customer(call.body)
    return json_response({"message": "Customer created successfully", "customer": CUSTOMER.render(customer)},
                         201)


def get_customer(call: Call) -> Response:
    customer_id = identifier_in_path(call, "customer_id", "Customer")
    return json_response(CUSTOMER.render(catalog.get_customer(customer_id)))


def update_customer(call: Call) -> Response:
    customer_id = identifier_in_path(call, "customer_id", "Customer")
    customer = catalog.update_customer(customer_id, call.body)
    return json_response({"message": "Customer updated successfully", "customer": CUSTOMER.render(customer)})
