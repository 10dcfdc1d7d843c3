"""Products and customers as the API shows them. `PRODUCT.render(product)`
and `CUSTOMER.render(customer)` take any object with the attribute names of
`data.models.Product` and `Customer`; the S3 backup stores what they render
(with a product's stock ledger beside it)."""
from .spec import List_
from .values import BOOLEAN, MAX_LIMIT, MONEY_OUT, NULLABLE_STRING, STRING, TIMESTAMP, derived, integer, response

PRODUCT = response("Product", product_id=STRING, product_name=STRING, price=MONEY_OUT,
                   stock_quantity=integer(minimum=0),
                   in_stock=derived(BOOLEAN, lambda product: int(product.stock_quantity) > 0),
                   category=STRING, description=NULLABLE_STRING, updated_at=TIMESTAMP)
PRODUCT_LIST = response("ProductList", products=List_(PRODUCT, MAX_LIMIT, min_items=0), next_token=NULLABLE_STRING)

CUSTOMER = response("Customer", customer_id=STRING, customer_name=STRING, email=STRING, phone=NULLABLE_STRING,
                    address=NULLABLE_STRING, created_at=TIMESTAMP)
CUSTOMER_LIST = response("CustomerList", customers=List_(CUSTOMER, MAX_LIMIT, min_items=0), next_token=NULLABLE_STRING)
