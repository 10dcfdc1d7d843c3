from enum import StrEnum

class OrderStatus(StrEnum):
    CANCELLED = "cancelled"
    DELIVERED = "delivered"
    FAILED = "failed"
    PENDING = "pending"
    PROCESSING = "processing"
    SHIPPED = "shipped"

    def __str__(self) -> str:
        return str(self.value)
