from enum import StrEnum

class StockMovementKind(StrEnum):
    ORDER = "order"
    STOCK = "stock"

    def __str__(self) -> str:
        return str(self.value)
