from enum import StrEnum

class ActorType(StrEnum):
    API_KEY = "api_key"
    STAFF = "staff"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
