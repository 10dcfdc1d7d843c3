"""Structured JSON logs, one object per line. Callers pass ids in `extra`;
nothing personal (names, e-mails, keys) is ever logged."""
import contextlib
import contextvars
import json
import logging
import sys
from datetime import datetime, timezone

# The request being handled, stamped on every line logged while it runs.
request_id = contextvars.ContextVar("request_id", default=None)
# More of what is being handled (the Lambda request id, the order), likewise.
_context = contextvars.ContextVar("log_context", default=None)


def bind(**fields) -> contextvars.Token:
    """Adds `fields` (None values left out) to every later line of this
    request or invocation; `unbind` with the token puts the previous back."""
    return _context.set({**(_context.get() or {}), **{name: value for name, value in fields.items() if value is not None}})


def unbind(token: contextvars.Token) -> None:
    _context.reset(token)


@contextlib.contextmanager
def fields(**values):
    """`bind` for a block: whatever is bound inside it is dropped at its end."""
    token = bind(**values)
    try:
        yield
    finally:
        unbind(token)


@contextlib.contextmanager
def invocation(**values):
    """`fields` for a request or an invocation: only `values`, nothing
    inherited from whatever ran before it in this thread."""
    token = _context.set({})
    try:
        with fields(**values):
            yield
    finally:
        unbind(token)


def lambda_request_id(context) -> str:
    """The Lambda invocation's request id (None outside Lambda)."""
    return getattr(context, "aws_request_id", None)

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current is not None:
            entry["request_id"] = current
        entry.update(_context.get() or {})
        entry.update({key: value for key, value in vars(record).items() if key not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure(level: str = "INFO") -> None:
    logger = logging.getLogger("oms")
    if any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
