"""Product (inventory) and customer routes."""
from chalicelib import catalog, validation
from chalicelib.errors import NotFound
from chalicelib.representation import customer_document, product_document
from chalicelib.web import Api, Call, json_response

api = Api(__name__)


@api.api_route("/products", methods=["GET"], scope="read")
def list_products(call: Call):
    query = call.query
    validation.reject_unknown_query(query, {"category", "in_stock", "limit", "next_token"})
    products, token = catalog.list_products(
        category=validation.identifier(query["category"], "category") if query.get("category") else None,
        in_stock=validation.query_bool(query, "in_stock"),
        limit=validation.query_int(query, "limit", 50, 1, 100),
        next_token=query.get("next_token") or None,
    )
    return json_response({"products": [product_document(p) for p in products], "next_token": token})


@api.api_route("/products", methods=["POST"], scope="admin")
def create_product(call: Call):
    product = catalog.create_product(validation.create_product_request(call.json()))
    return json_response({"message": "Product created successfully", "product": product_document(product)}, 201)


@api.api_route("/products/{product_id}", methods=["GET"], scope="read")
def get_product(call: Call, product_id: str):
    return json_response(product_document(catalog.get_product(_product_id(product_id))))


@api.api_route("/products/{product_id}", methods=["PUT"], scope="admin")
def update_product(call: Call, product_id: str):
    changes = validation.update_product_request(call.json())
    product = catalog.update_product(_product_id(product_id), changes)
    return json_response({"message": "Product updated successfully", "product": product_document(product)})


def _product_id(product_id: str) -> str:
    if not validation.IDENTIFIER.match(product_id):
        raise NotFound(f"Product {product_id[:64]} not found")
    return product_id


@api.api_route("/customers", methods=["GET"], scope="read")
def list_customers(call: Call):
    query = call.query
    validation.reject_unknown_query(query, {"limit", "next_token"})
    customers, token = catalog.list_customers(limit=validation.query_int(query, "limit", 50, 1, 100),
                                              next_token=query.get("next_token") or None)
    return json_response({"customers": [customer_document(c) for c in customers], "next_token": token})


@api.api_route("/customers", methods=["POST"], scope="write")
def create_customer(call: Call):
    customer = catalog.create_customer(validation.create_customer_request(call.json()))
    return json_response({"message": "Customer created successfully", "customer": customer_document(customer)}, 201)


@api.api_route("/customers/{customer_id}", methods=["GET"], scope="read")
def get_customer(call: Call, customer_id: str):
    if not validation.IDENTIFIER.match(customer_id):
        raise NotFound(f"Customer {customer_id[:64]} not found")
    return json_response(customer_document(catalog.get_customer(customer_id)))
