"""The search entries (`models.SearchEntry`): written from the streams,
read by the search box. Words are a name's parts in lower case, split at
spaces and punctuation, so `O'Brien-Smith` is found by `obrien` and `smith`."""
import re
from typing import Iterable, List, Optional, Set

from ..model.actor import Actor
from .models import SearchEntry

MIN_WORD = 1
MAX_WORD_MATCHES = 200
_SEPARATORS = re.compile(r"[\s\-/,.;:&()+]+")
_DROPPED = re.compile(r"['’`\"]")


def words_of(name: str) -> Set[str]:
    return {word for word in _SEPARATORS.split(_DROPPED.sub("", name.lower())) if len(word) >= MIN_WORD}


def product_term(product_id: str) -> str:
    return f"product#{product_id}"


def word_entry(kind: str, word: str, item_id: str) -> SearchEntry:
    """`kind`: customer | product."""
    return SearchEntry(f"{kind}-word#{word[:1]}", f"{word}#{item_id}")


def order_entry(product_id: str, list_sk: str, order_id: str, customer_id: str) -> SearchEntry:
    """What never changes for the order: so only a change of its lines writes entries."""
    return SearchEntry(product_term(product_id), list_sk, order_id=order_id, customer_id=customer_id)


def stock_term(product_id: str) -> str:
    return f"stock#{product_id}"


def stock_entry(product_id: str, at: str, revision: int, change: int, reason: Optional[str],
                actor: Optional[Actor]) -> SearchEntry:
    return SearchEntry(stock_term(product_id), f"{at}#{revision:012d}", stock_change=change, reason=reason, actor=actor)


def stock_moves(product_id: str, limit: int) -> List[SearchEntry]:
    """A product's stock moves by hand, newest first."""
    return list(SearchEntry.query(stock_term(product_id), scan_index_forward=False, limit=limit, page_size=limit))


def orders_with_product(product_id: str, limit: int) -> List[SearchEntry]:
    """The newest orders holding a product (their entries: order id, status)."""
    return list(SearchEntry.query(product_term(product_id), scan_index_forward=False, limit=limit, page_size=limit))


def write(puts: Iterable[SearchEntry], deletes: Iterable[SearchEntry]) -> None:
    """Idempotent: the same records handled again write the same entries."""
    with SearchEntry.batch_write() as batch:
        for entry in deletes:
            batch.delete(entry)
        for entry in puts:
            batch.save(entry)


def ids_by_word(kind: str, text: str, limit: int) -> List[str]:
    """Ids of the customers or products with a name word beginning each word
    of `text` (`ann lee`: a word starting "ann" and one starting "lee"), in
    the order of the first word's matches, at most `limit`. Each word reads
    one partition of the index, up to MAX_WORD_MATCHES entries."""
    matched: Optional[List[str]] = None
    for word in sorted(words_of(text), key=len, reverse=True):
        ids = []
        for entry in SearchEntry.query(f"{kind}-word#{word[:1]}", SearchEntry.sort_key.startswith(word),
                                       limit=MAX_WORD_MATCHES, page_size=MAX_WORD_MATCHES):
            item_id = entry.sort_key.split("#", 1)[1]
            if item_id not in ids:
                ids.append(item_id)
        matched = ids if matched is None else [item_id for item_id in matched if item_id in ids]
    return (matched or [])[:limit]
