"""When each item was first published and last changed: one pass over the git history.

No database: the dates come from the commits of `briefings/` on the branch being built
(first parent only, so a merged pull request counts from its merge). Three git calls
in all, whatever the size: `rev-parse` (where the repository is, whether it is shallow),
one `log --raw` listing each commit's changed files with their blob ids, and one
`cat-file --batch` streaming those blobs. Each file version is cut into its list items
(a regular-expression split on the item lines, in C), and only items whose text was not
seen before are parsed, so the cost follows the size of the changes, not of the files
times the commits. Without a usable history (a tarball, a shallow clone, no git) the
result says so and every date is unknown.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import yaml

from generator.sections import SECTION_ITEMS

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
_FIRST_ITEM = re.compile(r"^([ \t]*)- ", re.MULTILINE)
_RECORD, _UNIT = "\x1e", "\x1f"
_NULL_SHA = re.compile(r"^0+$")
Key = tuple[str, str]  # (section, id)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A commit of the history: its id, its (committer) date and its message."""

    commit: str
    date: datetime
    message: str

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def subject(self) -> str:
        return self.message.strip().split("\n", 1)[0]


@dataclass(slots=True)
class Event:
    """An item added, changed or removed by one commit (values as written in YAML)."""

    stamp: Stamp
    change: str  # added | changed | removed
    section: str
    id: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None


@dataclass(slots=True)
class ItemHistory:
    first: Stamp  # first published
    last: Stamp  # last changed (the first stamp when it never changed)
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class History:
    """Dates of every item of every briefing, or why they are unknown (`known` false)."""

    known: bool
    reason: str = ""
    items: dict[str, dict[Key, ItemHistory]] = field(default_factory=dict)  # by slug
    events: dict[str, list[Event]] = field(default_factory=dict)  # by slug, oldest first
    commits: int = 0

    def of(self, slug: str, section: str, item_id: str) -> ItemHistory | None:
        return self.items.get(slug, {}).get((section, item_id))


def unknown(reason: str) -> History:
    return History(known=False, reason=reason)


def read_history(folder: Path) -> History:
    """The history of the briefings folder `folder` (one pass; see the module docstring)."""
    try:
        where = _git(folder, "rev-parse", "--show-toplevel", "--show-prefix",
                     "--is-shallow-repository")
    except (OSError, subprocess.CalledProcessError):
        return unknown("the site was built outside a git repository")
    lines = where.split("\n")
    if len(lines) < 3:
        return unknown("git did not say where the repository is")
    top, prefix, shallow = Path(lines[0]), lines[1], lines[2]
    if shallow == "true":
        return unknown("the repository is a shallow clone: fetch its whole history")
    try:
        log = _git(top, "log", "--first-parent", "--diff-merges=first-parent", "--reverse",
                   "--raw", "--no-abbrev", "--no-renames",
                   f"--format={_RECORD}%H{_UNIT}%cI{_UNIT}%B{_UNIT}", "--", prefix or ".")
    except subprocess.CalledProcessError:
        return unknown("the repository has no commits yet")
    commits = list(_parse_log(log, prefix))
    history = History(known=True, commits=len(commits))
    if commits:
        _replay(top, commits, history)
    return history


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=True,
                          text=True, encoding="utf-8", errors="replace", env=env).stdout


def _parse_log(log: str, prefix: str) -> Iterator[tuple[Stamp, list[tuple[str, str]]]]:
    """Each commit's stamp and its changed fact files, (slug/relative path, new blob)."""
    for record in log.split(_RECORD)[1:]:
        commit, date, message, raw = record.split(_UNIT, 3)
        files = []
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            meta, path = line.split("\t", 1)
            blob = meta.split()[3]
            relative = path[len(prefix):] if path.startswith(prefix) else path
            if "/" in relative and relative.endswith((".yaml", ".yml")):
                files.append((relative, "" if _NULL_SHA.match(blob) else blob))
        if files:
            yield Stamp(commit, datetime.fromisoformat(date), message.strip()), files


class _Blobs:
    """`git cat-file --batch`, fed by a thread so that neither pipe can fill and block."""

    def __init__(self, top: Path, shas: list[str]) -> None:
        self.proc = subprocess.Popen(["git", "-C", str(top), "cat-file", "--batch"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.out: IO[bytes] = self.proc.stdout
        self.feeder = threading.Thread(target=self._feed, args=(self.proc.stdin, shas),
                                       daemon=True)
        self.feeder.start()

    @staticmethod
    def _feed(stdin: IO[bytes], shas: list[str]) -> None:
        try:
            stdin.write("".join(f"{s}\n" for s in shas).encode())
        finally:
            stdin.close()

    def next(self) -> str:
        header = self.out.readline().split()
        if len(header) != 3:
            raise ValueError(f"unexpected git cat-file output: {header!r}")
        data = self.out.read(int(header[2]))
        self.out.read(1)  # the newline after each object
        return data.decode("utf-8", errors="replace")

    def close(self) -> None:
        self.feeder.join()
        self.out.close()
        self.proc.wait()


def _replay(top: Path, commits: list[tuple[Stamp, list[tuple[str, str]]]],
            history: History) -> None:
    """Walk the commits oldest first, keeping each file's items and each id's value."""
    order: list[str] = []
    seen: set[str] = set()
    for _, files in commits:
        for _, blob in files:
            if blob and blob not in seen:
                seen.add(blob)
                order.append(blob)
    blobs = _Blobs(top, order)
    parsed: dict[str, dict[Key, dict[str, Any]] | None] = {}  # blob -> its items
    chunks: dict[str, Any] = {}  # item text -> parsed item (the same text parses once)
    files: dict[str, dict[Key, dict[str, Any]]] = {}  # path -> items now
    owner: dict[tuple[str, Key], str] = {}  # (slug, key) -> the file holding it now
    try:
        for stamp, changed in commits:
            touched: set[tuple[str, Key]] = set()
            for path, blob in changed:
                slug = path.split("/", 1)[0]
                if blob and blob not in parsed:
                    parsed[blob] = _items(blobs.next(), chunks)
                items = parsed[blob] if blob else {}
                if items is None:  # this version did not parse: keep the previous one
                    continue
                before = files.pop(path, {})
                for key in before.keys() - items.keys():
                    if owner.get((slug, key)) == path:
                        del owner[(slug, key)]
                    touched.add((slug, key))
                for key, value in items.items():
                    if before.get(key) is not value:  # same text, same (cached) object
                        owner[(slug, key)] = path
                        touched.add((slug, key))
                if items:
                    files[path] = items
            for slug, key in sorted(touched):
                path = owner.get((slug, key))
                _record(history, stamp, slug, key, files[path][key] if path else None)
    finally:
        blobs.close()


def _record(history: History, stamp: Stamp, slug: str, key: Key,
            value: dict[str, Any] | None) -> None:
    items = history.items.setdefault(slug, {})
    item = items.get(key)
    previous = item.events[-1].new if item else None
    if previous == value:
        return
    change = "added" if previous is None else "removed" if value is None else "changed"
    event = Event(stamp, change, key[0], key[1], previous, value)
    if item is None:
        item = items[key] = ItemHistory(stamp, stamp)
    item.last = stamp
    item.events.append(event)
    history.events.setdefault(slug, []).append(event)


def _items(text: str, cache: dict[str, Any]) -> dict[Key, dict[str, Any]] | None:
    """The items with ids of one file version by (section, id); None if it does not parse."""
    out: dict[Key, dict[str, Any]] = {}
    keys = list(_TOP_KEY.finditer(text))
    for number, match in enumerate(keys):
        section = match.group(1)
        if section not in SECTION_ITEMS:
            continue
        end = keys[number + 1].start() if number + 1 < len(keys) else len(text)
        body = text[match.end():end]
        values = _section_items(body, cache)
        if values is None:
            return None
        for value in values:
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                out[(section, value["id"])] = value
    return out


def _section_items(body: str, cache: dict[str, Any]) -> list[Any] | None:
    """The list items of one section's text, each parsed once however often it recurs."""
    first = _FIRST_ITEM.search(body)
    if first is None or body[: first.start()].strip() not in ("", "|", ">"):
        return _parse(body, cache)  # flow style (`facts: [...]`) or empty: parse whole
    indent = first.group(1)
    parts = [f"{indent}- {part}" for part in
             re.split(rf"^{indent}- ", body[first.start():], flags=re.MULTILINE)[1:]]
    new = [part for part in parts if part not in cache]
    if len(new) > 1:  # parse the new items in one call, each cached on its own
        together = _parse("".join(new), {})
        if together is not None and len(together) == len(new):
            cache.update((part, [value]) for part, value in zip(new, together, strict=True))
    values = []
    for part in parts:
        parsed = _parse(part, cache)
        if parsed is None:
            return None
        values += parsed
    return values


def _parse(text: str, cache: dict[str, Any]) -> list[Any] | None:
    if text in cache:
        return cache[text]
    try:
        value = yaml.load(text, Loader=yaml.CSafeLoader) or []
    except yaml.YAMLError:
        value = None
    if value is not None and not isinstance(value, list):
        value = None
    cache[text] = value
    return value


def build_date() -> datetime:
    """The date the site is built as of: SOURCE_DATE_EPOCH (reproducible builds) or now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)
