from enum import StrEnum

class ExecutionStatus(StrEnum):
    ABORTED = "ABORTED"
    FAILED = "FAILED"
    PENDING_REDRIVE = "PENDING_REDRIVE"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    TIMED_OUT = "TIMED_OUT"

    def __str__(self) -> str:
        return str(self.value)
