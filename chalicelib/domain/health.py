"""Whether every table answers (GET /health)."""
from ..data import dynamo


def check() -> None:
    dynamo.ping()
