"""Schema types: each one checks a YAML node and describes itself as JSON Schema.

One definition serves both the checker and editors (through the published JSON Schema),
so they cannot drift apart. Checking never stops at the first problem: every type
reports into the shared `Context` and returns INVALID, and its parent carries on.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.load import CONTROL
from generator.problems import Problem, show
from generator.when import WHEN_PATTERN, WhenError, parse_when

INVALID: Any = object()
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 64  # ids name files (`actors/<id>.md`) and anchors; 64 reads well in a URL
# Numbers are compared as floating-point numbers, exact for whole numbers up to 2^53
# (about 9 × 10^15): a count or quantity beyond 10^15 is a typo, not a source's figure.
MAX_MAGNITUDE = 10**15
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true", "True", "TRUE", "false", "False", "FALSE"}


@dataclass(slots=True)
class Reference:
    """An id used somewhere, resolved once every file of the briefing is read."""

    target: str  # the id
    sections: tuple[str, ...]  # where it may point; empty means anywhere
    path: str
    line: int
    col: int


@dataclass(slots=True)
class Context:
    """What checking one file collects: problems, and references to resolve later."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    # Nodes visited, to refuse a node reached twice (through an alias); None for a tree
    # that cannot share nodes: load.py refuses every anchor and alias before composing.
    seen: set[int] | None = field(default_factory=set)

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> Any:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, hint))
        return INVALID

    def first_visit(self, node: yaml.Node) -> bool:
        """False for a node reached a second time: that only happens through an alias.

        Refusing aliases keeps an "alias bomb" from ever being expanded.
        """
        seen = self.seen
        if seen is None:  # callers test this first: it is every node
            return True
        if id(node) in seen:
            self.error(node, "YAML aliases (*name) are not allowed in fact files",
                       "write the value out in full where it is needed")
            return False
        seen.add(id(node))
        return True


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def listing(label: str, choices: list[str] | tuple[str, ...], limit: int = 12) -> str:
    """'label: a, b, c, … (N more)', in the order given."""
    shown = ", ".join(choices[:limit])
    more = f", … ({len(choices) - limit} more)" if len(choices) > limit else ""
    return f"{label}: {shown}{more}"


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return show(node.value)


class Type:
    """Base: a type checks a node and returns a Python value, or INVALID (after reporting)."""

    doc: str = ""

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _scalar(self, node: yaml.Node, ctx: Context, expected: str) -> str | Any:
        if ctx.seen is not None and not ctx.first_visit(node):
            return INVALID
        if not isinstance(node, yaml.ScalarNode):
            return ctx.error(node, f"expected {expected}, found {describe(node)}",
                             f"write {expected} on the same line as the key")
        # Only a double-quoted scalar can hold an escape ("\0", "\x1b"): load.py refuses
        # control characters typed into the file itself.
        if node.style == '"' and (bad := CONTROL.search(node.value)):
            return ctx.error(node, f"control character U+{ord(bad[0]):04X} in a quoted value",
                             "remove the escape (such as \\0 or \\x1b); text may hold "
                             "\\n and \\t, but no other control characters")
        return node.value

    def _with_doc(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {**schema, "description": self.doc} if self.doc else schema


@dataclass
class Text(Type):
    """Plain text. Numbers are read as the text typed (`1917` stays "1917")."""

    doc: str = ""
    max_words: int | None = None
    long_hint: str = "quote only a short phrase; say the rest in your own words"

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = self._scalar(node, ctx, "text")
        if value is INVALID:
            return INVALID
        plain = not node.style
        if plain and value in _NULLS:
            return ctx.error(node, "value is empty", "write the text, or remove the key")
        if plain and value in _BOOLS:
            return ctx.error(node, f"'{value}' is read as a boolean, not text",
                             f"quote it if you mean the word: \"{value}\"")
        value = value.strip()
        if not value:
            return ctx.error(node, "value is empty", "write the text, or remove the key")
        if self.max_words and len(value.split()) > self.max_words:
            return ctx.error(node, f"{len(value.split())} words, over the limit of "
                             f"{self.max_words}",
                             self.long_hint)
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": ["string", "number"]})


@dataclass
class Slug(Text):
    """An id: lowercase ASCII words joined by hyphens, at most MAX_ID_LENGTH characters.

    Checked as typed, so `round-2` followed by a no-break space is refused rather than
    trimmed. `reserved` and `reserved_prefixes` keep ids off the names the site gives its
    own pages and anchors (see generator.sections.RESERVED_IDS).
    """

    reserved: frozenset[str] = frozenset()
    reserved_prefixes: tuple[str, ...] = ()

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = super().check(node, ctx)
        if value is INVALID:
            return INVALID
        raw = node.value
        if not SLUG.match(raw):
            suggestion = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")[:MAX_ID_LENGTH]
            return ctx.error(node, f"{show(raw)} is not a valid id",
                             "ids are lowercase words (a-z, 0-9) joined by hyphens, "
                             f"e.g. '{suggestion or 'round-2'}'")
        if len(raw) > MAX_ID_LENGTH:
            return ctx.error(node, f"id '{raw[:24]}…' is {len(raw)} characters long, over "
                             f"the limit of {MAX_ID_LENGTH}",
                             "shorten it: an id names a page or an anchor in the site's URLs")
        if raw in self.reserved or raw.startswith(self.reserved_prefixes):
            return ctx.error(node, f"id '{raw}' is reserved: the site uses it for its own "
                             "pages or sections", f"choose another id, e.g. '{raw}-1' or a "
                             "more specific name" if raw in self.reserved else
                             "choose an id that does not start with "
                             f"'{next(p for p in self.reserved_prefixes if raw.startswith(p))}'")
        return raw

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": SLUG.pattern,
                                  "maxLength": MAX_ID_LENGTH}
        if self.reserved:
            exclude = [f"^{re.escape(p)}" for p in self.reserved_prefixes]
            exclude += [f"^{re.escape(r)}$" for r in sorted(self.reserved)]
            schema["not"] = {"pattern": "|".join(exclude)}
        return self._with_doc(schema)


@dataclass
class Ref(Slug):
    """An id of something defined elsewhere in the briefing (checked after all files)."""

    sections: tuple[str, ...] = ()

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = super().check(node, ctx)
        if value is not INVALID:
            mark = node.start_mark
            ctx.references.append(
                Reference(value, self.sections, ctx.path, mark.line + 1, mark.column + 1)
            )
        return value


@dataclass
class Enum(Text):
    values: tuple[str, ...] = ()

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = super().check(node, ctx)
        if value is INVALID or value in self.values:
            return value
        hint = did_you_mean(value, self.values) or listing("allowed", sorted(self.values))
        return ctx.error(node, f"unknown value {show(value)}", hint)

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"enum": list(self.values)})


@dataclass
class Integer(Type):
    """A whole number within minimum–maximum (at most MAX_MAGNITUDE either way)."""

    doc: str = ""
    minimum: int | None = None
    maximum: int = MAX_MAGNITUDE

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = self._scalar(node, ctx, "a whole number")
        if value is INVALID:
            return INVALID
        if node.style or not _INT.match(value):
            return ctx.error(node, f"expected a whole number, found {show(value)}",
                             "write digits only, without quotes")
        if re.match(r"^[-+]?0[0-9]", value):
            return ctx.error(node, f"number '{value}' has a leading zero",
                             "YAML 1.1 reads 010 as 8 and YAML 1.2 as 10: drop the zero")
        low = -MAX_MAGNITUDE if self.minimum is None else self.minimum
        # Compared by length first: Python refuses to convert more than 4,300 digits.
        number = int(value) if len(value.lstrip("+-")) <= 16 else None
        if number is None or number > self.maximum:
            return ctx.error(node, f"{show(value, 20)} is over the maximum of "
                             f"{self.maximum:,}", _MAGNITUDE_HINT)
        if number < low:
            return ctx.error(node, f"{number} is below the minimum of {low:,}")
        return number

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer", "maximum": self.maximum,
                                  "minimum": -MAX_MAGNITUDE if self.minimum is None
                                  else self.minimum}
        return self._with_doc(schema)


def _plain(number: float) -> str:
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


_MAGNITUDE_HINT = ("check for a typo or stray digits; numbers are compared as "
                   "floating-point values, which are exact only up to 10^15")


@dataclass
class Number(Type):
    doc: str = ""
    minimum: float | None = None
    maximum: float | None = None

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = self._scalar(node, ctx, "a number")
        if value is INVALID:
            return INVALID
        if node.style or not _FLOAT.match(value):
            return ctx.error(node, f"expected a number, found {show(value)}",
                             "write digits, with a decimal point if needed (2.5)")
        number = float(value)  # 1e999 is inf, never an error: the bounds refuse it
        low, high = self._bounds()
        if not low <= number <= high:
            return ctx.error(node, f"{show(value, 20)} is outside {_plain(low)}–{_plain(high)}",
                             _MAGNITUDE_HINT)
        return number

    def _bounds(self) -> tuple[float, float]:
        return (-MAX_MAGNITUDE if self.minimum is None else self.minimum,
                MAX_MAGNITUDE if self.maximum is None else self.maximum)

    def json_schema(self) -> dict[str, Any]:
        low, high = self._bounds()
        return self._with_doc({"type": "number", "minimum": low, "maximum": high})


@dataclass
class WhenType(Text):
    """A date, month, year, zoned date-time or interval (see generator.when)."""

    allow_unknown: bool = False
    allow_ongoing: bool = False

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = super().check(node, ctx)
        if value is INVALID:
            return INVALID
        if (self.allow_unknown and value == "unknown") or (
            self.allow_ongoing and value == "ongoing"
        ):
            return None
        try:
            return parse_when(value)
        except WhenError as error:
            return ctx.error(node, str(error), error.hint)

    def json_schema(self) -> dict[str, Any]:
        extra = ["unknown"] if self.allow_unknown else []
        extra += ["ongoing"] if self.allow_ongoing else []
        schema: dict[str, Any] = {"type": "string", "pattern": WHEN_PATTERN}
        if extra:
            schema = {"anyOf": [schema, {"enum": extra}]}
        return self._with_doc({**schema, "examples": ["2025-06-02", "2025-06-02T13:00+03:00"]})



@dataclass
class Url(Text):
    """An http(s) link; anything else (javascript:, data:, file:) is refused."""

    allow_unknown: bool = False

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = super().check(node, ctx)
        if value is INVALID or (self.allow_unknown and value == "unknown"):
            return value
        try:
            parts = urlsplit(value)
        except ValueError as error:  # "http://[::1": an unclosed IPv6 address
            return ctx.error(node, f"{show(value)} is not a valid link ({error})",
                             "check the address between // and the next /")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            hint = "links must start with https:// or http://"
            if self.allow_unknown:
                hint += "; write unknown if the source has no known address"
            return ctx.error(node, f"{show(value)} is not an http(s) link", hint)
        return value

    def json_schema(self) -> dict[str, Any]:
        pattern = "^(https?://[^\\s]+" + ("|unknown" if self.allow_unknown else "") + ")$"
        return self._with_doc({"type": "string", "pattern": pattern})


@dataclass
class ListOf(Type):
    item: Type
    doc: str = ""
    min_items: int = 0
    empty_hint: str | None = None

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        if ctx.seen is not None and not ctx.first_visit(node):
            return INVALID
        if not isinstance(node, yaml.SequenceNode):
            return ctx.error(node, f"expected a list, found {describe(node)}",
                             "write a list: [a, b] or one '- item' per line")
        if len(node.value) < self.min_items:
            noun = "item" if self.min_items == 1 else "items"
            return ctx.error(node, f"needs at least {self.min_items} {noun}", self.empty_hint)
        values = [self.item.check(child, ctx) for child in node.value]
        return [value for value in values if value is not INVALID]

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return self._with_doc(schema)


@dataclass
class OneOrList(Type):
    """One item, or a list of at least one (`via: reuters` or `via: [cgtn, reuters]`);
    checked as a list either way."""

    item: Type
    doc: str = ""

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return ListOf(self.item, min_items=1).check(node, ctx)
        value = self.item.check(node, ctx)
        return INVALID if value is INVALID else [value]

    def json_schema(self) -> dict[str, Any]:
        item = self.item.json_schema()
        return self._with_doc({"anyOf": [item, {"type": "array", "items": item,
                                                 "minItems": 1}]})


@dataclass
class Boolean(Type):
    """true or false, and nothing else (no yes/no/on/off)."""

    doc: str = ""

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        value = self._scalar(node, ctx, "true or false")
        if value is INVALID:
            return INVALID
        if node.style or value not in ("true", "false"):
            return ctx.error(node, f"expected true or false, found {show(value)}",
                             "write true or false, without quotes")
        return value == "true"

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "boolean"})


@dataclass
class Field:
    type: Type
    required: bool = False
    example: str | None = None  # shown in the hint when the key is missing


@dataclass
class Obj(Type):
    """A mapping with known keys. Values carry `_line` so later stages can point at them.

    A mapping with problems still returns the keys that passed, so that its id is known
    and other files' references to it do not add false errors; nothing is built from
    input with problems.
    """

    name: str
    fields: dict[str, Field]
    doc: str = ""

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        if ctx.seen is not None and not ctx.first_visit(node):
            return INVALID
        if not isinstance(node, yaml.MappingNode):
            return ctx.error(node, f"expected a mapping ({self.name}), found {describe(node)}",
                             "write 'key: value' pairs, one per line")
        result: dict[str, Any] = {"_line": node.start_mark.line + 1,
                                  "_col": node.start_mark.column + 1}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, seen, ctx)
            if key is not INVALID:
                value = self.fields[key].type.check(value_node, ctx)
                if value is not INVALID:
                    result[key] = value
                else:  # reported already: rules across keys must not report it again
                    result.setdefault("_rejected", set()).add(key)
        self._missing(node, seen, ctx)
        return result

    def _key(self, key_node: yaml.Node, seen: dict[str, yaml.Node], ctx: Context) -> Any:
        if not isinstance(key_node, yaml.ScalarNode):
            return ctx.error(key_node, "a key must be plain text")
        key = key_node.value
        if key in seen:
            first = seen[key].start_mark
            return ctx.error(key_node,
                             f"duplicate key {show(key)} (first at line {first.line + 1})",
                             "YAML keeps only the last one; merge the two or rename one")
        seen[key] = key_node
        if key not in self.fields:
            hint = did_you_mean(key, list(self.fields)) or listing(
                f"keys of {self.name}", list(self.fields))
            return ctx.error(key_node, f"unknown key {show(key)} in {self.name}", hint)
        return key

    def _missing(self, node: yaml.Node, seen: dict[str, yaml.Node], ctx: Context) -> None:
        for key, spec in self._required:
            if key not in seen:
                example = spec.example or f"{key}: …"
                ctx.error(node, f"{self.name} is missing required key '{key}'", f"add {example}")

    @functools.cached_property
    def _required(self) -> list[tuple[str, Field]]:
        """The required keys, in the order of `fields` (looked up for every mapping)."""
        return [(key, spec) for key, spec in self.fields.items() if spec.required]

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({
            "type": "object",
            "properties": {key: spec.type.json_schema() for key, spec in self.fields.items()},
            "required": [key for key, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        })


@dataclass
class Either(Type):
    """A scalar short form or a mapping long form (citations: `src` or `{source: src}`)."""

    short: Type
    long: Obj
    short_key: str
    doc: str = ""

    def check(self, node: yaml.Node, ctx: Context) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = self.short.check(node, ctx)
            if value is INVALID:
                return INVALID
            return {self.short_key: value, "_line": node.start_mark.line + 1,
                    "_col": node.start_mark.column + 1}
        return self.long.check(node, ctx)

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"anyOf": [self.short.json_schema(), self.long.json_schema()]})
