"""The search entries (`data.search_index`), kept from the streams: an
order's products (with its customer, for the list's filter; not its status,
so a status change writes no entry), customers' and products' name words. Every record moves the entries from
what its old image held to what its new one holds; a batch writes the net
result, so a batch handled again writes the same entries."""
from typing import Dict, List, Optional, Tuple

from ..data import search_index
from ..data.models import SearchEntry

Key = Tuple[str, str]


def _text(image: Optional[dict], name: str) -> Optional[str]:
    return (image or {}).get(name, {}).get("S")


def _order_entries(image: Optional[dict]) -> Dict[Key, SearchEntry]:
    if not image or "items" not in image:
        return {}
    order_id, list_sk = _text(image, "order_id"), _text(image, "list_sk")
    customer_id = _text(image, "customer_id")
    entries = (search_index.order_entry(line["M"]["product_id"]["S"], list_sk, order_id, customer_id)
               for line in image["items"]["L"])
    return {(entry.term, entry.sort_key): entry for entry in entries}


def _word_entries(kind: str, id_name: str, name_field: str, image: Optional[dict]) -> Dict[Key, SearchEntry]:
    item_id, name = _text(image, id_name), _text(image, name_field)
    if not item_id or not name or item_id.startswith("email#"):  # an e-mail alias item has no name
        return {}
    entries = (search_index.word_entry(kind, word, item_id) for word in search_index.words_of(name))
    return {(entry.term, entry.sort_key): entry for entry in entries}


ENTRIES = {
    "orders": _order_entries,
    "customers": lambda image: _word_entries("customer", "customer_id", "customer_name", image),
    "products": lambda image: _word_entries("product", "product_id", "product_name", image),
}


def handle_records(kind: str, records: List[dict]) -> int:
    """Returns how many entries were written or removed."""
    entries_of = ENTRIES[kind]
    outcome: Dict[Key, Optional[SearchEntry]] = {}  # None: remove
    for record in records:
        stream = record["dynamodb"]
        old, new = entries_of(stream.get("OldImage")), entries_of(stream.get("NewImage"))
        for key, entry in new.items():
            if key not in old or old[key].attribute_values != entry.attribute_values:
                outcome[key] = entry
        for key in old.keys() - new.keys():
            outcome[key] = None
    search_index.write([entry for entry in outcome.values() if entry is not None],
                       [SearchEntry(*key) for key, entry in outcome.items() if entry is None])
    return len(outcome)
