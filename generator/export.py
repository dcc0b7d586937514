"""JSON export of a briefing and its analysis: every item, every citation, stable order.

Published next to the pages, gzip-compressed (`<slug>/export.json.gz`, `FILE`), for
readers who want the data rather than the prose: at 50,000 facts the JSON is about 80 MB
and the file 10 MB (GitHub Pages serves it as it is, so that is what a reader downloads;
`gunzip`, `gzip.open` or any archive tool opens it). The export mirrors the model field
for field, except that a field at its empty value is left out (an optional one when
null, a list or mapping when empty: the model's types say which, and so what a missing
field means), so `load_export` rebuilds the very same `Briefing` and `Analysis` (the
tests check the round trip), its folder named as the repository names it: nothing the
site shows is missing from it. Sections are lists sorted by id; ids are the items' own.
`names` holds every id's short name and, where it says more than that and than the
item's own `text` (a fact's, a document point's), its long one.
"""

from __future__ import annotations

import dataclasses
import io
import json
import types
import typing
import zlib
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from generator.model import Analysis, Briefing
from generator.names import Names

FORMAT = "briefing-export"
VERSION = 3
# 3: a long name equal to the item's own text is left out of `names`; 2: a field at its
# empty value (null, [] or {}) is left out; 1 wrote every field
READS = (1, 2, 3)  # the versions load_export reads
FILE = "export.json.gz"  # the published file, next to the briefing's pages
# zlib's level: at 50,000 facts 1 gives 13.0 MB in 0.33 s, 3 gives 11.8 MB in 0.42 s,
# 6 (gzip's own default) gives 10.0 MB in 0.97 s of CPU, 9 gives 9.6 MB in 2.2 s
LEVEL = 6


def export_data(briefing: Briefing, analysis: Analysis,
                names: Names | None = None) -> dict[str, Any]:
    """The export as plain JSON values (what `export_json` writes)."""
    return json.loads(export_json(briefing, analysis, names))


def public_root(briefing: Briefing) -> str:
    """The briefing's folder as the repository names it (like its files), not the builder's
    absolute path, which is nobody's business and would change with the machine."""
    return PurePosixPath(briefing.info.origin.path).parent.as_posix()


def export_json(briefing: Briefing, analysis: Analysis, names: Names | None = None,
                memo: ExportMemo | None = None) -> bytes:
    """The export as compact JSON in UTF-8, written item by item: the export of a large
    briefing is tens of MB, and neither a tree of plain values for all of it nor the text
    as one `str` (up to 4 bytes a character) is ever held. `names` holds every id's
    short and long name, as the site shows them (generator/names.py); the long one only
    where it differs from the short one and from the item's own text. With `memo` (under
    `mkdocs serve`), the items equal to those of the memo's last export keep their text:
    the same bytes, less work."""
    out = io.BytesIO()
    _write(out.write, briefing, analysis, names or Names(briefing), memo)
    return out.getvalue()


def export_file(briefing: Briefing, analysis: Analysis, names: Names | None = None,
                memo: ExportMemo | None = None) -> bytes:
    """The published file (`FILE`): `export_json`'s bytes gzip-compressed as they are
    written, so the JSON text is never held whole. The same export gives the same bytes
    (the gzip header carries no time and no file name)."""
    out = _Gzip()
    _write(out.write, briefing, analysis, names or Names(briefing), memo)
    return out.close()


class _Gzip:
    """A gzip stream written piece by piece, compressed a megabyte at a time."""

    def __init__(self) -> None:
        self._zip = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)  # 31: with a gzip header
        self._out: list[bytes] = []
        self._pending: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> None:
        self._pending.append(data)
        self._size += len(data)
        if self._size >= 1 << 20:
            self._compress()

    def _compress(self) -> None:
        self._out.append(self._zip.compress(b"".join(self._pending)))
        self._pending.clear()
        self._size = 0

    def close(self) -> bytes:
        self._compress()
        self._out.append(self._zip.flush())
        return b"".join(self._out)


def _write(put: Callable[[bytes], object], briefing: Briefing, analysis: Analysis,
           names: Names, memo: ExportMemo | None) -> None:
    put(f'{{"format":{_text(FORMAT)},"version":{VERSION},"briefing":{{'.encode())
    kept: dict[tuple[str, str], tuple[Any, bytes]] = {}
    first = True
    for name, omit in _omissions(type(briefing)):
        value = public_root(briefing) if name == "root" else getattr(briefing, name)
        if _omitted(value, omit):
            continue
        put(f'{"" if first else ","}{_text(name)}:'.encode())
        first = False
        if isinstance(value, dict) and all(_omissions(type(v)) for v in value.values()):
            _put_items(put, name, [value[key] for key in sorted(value)], memo, kept)
        else:
            put(_item(value))
    if memo is not None:
        memo.last = kept
    put(b'},"analysis":{')
    first = True
    for name, omit in _omissions(type(analysis)):
        value = getattr(analysis, name)
        if not _omitted(value, omit):
            put(f'{"" if first else ","}{_text(name)}:'.encode())
            first = False
            if isinstance(value, list):
                _put_items(put, name, value, None, kept)
            else:
                put(_item(value))
    put(b'},"names":{')
    texts = _own_texts(briefing)
    for index, item_id in enumerate(names.ids()):
        short, long = names.short(item_id), names.long(item_id)
        shown = ({"short": short} if long == short or long == texts.get(item_id)
                 else {"short": short, "long": long})
        put(f'{"," if index else ""}{_text(item_id)}:{_text(shown)}'.encode())
    put(b"}}\n")


def _own_texts(briefing: Briefing) -> dict[str, str]:
    """The `text` of every item that has one (facts, documents' points): a long name
    equal to it is left out of the export's `names`."""
    texts = {fact.id: fact.text for fact in briefing.facts.values()}
    texts.update((item.id, item.text) for doc in briefing.documents.values()
                 for item in doc.items)
    return texts


class ExportMemo:
    """Each item's JSON text from the last export (`export_json`). An item equal to the
    one exported then is written the same: the model holds the values as written (an
    item's `text`, its origin's line...), and `resolve` makes every amount a float."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, str], tuple[Any, bytes]] = {}


def _put_items(put: Callable[[bytes], object], section: str, items: list[Any],
               memo: ExportMemo | None, kept: dict[tuple[str, str], tuple[Any, bytes]]) -> None:
    """A list of items as a JSON list, one item at a time; with `memo`, items keyed by id
    reuse their last text, and `kept` receives each one's text."""
    put(b"[")
    for index, item in enumerate(items):
        if index:
            put(b",")
        if memo is None:
            put(_item(item))
            continue
        hit = memo.last.get((section, item.id))
        text = hit[1] if hit is not None and hit[0] == item else _item(item)
        kept[(section, item.id)] = (item, text)
        put(text)
    put(b"]")


def _item(value: Any) -> bytes:
    return _text(value if isinstance(value, _PLAIN) else _compact(value)).encode()


# Compact: compact JSON is written by the C encoder, several times faster than an
# indented one. Strict JSON: an infinite or NaN number (the checker bounds them out)
# fails loudly rather than writing `Infinity`, which no JSON reader accepts. One encoder
# for every call (`json.dumps` with options makes a new one each time).
_text: Callable[[Any], str] = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def load_export(data: dict[str, Any]) -> tuple[Briefing, Analysis]:
    """The briefing and analysis an export was made from."""
    if data.get("format") != FORMAT or data.get("version") not in READS:
        raise ValueError(f"not a {FORMAT} of version {' or '.join(map(str, READS))}")
    return _load(Briefing, data["briefing"]), _load(Analysis, data["analysis"])


_PLAIN = (str, int, float, bool, type(None))


def dump(value: Any) -> Any:
    """Any model value as plain JSON values, every field present (the export leaves out
    the empty ones: `_compact`)."""
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


NEVER, IF_NONE, IF_EMPTY = 0, 1, 2  # when the export leaves a field out


def _compact(value: Any) -> Any:
    """Like `_dump`, without the fields at their empty value (`_omissions`)."""
    fields = _omissions(type(value))
    if fields:
        out = {}
        for name, omit in fields:  # `_omitted` inline: this runs for every field
            v = getattr(value, name)
            if omit and (v is None if omit == IF_NONE else not v):
                continue
            out[name] = v if isinstance(v, _PLAIN) else _compact(v)
        return out
    if isinstance(value, dict):
        if any(not _field_names(type(v)) for v in value.values()):  # plain data (a reason)
            return {key: _dump(v) for key, v in sorted(value.items())}
        return [_compact(value[key]) for key in sorted(value)]  # sections keyed by id
    if isinstance(value, list | tuple):
        return [v if isinstance(v, _PLAIN) else _compact(v) for v in value]
    return _dump(value)


def _omitted(value: Any, omit: int) -> bool:
    return (value is None) if omit == IF_NONE else (omit == IF_EMPTY and not value)


@cache
def _omissions(cls: type) -> tuple[tuple[str, int], ...]:
    """A dataclass' fields, each with when the export leaves it out: an optional field when
    None, a list, tuple or dict when empty (so `_load` knows which it was); () for
    anything but a dataclass."""
    return tuple((name, _omission(hint)) for name, hint in _hints(cls).items()) \
        if dataclasses.is_dataclass(cls) else ()


def _omission(hint: Any) -> int:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint):
        return IF_NONE
    return IF_EMPTY if origin in (list, tuple, dict) else NEVER


def _absent(hint: Any, name: str) -> Any:
    """The value of a field the export left out."""
    omit = _omission(hint)
    if omit == IF_NONE:
        return None
    if omit == IF_EMPTY:
        return typing.get_origin(hint)()
    raise ValueError(f"the export lacks {name!r}")


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
        return hint(**{name: _load(hints[name], value[name]) if name in value
                       else _absent(hints[name], name) for name in hints})
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
    """A dataclass' fields and their types, in the order of its fields."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}
