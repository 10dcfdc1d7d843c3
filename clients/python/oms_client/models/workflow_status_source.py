from enum import StrEnum

class WorkflowStatusSource(StrEnum):
    ORDER = "order"
    STEP_FUNCTIONS = "step_functions"

    def __str__(self) -> str:
        return str(self.value)
