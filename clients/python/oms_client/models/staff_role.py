from enum import StrEnum

class StaffRole(StrEnum):
    FULFILMENT = "fulfilment"
    MANAGER = "manager"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
