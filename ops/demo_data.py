"""Demo data for the local stack: the sample inventory of the second seed
document exactly, a few books (ISBN as product id) for the bookshop of the
first, and customers CUST001..CUST005. Loading it twice changes nothing."""
from decimal import Decimal

from chalicelib.core.errors import Conflict
from chalicelib.domain import catalog
from chalicelib.model.commands import CreateCustomer, CreateProduct

PRODUCTS = [
    {"product_id": "PROD001", "product_name": "Laptop", "price": Decimal("999.99"), "stock_quantity": 50,
     "category": "electronics", "description": None},
    {"product_id": "PROD002", "product_name": "Mouse", "price": Decimal("29.99"), "stock_quantity": 100,
     "category": "electronics", "description": None},
    {"product_id": "PROD003", "product_name": "Keyboard", "price": Decimal("79.99"), "stock_quantity": 75,
     "category": "electronics", "description": None},
    {"product_id": "PROD004", "product_name": "Monitor", "price": Decimal("299.99"), "stock_quantity": 30,
     "category": "electronics", "description": None},
    {"product_id": "978-0134685991", "product_name": "Effective Java", "price": Decimal("45.99"), "stock_quantity": 25,
     "category": "books", "description": "Joshua Bloch, 3rd edition"},
    {"product_id": "978-1492056355", "product_name": "Fluent Python", "price": Decimal("59.99"), "stock_quantity": 20,
     "category": "books", "description": "Luciano Ramalho, 2nd edition"},
    {"product_id": "978-0262046305", "product_name": "Introduction to Algorithms", "price": Decimal("89.99"),
     "stock_quantity": 10, "category": "books", "description": "Cormen, Leiserson, Rivest, Stein, 4th edition"},
    {"product_id": "978-1234567890", "product_name": "Sample Book", "price": Decimal("29.99"), "stock_quantity": 40,
     "category": "books", "description": "The book from the bookshop's example order"},
]

CUSTOMERS = [
    {"customer_id": "CUST001", "customer_name": "John Doe", "email": "john@example.com", "phone": "+1-555-0101",
     "address": "1 Main St, Springfield"},
    {"customer_id": "CUST002", "customer_name": "Jane Smith", "email": "jane@example.com", "phone": "+1-555-0102",
     "address": "2 Oak Ave, Shelbyville"},
    {"customer_id": "CUST003", "customer_name": "Carlos Diaz", "email": "carlos@example.com", "phone": None,
     "address": "3 Pine Rd, Capital City"},
    {"customer_id": "CUST004", "customer_name": "Aiko Tanaka", "email": "aiko@example.com", "phone": "+81-3-5555-0104",
     "address": None},
    {"customer_id": "CUST005", "customer_name": "Fatima Zahra", "email": "fatima@example.com", "phone": None, "address": None},
]


def load() -> dict:
    created = {"products": 0, "customers": 0}
    for kind, rows, create, command in (("products", PRODUCTS, catalog.create_product, CreateProduct),
                                        ("customers", CUSTOMERS, catalog.create_customer, CreateCustomer)):
        for row in rows:
            try:
                create(command(**row))
                created[kind] += 1
            except Conflict:  # already there
                pass
    return created
