"""Backup lines back to table items, for `ops/restore.py`: a line's `item`
(every attribute the table held) as it was, or for lines older than `item`
the inverse of their document (`chalicelib/events/backup.py`), so a
restored item renders to exactly what the API showed."""
from decimal import Decimal
from typing import Dict, Optional

from chalicelib.data import catalog_store, order_store
from chalicelib.data.models import Customer, HistoryEvent, LineChange, Order, OrderLine, PostalAddress, Product
from chalicelib.model.actor import Actor


def order_from_document(document: dict) -> Order:
    """The inverse of `ORDER.render` (`chalicelib.contract.orders`): the
    stored item that renders to exactly this document again (index keys are
    derived from the id)."""
    order_id = document["order_id"]
    return Order(
        order_id,
        order_number=document.get("order_number"),
        customer_id=document["customer_id"],
        customer_name=document["customer_name"],
        customer_email=document.get("customer_email"),
        lines=[OrderLine(product_id=line["product_id"], product_name=line["product_name"], quantity=line["quantity"],
                         price=Decimal(line["price"]), line_total=Decimal(line["line_total"]))
               for line in document["items"]],
        line_count=document["line_count"],
        item_count=document["item_count"],
        total_amount=Decimal(document["total_amount"]),
        currency=document["currency"],
        status=document["status"],
        status_reason=document.get("status_reason"),
        tracking_number=document.get("tracking_number"),
        carrier=document.get("carrier"),
        shipping_address=_address(document.get("shipping_address")),
        created_at=document["created_at"],
        updated_at=document["updated_at"],
        stock_reserved=document["stock_reserved"],
        execution_arn=document.get("execution_arn"),
        workflow_attempt=document.get("workflow_attempt", 0),
        history=[HistoryEvent(
            at=event["at"], action=event["action"], from_status=event.get("from_status"), to_status=event.get("to_status"),
            actor=Actor.of(event["actor"]), reason=event.get("reason"), tracking_number=event.get("tracking_number"),
            carrier=event.get("carrier"),
            changes=[LineChange(**change) for change in event["changes"]] if event.get("changes") else None,
        ) for event in document["history"]],
        **order_store.index_keys(order_id, document["created_at"], document["status"]),
        version=document["version"],
    )


def _address(document: Optional[dict]) -> Optional[PostalAddress]:
    return None if document is None else PostalAddress(**document)


def product_from_document(document: dict, held: int = 0) -> Product:
    """`held`: what live orders hold of it, so stock = stock_added - held."""
    return Product(
        document["product_id"], product_name=document["product_name"], price=Decimal(document["price"]),
        stock_quantity=document["stock_added"] - held, stock_added=document["stock_added"], category=document["category"],
        description=document.get("description"), created_at=document.get("created_at") or document["updated_at"],
        updated_at=document["updated_at"], revision=document.get("revision", 1),
    )


def customer_from_document(document: dict) -> Customer:
    return Customer(document["customer_id"], customer_name=document["customer_name"], email=document["email"],
                    phone=document.get("phone"), address=document.get("address"),
                    default_address=_address(document.get("default_address")), created_at=document["created_at"],
                    **catalog_store.name_keys(document["customer_id"], document["customer_name"]))


def from_item(kind: str, item: dict, held: Dict[str, int]):
    """The backed-up item itself; a product's stock rebuilt from the ledger
    (stock_added - what live orders hold), as its stock moves are not backed up."""
    from chalicelib.events.backup import KINDS

    restored = KINDS[kind][2].from_raw_data(item)
    if kind == "products":
        restored.stock_quantity = int(restored.stock_added or 0) - held.get(restored.product_id, 0)
    return restored


ITEM_FROM_DOCUMENT = {"orders": order_from_document, "products": product_from_document, "customers": customer_from_document}
