"""`chalice local` writes a plain access log line per request, query string
included. Query values can carry secrets (a key pasted into a URL) or personal
data (a searched e-mail), so `make run` keeps only the parameter names."""
import re
import threading
from typing import IO

_QUERY = re.compile(r"\?([^\s\"]*)")


def redact(line: str) -> str:
    def names_only(match: "re.Match[str]") -> str:
        names = [part.split("=", 1)[0] for part in match.group(1).split("&") if part]
        return "?" + "&".join(f"{name}=[redacted]" for name in names)

    return _QUERY.sub(names_only, line)


def copy_redacted(source: IO[bytes], log: IO[str]) -> threading.Thread:
    """Copies a child's output to its log, redacted, in a daemon thread."""
    def pump() -> None:
        for raw in iter(source.readline, b""):
            log.write(redact(raw.decode("utf-8", "replace")))
            log.flush()
        source.close()

    thread = threading.Thread(target=pump, daemon=True, name="access-log")
    thread.start()
    return thread
