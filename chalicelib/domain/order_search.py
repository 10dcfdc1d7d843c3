"""What the list's search box means. One text, read as:

* an order number (`1001` or `#1001`): that order;
* an e-mail (any case): its customer's orders;
* anything else, every match at once, merged newest first: the orders of
  customers with a name word that each word of the text begins (`ann`,
  `lee`, `ann lee`), of products whose id or a name word the text begins
  (`PROD00`, `lamp`, an ISBN), with the text as their tracking number, and
  whose id begins it (4 or more hex digits and dashes).

Each is answered by indexes, never a scan: the order-number, id-prefix and
tracking indexes of orders, the e-mail alias items, and the search entries
the streams keep for name words and for the products of each order."""
import re
from dataclasses import replace
from typing import Optional

from ..core.errors import Unprocessable
from ..data import catalog_store, search_index
from ..data.listing import Selection, TextSearch
from ..model.commands import ListOrders
from . import catalog

ORDER_NUMBER = re.compile(r"#?\s*([0-9]{1,12})")
ID_PREFIX = re.compile(r"(?=[0-9a-f-]*[0-9])(?=[0-9a-f-]*[a-f-])[0-9a-f][0-9a-f-]{3,35}")
# Tracking numbers have digits in them; a text without one is not looked up as one.
TRACKING = re.compile(r"(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9 \-]{3,99}")
# A text matches at most this many customers and products each (the first
# in word order); a longer text narrows it.
MAX_MATCHED = 25


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
    if "@" in text:
        owner: Optional[str] = catalog_store.email_owner(text)
        return replace(selection, search=TextSearch(customer_ids=(owner,) if owner else ()))
    return replace(selection, search=TextSearch(
        customer_ids=tuple(catalog.customer_ids_matching(text, MAX_MATCHED)),
        tracking_number=text if TRACKING.fullmatch(text) else None,
        product_ids=tuple(dict.fromkeys(catalog_store.product_ids_by_prefix(text, MAX_MATCHED)
                                        + search_index.ids_by_word("product", text, MAX_MATCHED)))[:MAX_MATCHED],
        id_prefix=text.lower() if ID_PREFIX.fullmatch(text.lower()) else None))
