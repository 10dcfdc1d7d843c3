"""The identifier patterns of the contract, in a module light enough for the
cold path (path segments are checked before anything else is loaded); the
schemas publish the same patterns."""
import re

IDENTIFIER = r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}"
IDENTIFIER_RULE = "1-64 letters, digits or . _ : - (starting with a letter or digit)"
ORDER_ID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
EXECUTION_IDENTIFIER = r"[A-Za-z0-9:._\-]{1,256}"
IDEMPOTENCY_KEY = r"[!-~]{1,128}"
IF_MATCH = r'\*|(?:W/)?"?[0-9]{1,12}"?'
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?"
EMAIL = rf"[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~\-]{{1,64}}@{_LABEL}(?:\.{_LABEL})+"

_ORDER_ID = re.compile(ORDER_ID)
_IDENTIFIER = re.compile(IDENTIFIER)


def is_order_id(value: str) -> bool:
    return bool(_ORDER_ID.fullmatch(value))


def is_identifier(value: str) -> bool:
    return bool(_IDENTIFIER.fullmatch(value))
