from enum import StrEnum

class WebhookEventType(StrEnum):
    ORDER_CREATED = "order.created"
    ORDER_STATUS_CHANGED = "order.status_changed"
    ORDER_UPDATED = "order.updated"

    def __str__(self) -> str:
        return str(self.value)
