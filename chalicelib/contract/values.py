"""What every resource's records are made of: identifiers, money, days,
limits (in requests); text, counts, money and times as the API sends them,
and how a response record is declared (`response`, `derived`)."""
import datetime
import re
from decimal import Decimal
from typing import Optional, Union

from ..core.clock import normalized
from ..model.actor import ACTOR_TYPES
from ..model.address import COUNTRIES, POSTAL_CODES, Address
from ..model.money import MAX_UNIT_PRICE, format_amount
from ..model.order_rules import MAX_QUANTITY, STATUSES
from . import identifiers as ids
from .spec import Choice, Field, Integer, Pattern, Record, ResponseRecord, Schema, Source, Text, Value, invalid

MAX_REQUEST_ITEMS = 100
MAX_NAME = 200
MAX_TEXT = 1000
MAX_REASON = 500
MAX_LIMIT = 100
MAX_CURSOR = 2048
MAX_SEARCH = 100
MAX_PHONE = 40
MAX_ADDRESS_LINE = 200
MAX_PLACE = 100  # a city or region
MAX_POSTAL_CODE = 20

ORDER_STATUS = Choice(STATUSES, name="OrderStatus")


# ---------------------------------------------------------------- in requests

def identifier(**kw) -> Pattern:
    return Pattern(ids.IDENTIFIER, ids.IDENTIFIER_RULE, **kw)


def email(**kw) -> Pattern:
    return Pattern(ids.EMAIL, "a valid e-mail address", max_length=254, example="john@example.com", **kw)


class Money(Schema):
    """A unit price as a decimal string, 0.00-1,000,000.00, at most two
    decimal places ("29.99", "30"). Strings only: a JSON number would pass
    through binary floating point in most clients."""
    TEXT = re.compile(r"1000000(?:\.0{1,2})?|[0-9]{1,6}(?:\.[0-9]{1,2})?")
    _NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

    def parse(self, value, path, issues):
        if not isinstance(value, str):
            return invalid(issues, path, f'{path} must be a decimal string such as "29.99"')
        if not self.TEXT.fullmatch(value):
            if self._NUMBER.fullmatch(value) and len(value.partition(".")[2]) > 2:
                return invalid(issues, path, f"{path} must have at most two decimal places")
            if self._NUMBER.fullmatch(value):
                return invalid(issues, path, f"{path} must be between 0.00 and {MAX_UNIT_PRICE}")
            return invalid(issues, path, f'{path} must be a decimal string such as "29.99"')
        return Decimal(value).quantize(Decimal("0.01"))

    def json_schema(self):
        return {"type": "string", "pattern": f"^(?:{self.TEXT.pattern})$", "examples": ["29.99"]}


class Day(Schema):
    """A calendar day, YYYY-MM-DD (UTC)."""
    TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

    def parse(self, value, path, issues):
        if isinstance(value, str) and self.TEXT.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        return invalid(issues, path, f"{path} must be a date such as 2026-11-25 (YYYY-MM-DD)")

    def json_schema(self):
        return {"type": "string", "format": "date", "pattern": f"^{self.TEXT.pattern}$", "examples": ["2026-11-25"]}


def quantity(minimum: int = 1, **kw) -> Integer:
    return Integer(minimum, MAX_QUANTITY, **kw)


def name() -> Text:
    return Text(MAX_NAME)


def page_size(default: int) -> Integer:
    return Integer(1, MAX_LIMIT, description=f"Items per page (default {default})")


NEXT_TOKEN = Pattern(rf"[A-Za-z0-9_\-]{{1,{MAX_CURSOR}}}", "a next_token returned by the previous page",
                     description="Cursor from a previous page (opaque)")


def blank_as_none(value: Optional[str]) -> Optional[str]:
    return value or None


class Country(Choice):
    def __init__(self):
        super().__init__(sorted(COUNTRIES), example="US")

    def parse(self, value, path, issues):
        if not isinstance(value, str) or value not in self.values:
            return invalid(issues, path, f"{path} must be an ISO 3166-1 alpha-2 country code such as US, GB or DE")
        return value


def _address(name, line1, city, country, line2=None, region=None, postal_code=None, phone=None):
    return Address(name, line1, city, country, blank_as_none(line2), blank_as_none(region), blank_as_none(postal_code),
                   blank_as_none(phone))


ADDRESS = Record("Address", {
    "name": Field(Text(MAX_NAME), required=True),
    "line1": Field(Text(MAX_ADDRESS_LINE), required=True),
    "line2": Field(Text(MAX_ADDRESS_LINE, blank=True)),
    "city": Field(Text(MAX_PLACE), required=True),
    "region": Field(Text(MAX_PLACE, blank=True, description="State, province or county")),
    "postal_code": Field(Text(MAX_POSTAL_CODE, blank=True, description=(
        "Required in the shape of its country for " + ", ".join(sorted(POSTAL_CODES))))),
    "country": Field(Country(), required=True),
    "phone": Field(Text(MAX_PHONE, blank=True)),
}, build=_address, description="A postal address; country as ISO 3166-1 alpha-2")


# ---------------------------------------------------------------- in responses

def out(json_type: str, convert: Optional[Source] = None, **extra) -> Value:
    """A value the API sends; `convert` makes it from the object's value."""
    return Value({"type": json_type, **extra}, convert)


def nullable(json_type: str, convert: Optional[Source] = None, **extra) -> Value:
    return Value({"anyOf": [{"type": json_type, **extra}, {"type": "null"}]}, convert, nullable=True)


def integer(**extra) -> Value:
    return out("integer", int, **extra)


def count(**extra) -> Value:
    """A count; an item that has none recorded (an older one) shows 0."""
    return out("integer", lambda value: int(value or 0), minimum=0, **extra)


STRING = out("string")
ORDER_ID_OUT = out("string", format="uuid")
NULLABLE_STRING = nullable("string")
BOOLEAN = out("boolean", bool)
MONEY_OUT = out("string", format_amount, pattern=r"^-?[0-9]+\.[0-9]{2}$", examples=["2029.97"])
TIMESTAMP = out("string", examples=["2026-11-25T12:46:24.123456Z"])
# A time the workflow (Step Functions) may have written in its own format: sent in ours.
NORMALIZED_TIMESTAMP = out("string", normalized, examples=["2026-11-25T12:46:24.123456Z"])


def response(record_name: str, /, **fields: Union[Schema, Field]) -> ResponseRecord:
    """Each field a schema (always sent, from the attribute of its name) or a
    `Field` saying otherwise (`derived`; `Field(schema, present=...)`)."""
    return ResponseRecord(record_name, {key: (value if isinstance(value, Field) else Field(value, required=True))
                                 for key, value in fields.items()})


def derived(schema: Schema, source: Union[str, Source]) -> Field:
    """Always sent, from another attribute (`source` a name) or computed
    (`source` a function of the object)."""
    return Field(schema, required=True, source=source)


POSTAL_ADDRESS = response("PostalAddress", name=STRING, line1=STRING, line2=NULLABLE_STRING, city=STRING,
                          region=NULLABLE_STRING, postal_code=NULLABLE_STRING, country=STRING, phone=NULLABLE_STRING)


def address_out(source: str) -> Field:
    """An address the API sends (`source` the attribute), or null when there is none."""
    return Field(POSTAL_ADDRESS, required=True, nullable=True, source=source)


# Who made a change: history entries, bulk results, webhooks, stock movements.
ACTOR = response(
    "Actor",
    type=Choice(ACTOR_TYPES, name="ActorType", description=(
        "staff: a person signed in to the console; api_key: a machine client's key; system: the workflow")),
    id=nullable("string", description="The key's id (key_...) or the person's user id; null for the system"),
    name=out("string", description="Who, in words: the key's name, the person's name or e-mail, or workflow",
             examples=["Warehouse scanner"]),
)
