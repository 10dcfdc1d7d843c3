"""Timestamps: UTC ISO-8601 with microseconds, fixed width so they sort as text."""
from datetime import datetime, timezone


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalized(value):
    """Any ISO-8601 UTC time (Step Functions writes its own format) in ours."""
    if not value or (len(value) == 27 and value.endswith("Z")):
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def today():
    """Today's date in UTC."""
    return datetime.now(timezone.utc).date()
