"""A small declarative schema language: each schema both checks untrusted
JSON (collecting every issue with its JSON path) and describes itself as JSON
Schema (OpenAPI 3.1), so validation and the published document cannot drift.
A response record (`ResponseRecord`) also renders itself from an object, so
what the API sends and what the document declares cannot drift either.

Why not a library: measured in fresh processes, pydantic adds ~100 ms and
2.8 MB to a cold start, jsonschema ~50 ms; msgspec is cheaper but reports
only the first error, inside its message text. These ~400 lines cost nothing
at import beyond compiling a few regular expressions.
"""
import operator
import re
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from ..core.errors import Issue, ValidationError

INVALID = object()  # what `parse` returns for a value with issues (recorded in `issues`)

# Text: any character but C0 controls (tab and newline aside), DEL, C1
# controls and bidirectional formatting characters (they can make a name
# display as something else). Written as regex escapes, so the published
# pattern is plain ASCII. Lone surrogates (only JSON escapes can make them)
# are refused too, before the pattern.
_FORBIDDEN = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SPACES = r" \t\n\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
FORBIDDEN_CHARACTER = re.compile(f"[{_FORBIDDEN}\ud800-\udfff]")
TEXT_PATTERN = f"^[^{_FORBIDDEN}]*$"
VISIBLE_TEXT_PATTERN = f"^[^{_FORBIDDEN}]*[^{_FORBIDDEN}{_SPACES}][^{_FORBIDDEN}]*$"


def _at(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class Schema:
    def __init__(self, description: Optional[str] = None, example: Any = None):
        self.description, self.example = description, example

    def parse(self, value: Any, path: str, issues: List[Issue]) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def document(self) -> dict:
        schema = self.json_schema()
        if self.description:
            schema["description"] = self.description
        if self.example is not None:
            schema["examples"] = [self.example]
        return schema

    def check(self, value: Any, path: str = "") -> Any:
        """The parsed value, or ValidationError with every issue found."""
        issues: List[Issue] = []
        parsed = self.parse(value, path, issues)
        if issues:
            raise ValidationError.of(issues)
        return parsed

    def render(self, value: Any) -> Any:
        """The JSON value the API sends for `value` (a response's field)."""
        return value


def invalid(issues: List[Issue], path: str, message: str, code: str = "invalid_value") -> Any:
    issues.append(Issue(code, path or None, message))
    return INVALID


class Text(Schema):
    """A string of at most `max_length` characters, none of them forbidden;
    unless `blank` is allowed, with something visible in it. The value kept
    is stripped of surrounding spaces."""

    def __init__(self, max_length: int, blank: bool = False, **kw):
        super().__init__(**kw)
        self.max_length, self.blank = max_length, blank

    def parse(self, value, path, issues):
        if not isinstance(value, str):
            return invalid(issues, path, f"{path} must be a string")
        if len(value) > self.max_length:
            return invalid(issues, path, f"{path} must be at most {self.max_length} characters")
        bad = FORBIDDEN_CHARACTER.search(value)
        if bad:
            char = bad.group()
            kind = "bidirectional control" if char in "\u061c\u200e\u200f" or "\u202a" <= char <= "\u2069" else "control"
            if "\ud800" <= char <= "\udfff":
                return invalid(issues, path, f"{path} must be valid Unicode text")
            return invalid(issues, path, f"{path} must not contain {kind} characters (U+{ord(char):04X})")
        stripped = value.strip()
        if not stripped and not self.blank:
            return invalid(issues, path, f"{path} must not be empty")
        return stripped

    def json_schema(self):
        return {"type": "string", "maxLength": self.max_length, "pattern": TEXT_PATTERN if self.blank else VISIBLE_TEXT_PATTERN}


class Pattern(Schema):
    """A string matching `pattern` in full (identifiers, e-mail addresses)."""

    def __init__(self, pattern: str, rule: str, max_length: Optional[int] = None, **kw):
        super().__init__(**kw)
        self.regex, self.rule, self.max_length = re.compile(pattern), rule, max_length

    def parse(self, value, path, issues):
        if (not isinstance(value, str) or (self.max_length and len(value) > self.max_length)
                or not self.regex.fullmatch(value)):
            return invalid(issues, path, f"{path} must be {self.rule}")
        return value

    def json_schema(self):
        schema = {"type": "string", "pattern": f"^(?:{self.regex.pattern})$"}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


class Integer(Schema):
    """An integer (a JSON number with no fraction: 2 and 2.0 alike), range
    checked by comparison before any conversion, so `1e999999999` is cheap."""

    def __init__(self, minimum: int, maximum: int, hint: str = "", **kw):
        super().__init__(**kw)
        self.minimum, self.maximum, self.hint = minimum, maximum, hint

    def out_of_range(self, path: str, what: str = "") -> str:
        return f"{path} must be {what}between {self.minimum} and {self.maximum}{self.hint}"

    def parse(self, value, path, issues):
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return invalid(issues, path, f"{path} must be an integer")
        if isinstance(value, Decimal) and (not value.is_finite() or value != value.to_integral_value()):
            return invalid(issues, path, f"{path} must be an integer")
        if value < self.minimum or value > self.maximum:
            return invalid(issues, path, self.out_of_range(path))
        return int(value)

    def json_schema(self):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Choice(Schema):
    """One of `values`; with a `name`, a shared component (e.g. OrderStatus)."""

    def __init__(self, values: Sequence[str], name: Optional[str] = None, **kw):
        super().__init__(**kw)
        self.values, self.name = tuple(values), name

    def parse(self, value, path, issues):
        if not isinstance(value, str) or value not in self.values:
            return invalid(issues, path, f"{path} must be one of: {', '.join(self.values)}")
        return value

    def json_schema(self):
        return {"type": "string", "enum": list(self.values)}


class Flag(Schema):
    def parse(self, value, path, issues):
        if not isinstance(value, bool):
            return invalid(issues, path, f"{path} must be true or false")
        return value

    def json_schema(self):
        return {"type": "boolean"}


class List_(Schema):
    def __init__(self, items: Schema, max_items: int, min_items: int = 1, **kw):
        super().__init__(**kw)
        self.items, self.max_items, self.min_items = items, max_items, min_items

    def parse(self, value, path, issues):
        if not isinstance(value, list):
            return invalid(issues, path, f"{path} must be a list")
        if len(value) < self.min_items:
            return invalid(issues, path, f"{path} must not be empty")
        if len(value) > self.max_items:
            return invalid(issues, path, f"{path} must have at most {self.max_items} entries")
        return [self.items.parse(item, f"{path}[{index}]", issues) for index, item in enumerate(value)]

    def json_schema(self):
        return {"type": "array", "items": reference(self.items), "minItems": self.min_items, "maxItems": self.max_items}

    def render(self, value):
        return [self.items.render(item) for item in value or ()]


Source = Callable[[Any], Any]


class Field:
    """In a response, `source` is where the value comes from: an attribute
    name (by default the field's) or a function of the object; a field with
    `present` is sent only when `present(obj)` is true (not `required`)."""

    def __init__(self, schema: Schema, required: bool = False, nullable: bool = False,
                 source: Optional[Union[str, Source]] = None, present: Optional[Callable[[Any], bool]] = None,
                 description: Optional[str] = None):
        self.schema, self.required, self.nullable, self.present = schema, required, nullable, present
        self.source, self.description = source, description

    def reader(self, name: str) -> Source:
        source = self.source or name
        return operator.attrgetter(source) if isinstance(source, str) else source

    def render(self, value: Any) -> Any:
        return None if value is None and self.nullable else self.schema.render(value)


Rule = Callable[[Dict[str, Any], str], Optional[Issue]]


class Record(Schema):
    """A JSON object with known fields, nothing else. `build(**values)` makes
    the typed result; `rules` check what spans fields (each returns an Issue
    or None) and `json_extra` says the same in JSON Schema (anyOf, not)."""
    closed = True  # the document says so: an unknown field is refused

    def __init__(self, name: str, fields: Dict[str, Field], build: Optional[Callable] = None,
                 rules: Sequence[Rule] = (), json_extra: Optional[dict] = None, **kw):
        super().__init__(**kw)
        self.name, self.fields, self.build = name, fields, build
        self.rules, self.json_extra = tuple(rules), json_extra or {}

    def parse(self, value, path, issues):
        if not isinstance(value, dict):
            return invalid(issues, path, f"{path or 'Request body'} must be an object")
        before = len(issues)
        prefix = f"{path}: " if path else ""
        for name in value:
            if name not in self.fields:
                shown = name if len(name) <= 64 else name[:64] + "..."
                invalid(issues, _at(path, shown), f"{prefix}Unknown field: {shown}", "unknown_field")
        values = {}
        for name, spec in self.fields.items():
            where = _at(path, name)
            if name not in value or (value[name] is None and not spec.nullable and spec.required):
                if spec.required:
                    invalid(issues, where, f"Missing required field: {where}", "missing_field")
                continue
            if value[name] is None:
                if not spec.nullable:
                    invalid(issues, where, f"{where} must not be null")
                else:
                    values[name] = None
                continue
            values[name] = spec.schema.parse(value[name], where, issues)
        if len(issues) > before:
            return INVALID
        for rule in self.rules:
            issue = rule(values, path)
            if issue is not None:
                issues.append(issue)
                return INVALID
        return self.build(**values) if self.build else values

    def json_schema(self):
        properties = {}
        for name, spec in self.fields.items():
            schema = reference(spec.schema)
            if spec.nullable:
                schema = {"anyOf": [schema, {"type": "null"}]}
            if spec.description:  # what this field means here, beside its (shared) schema
                schema = {**schema, "description": spec.description}
            properties[name] = schema
        schema = {"type": "object", "properties": properties}
        if self.closed:
            schema["additionalProperties"] = False
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        # Rules across fields go beside the object, not in it, so generators
        # still see one object with typed properties.
        return {"allOf": [schema, self.json_extra]} if self.json_extra else schema


class ResponseRecord(Record):
    """A JSON object the API sends, rendered from any object with the
    attributes its fields read (a model or not), fields in the order
    declared. Open in the document: a later version may add fields (a closed
    schema would make strict clients refuse it)."""
    closed = False

    def __init__(self, name: str, fields: Dict[str, Field], **kw):
        super().__init__(name, fields, **kw)
        self._renderers = [(name, field.reader(name), field.present, field.render) for name, field in fields.items()]

    def render(self, value) -> dict:
        return {name: render(read(value)) for name, read, present, render in self._renderers
                if present is None or present(value)}


class Variants(Schema):
    """One of several records, told apart by `choose(body) -> Record` (by the
    fields present), so errors are those of the shape the client meant."""

    def __init__(self, name: str, variants: Sequence[Record], choose: Callable[[dict], Record], **kw):
        super().__init__(**kw)
        self.name, self.variants, self.choose = name, tuple(variants), choose

    def parse(self, value, path, issues):
        if not isinstance(value, dict):
            return invalid(issues, path, f"{path or 'Request body'} must be an object")
        return self.choose(value).parse(value, path, issues)

    def json_schema(self):
        return {"anyOf": [reference(variant) for variant in self.variants]}


class Value(Schema):
    """A value the API sends (responses are described, never parsed: the
    end-to-end tests validate every response against the published document).
    `convert` makes the JSON value from the object's (e.g. money to text);
    a `nullable` value's None is sent as null, unconverted."""

    def __init__(self, json_schema: dict, convert: Optional[Source] = None, nullable: bool = False, **kw):
        super().__init__(**kw)
        self.schema, self.convert, self.nullable = json_schema, convert, nullable

    def json_schema(self):
        return dict(self.schema)

    def render(self, value):
        if self.convert is None or (value is None and self.nullable):
            return value
        return self.convert(value)


def reference(schema: Schema) -> dict:
    """A named schema is a component (`$ref`); others are inlined."""
    name = getattr(schema, "name", None)
    if name:
        return {"$ref": f"#/components/schemas/{name}"}
    return schema.document()


def components(roots: Sequence[Schema]) -> Dict[str, dict]:
    """Every named schema reachable from `roots`, by name."""
    found: Dict[str, dict] = {}
    pending = list(roots)
    while pending:
        schema = pending.pop()
        name = getattr(schema, "name", None)
        if name and name in found:
            continue
        if name:
            found[name] = schema.document()
        pending.extend(_children(schema))
    return dict(sorted(found.items()))


def _children(schema: Schema) -> List[Schema]:
    if isinstance(schema, Record):
        return [spec.schema for spec in schema.fields.values()]
    if isinstance(schema, Variants):
        return list(schema.variants)
    if isinstance(schema, List_):
        return [schema.items]
    return list(getattr(schema, "parts", ()))  # a schema of its own kind names the named schemas it refers to


def parse_query(record: Record, query: Dict[str, str]) -> Any:
    """A query string against `record`: every value arrives as text, so
    integers are read from digits first (never from an exponent)."""
    issues: List[Issue] = []
    values: Dict[str, Any] = {}
    for name, raw in query.items():
        spec = record.fields.get(name)
        if spec is None:
            shown = name if len(name) <= 64 else name[:64] + "..."
            issues.append(Issue("unknown_field", shown, f"Unknown query parameter: {shown}"))
        elif isinstance(spec.schema, Flag):
            if raw not in ("true", "false"):
                issues.append(Issue("invalid_value", name, f"{name} must be true or false"))
            else:
                values[name] = raw == "true"
        elif isinstance(spec.schema, Integer):
            number = int(raw) if _DIGITS.fullmatch(raw) else None
            if number is None or not spec.schema.minimum <= number <= spec.schema.maximum:
                issues.append(Issue("invalid_value", name, spec.schema.out_of_range(name, "an integer ")))
            else:
                values[name] = number
        else:
            values[name] = raw
    if issues:
        raise ValidationError.of(issues)
    return record.check(values)


_DIGITS = re.compile(r"-?[0-9]{1,10}")
