"""The contract's registry: every schema by the name app.py gives it (a
component's name, or for path parameters the names below). The schemas
themselves are declared by resource, how it looks apart from how it is
changed: `orders` and `order_changes`, `catalog` and `catalog_changes`
(products, customers), `workflow`, `webhooks`, `queries` (every query
string) and `common` (the error body, headers, health); `values` holds what
they share and `spec` the schema language.

A named schema in any of those modules is found here by its name: declaring
it is enough."""
from types import ModuleType
from typing import Dict

from . import catalog, catalog_changes, common, order_changes, orders, queries, webhooks, workflow
from .spec import Schema
from .values import identifier


def named(name: str) -> Schema:
    return _BY_NAME[name]


def _by_name(*modules: ModuleType) -> Dict[str, Schema]:
    found: Dict[str, Schema] = {}
    for module in modules:
        for schema in vars(module).values():
            name = getattr(schema, "name", None) if isinstance(schema, Schema) else None
            if name is None:
                continue
            if found.setdefault(name, schema) is not schema:
                raise ValueError(f"Two schemas are named {name}")
    return found


_BY_NAME = _by_name(orders, order_changes, catalog, catalog_changes, workflow, webhooks, queries, common)
_BY_NAME.update({"OrderId": common.ORDER_ID, "ExecutionIdentifier": common.EXECUTION_IDENTIFIER, "Identifier": identifier(),
                 "OpenApiDocument": common.OPENAPI, "WebhookId": webhooks.WEBHOOK_ID, "DeliveryId": webhooks.DELIVERY_ID})
