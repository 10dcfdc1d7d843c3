from enum import StrEnum

class BulkActionName(StrEnum):
    CANCEL = "cancel"
    SHIP = "ship"

    def __str__(self) -> str:
        return str(self.value)
