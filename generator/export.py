"""JSON export of a briefing and its analysis: every field, every citation, stable order.

Published next to the pages (`<slug>/export.json`) for readers who want the data rather
than the prose. The export mirrors the model field for field, so `load_export` rebuilds
the very same `Briefing` and `Analysis` (the tests check the round trip), its folder
named as the repository names it: nothing the site shows is missing from it. Sections
are lists sorted by id; ids are the items' own.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from generator.model import Analysis, Briefing
from generator.names import Names

FORMAT = "briefing-export"
VERSION = 1


def export_data(briefing: Briefing, analysis: Analysis,
                names: Names | None = None) -> dict[str, Any]:
    """The export as plain JSON values; `names` holds every id's short and long name, as
    the site shows them (generator/names.py)."""
    names = names or Names(briefing)
    dumped = _dump(briefing)
    dumped["root"] = public_root(briefing)
    return {"format": FORMAT, "version": VERSION,
            "briefing": dumped, "analysis": _dump(analysis),
            "names": names.export()}


def public_root(briefing: Briefing) -> str:
    """The briefing's folder as the repository names it (like its files), not the builder's
    absolute path, which is nobody's business and would change with the machine."""
    return PurePosixPath(briefing.info.origin.path).parent.as_posix()


def export_json(briefing: Briefing, analysis: Analysis, names: Names | None = None,
                memo: ExportMemo | None = None) -> str:
    """The export as compact JSON text. With `memo` (under `mkdocs serve`), the items equal
    to those of the memo's last export keep their text: the same bytes, less work."""
    if memo is None:
        return _text(export_data(briefing, analysis, names)) + "\n"
    names = names or Names(briefing)
    kept: dict[tuple[str, str], tuple[Any, str]] = {}
    fields = []
    for name in _field_names(type(briefing)):
        value = public_root(briefing) if name == "root" else getattr(briefing, name)
        if isinstance(value, dict) and value and all(_field_names(type(v))
                                                     for v in value.values()):
            text = memo.section(name, value, kept)  # a section keyed by id
        else:
            text = _text(value if isinstance(value, _PLAIN) else _dump(value))
        fields.append(f"{_text(name)}:{text}")
    memo.last = kept
    return (f'{{"format":{_text(FORMAT)},"version":{_text(VERSION)},'
            f'"briefing":{{{",".join(fields)}}},"analysis":{_text(_dump(analysis))},'
            f'"names":{_text(names.export())}}}\n')


class ExportMemo:
    """Each item's JSON text from the last export (`export_json`). An item equal to the
    one exported then is written the same: the model holds the values as written (an
    item's `text`, its origin's line...), and `resolve` makes every amount a float."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, str], tuple[Any, str]] = {}

    def section(self, name: str, items: dict[str, Any],
                kept: dict[tuple[str, str], tuple[Any, str]]) -> str:
        """A section's items as a JSON list sorted by id; `kept` receives each one's text."""
        parts = []
        for key in sorted(items):
            item = items[key]
            hit = self.last.get((name, key))
            text = hit[1] if hit is not None and hit[0] == item else _text(_dump(item))
            kept[(name, key)] = (item, text)
            parts.append(text)
        return f"[{','.join(parts)}]"


def _text(data: Any) -> str:
    # Compact: the export of a large briefing is tens of MB, and compact JSON is written by
    # the C encoder, several times faster than an indented one. Strict JSON: an infinite or
    # NaN number (the checker bounds them out) fails loudly rather than writing
    # `Infinity`, which no JSON reader accepts.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def load_export(data: dict[str, Any]) -> tuple[Briefing, Analysis]:
    """The briefing and analysis an export was made from."""
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError(f"not a {FORMAT} version {VERSION}")
    return _load(Briefing, data["briefing"]), _load(Analysis, data["analysis"])


_PLAIN = (str, int, float, bool, type(None))


def dump(value: Any) -> Any:
    """Any model value as plain JSON values (what the export holds for it)."""
    return _dump(value)


def _dump(value: Any) -> Any:
    names = _field_names(type(value))
    if names:  # plain values inline: this runs for every field of every item
        return {name: v if isinstance(v := getattr(value, name), _PLAIN) else _dump(v)
                for name in names}
    if isinstance(value, dict):
        if any(not _field_names(type(v)) for v in value.values()):  # plain data (a reason)
            return {key: _dump(v) for key, v in sorted(value.items())}
        return [_dump(value[key]) for key in sorted(value)]  # sections keyed by id: a list
    if isinstance(value, list | tuple):
        return [v if isinstance(v, _PLAIN) else _dump(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    return value


def _load(hint: Any, value: Any) -> Any:
    """Rebuild a value of type `hint` (a model dataclass, list, dict by id, date...)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in args if a is not type(None)]
        if set(options) == {date, datetime}:
            return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        return _load(options[0], value)
    if origin is list:
        return [_load(args[0], v) for v in value]
    if origin is tuple:  # tuple[X, ...]
        return tuple(_load(args[0], v) for v in value)
    if origin is dict and args[1] is Any:  # plain data (a finding's reason)
        return dict(value)
    if origin is dict:
        return {item["id"]: _load(args[1], item) for item in value}
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{name: _load(hints[name], value[name]) for name in hints})
    if hint is Path:
        return Path(value)
    if hint in (date, datetime):
        return hint.fromisoformat(value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass' field names (empty for anything else), looked up once per class."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else ()


@cache
def _hints(cls: type) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}
