"""Who made a change: a person signed in as staff, an API key, or the
system itself (the workflow, a restore). History entries, bulk results and
webhook events carry one, always with a name a person can read."""
from dataclasses import dataclass
from typing import Optional, Union

API_KEY = "api_key"
STAFF = "staff"
SYSTEM = "system"
ACTOR_TYPES = (API_KEY, STAFF, SYSTEM)


@dataclass(frozen=True)
class Actor:
    type: str  # api_key | staff | system
    name: str
    id: Optional[str] = None  # the key's id, the person's Cognito sub; none for the system

    @classmethod
    def system(cls, name: str) -> "Actor":
        return cls(SYSTEM, name)

    @classmethod
    def api_key(cls, key_id: str, name: str) -> "Actor":
        return cls(API_KEY, name, key_id)

    @classmethod
    def staff(cls, sub: str, name: str) -> "Actor":
        return cls(STAFF, name, sub)

    @classmethod
    def of(cls, stored: Union[str, dict, "Actor"]) -> "Actor":
        """The actor as stored: an object, or (entries written before actors
        were objects) a bare string: a key's id, named by its id because the
        key's name was not recorded then, or a system name ("workflow")."""
        if isinstance(stored, Actor):
            return stored
        if isinstance(stored, dict):
            return cls(stored["type"], stored["name"], stored.get("id"))
        if stored.startswith("key_"):
            return cls.api_key(stored, stored)
        return cls.system(stored)

    def as_dict(self) -> dict:
        return {"type": self.type, "id": self.id, "name": self.name}


WORKFLOW = Actor.system("workflow")
