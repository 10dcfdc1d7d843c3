"""JSON responses: money and other Decimals as strings, compact."""
import json
from decimal import Decimal
from typing import Any, Dict, Optional

from chalice import Response


def _json_default(value: Any):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def json_response(body: Any, status_code: int = 200, headers: Optional[Dict[str, str]] = None) -> Response:
    return Response(
        body=json.dumps(body, default=_json_default, separators=(",", ":")),
        status_code=status_code,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
