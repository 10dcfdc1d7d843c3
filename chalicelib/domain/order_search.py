"""What the list's search box means: one text, read as an order number
(`1001` or `#1001`), an order id prefix (4 or more hex digits and dashes,
with a digit and a letter or dash: digits alone are a number), a customer's e-mail (any case) or the start of
a customer's name (any case). Each is answered by an index, never a scan:
the number and id-prefix indexes of orders, the e-mail alias items and the
name index of customers, whose matching customers' orders are then listed
like a customer filter."""
import re
from dataclasses import replace
from typing import Optional, Tuple

from ..core.errors import Unprocessable
from ..data import catalog_store
from ..data.listing import Selection
from ..model.commands import ListOrders

ORDER_NUMBER = re.compile(r"#?\s*([0-9]{1,12})")
ID_PREFIX = re.compile(r"(?=[0-9a-f-]*[0-9])(?=[0-9a-f-]*[a-f-])[0-9a-f][0-9a-f-]{3,35}")
# A name prefix matches at most this many customers (the first by name); a
# longer prefix narrows it.
MAX_MATCHED_CUSTOMERS = 25


def selection_for(query: ListOrders) -> Selection:
    if query.created_from and query.created_to and query.created_from > query.created_to:
        # Well-formed, but an empty range is a mistake worth saying (the document cannot compare two fields).
        raise Unprocessable("created_to must be on or after created_from", code="invalid_value", param="created_to")
    requested = (query.status, query.customer_id, query.q, query.created_from, query.created_to)
    selection = Selection(status=query.status, customer_ids=(query.customer_id,) if query.customer_id else None,
                          created_from=query.created_from, created_to=query.created_to, requested=requested)
    text = (query.q or "").strip()
    if not text:
        return selection
    number = ORDER_NUMBER.fullmatch(text)
    if number:
        return replace(selection, order_number=str(int(number.group(1))))
    if ID_PREFIX.fullmatch(text.lower()):
        return replace(selection, id_prefix=text.lower())
    matched = _customers_matching(text)
    if selection.customer_ids is not None:
        matched = tuple(customer_id for customer_id in matched if customer_id in selection.customer_ids)
    return replace(selection, customer_ids=matched)


def _customers_matching(text: str) -> Tuple[str, ...]:
    if "@" in text:
        owner: Optional[str] = catalog_store.email_owner(text)
        return (owner,) if owner else ()
    return tuple(catalog_store.customer_ids_by_name_prefix(text, MAX_MATCHED_CUSTOMERS))
