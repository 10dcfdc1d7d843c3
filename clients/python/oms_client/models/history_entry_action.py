from enum import StrEnum

class HistoryEntryAction(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    STATUS = "status"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
