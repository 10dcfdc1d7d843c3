"""Business metrics as CloudWatch Embedded Metric Format: one JSON log line
that CloudWatch Logs turns into metrics, written by the existing logger (no
client, no API call, nothing imported on the cold path). Namespace `OMS`,
dimension `Stage`; the app stack's dashboard and alarms read exactly these:

* `OrdersCreated`, `OrdersShipped`, `OrdersFailed` (any cause): orders
  entering that state, from the orders stream;
* `WorkflowFailures`: a workflow run that could not be started, or that
  failed an order for another reason than stock running out;
* `WebhookDeliveriesFailed`: delivery attempts that did not get a 2xx.
"""
import logging
import time
from typing import Dict

from .settings import get_settings

NAMESPACE = "OMS"
NAMES = ("OrdersCreated", "OrdersFailed", "OrdersShipped", "WorkflowFailures", "WebhookDeliveriesFailed")

logger = logging.getLogger("oms.metrics")
logger.setLevel(logging.INFO)  # a metric is kept whatever the stage's log level


def emit(counts: Dict[str, int]) -> None:
    """One EMF line with every non-zero count."""
    values = {name: count for name, count in counts.items() if count}
    if not values:
        return
    unknown = set(values) - set(NAMES)
    if unknown:
        raise ValueError(f"unknown metrics: {sorted(unknown)}")
    logger.info("metrics", extra={
        "_aws": {"Timestamp": int(time.time() * 1000), "CloudWatchMetrics": [{
            "Namespace": NAMESPACE, "Dimensions": [["Stage"]],
            "Metrics": [{"Name": name, "Unit": "Count"} for name in values]}]},
        "Stage": get_settings().stage, **values})
