"""The search entries (`data.search_index`), kept from the streams: an
order's products (with its customer, for the list's filter; not its status,
so a status change writes no entry), customers' and products' name words,
products' stock moves by hand. Every record moves the entries from
what its old image held to what its new one holds; a batch writes the net
result, so a batch handled again writes the same entries."""
from typing import Dict, List, Optional, Tuple

from ..data import search_index
from ..data.models import ActorAttribute, SearchEntry
from ..model.actor import Actor

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


def _actor(image: dict) -> Optional[Actor]:
    raw = image.get("stock_actor")
    return ActorAttribute().deserialize(raw) if raw else None


def _number(image: Optional[dict], name: str) -> int:
    return int((image or {}).get(name, {}).get("N", "0"))


def _stock_move(old: Optional[dict], new: Optional[dict]) -> Dict[Key, SearchEntry]:
    """A change of a product's stock_added (every unit put in or taken out by
    hand; orders move stock_quantity only) is one stock movement entry, keyed
    by the write's revision so the same record handled again writes the same."""
    change = _number(new, "stock_added") - _number(old, "stock_added")
    if not new or not change:
        return {}
    entry = search_index.stock_entry(_text(new, "product_id"), _text(new, "updated_at"), _number(new, "revision"), change,
                                     _text(new, "stock_reason"), _actor(new))
    return {(entry.term, entry.sort_key): entry}


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
        if kind == "products":
            outcome.update(_stock_move(stream.get("OldImage"), stream.get("NewImage")))
    search_index.write([entry for entry in outcome.values() if entry is not None],
                       [SearchEntry(*key) for key, entry in outcome.items() if entry is None])
    return len(outcome)
