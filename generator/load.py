"""Stage 1: read fact files into YAML node trees that remember where each value was written.

Parsing uses libyaml (`yaml.compose` with the C loader) for speed; no Python objects
are constructed here, so YAML 1.1 type guessing (`no` -> False, `13:00` -> 780) never
happens: the schema decides how each scalar is read. Problems that make a file
unreadable (size, encoding, tabs, syntax) are returned, never raised.
"""

from __future__ import annotations

import gc
import operator
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from generator.problems import FILE_NAME, UNREADABLE, Problem, show

MAX_FILE_BYTES = 2 * 1024 * 1024
T = TypeVar("T")
YAML_SUFFIXES = (".yaml", ".yml")
# Characters no fact file may hold: control characters other than tab and line breaks,
# lone surrogates and the non-characters U+FFFE/U+FFFF. YAML refuses most of them, but
# names neither line nor column; a double-quoted "\0" can still write one (schema.py).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_REPORTED = 10  # problems of one kind listed per file
# File and folder names inside a briefing: they become parts of URLs (the edit link) and
# of messages; letters, digits, '.', '_' and '-' are safe in all of them.
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NodeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's parser, minus YAML 1.1 tag guessing: the schema reads every scalar.

    Skipping the resolver's regular expressions saves a third of the parse time.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]

    # The composer calls these for every node, for path resolvers, which the safe loader
    # has none of: builtins that do nothing save a Python call each (a tenth of the parse).
    descend_resolver = staticmethod(operator.is_)  # (parent, index)
    ascend_resolver = staticmethod(tuple)  # ()


_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}
_Loader = _NodeLoader


@dataclass(slots=True)
class LoadedFile:
    """A parsed fact file: its path as shown to the contributor, and its root node (no
    node is shared: `load_file` refuses anchors and aliases before composing)."""

    path: str
    root: yaml.Node


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path relative to where the command runs, as contributors expect in messages.

    Bytes of a name that are not UTF-8 show as `\\xff`, not as unprintable surrogates.
    """
    try:
        shown = os.path.relpath(path, cwd or Path.cwd())
    except ValueError:  # another drive on Windows
        shown = str(path)
    return readable(shown)


def readable(name: str) -> str:
    """A file name as text: undecodable bytes (surrogate escapes) written as `\\xNN`."""
    if name.isascii() or not re.search(r"[\ud800-\udfff]", name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def name_problems(relative: Path, shown: str) -> list[Problem]:
    """A fact file whose name (or folder's name, inside its briefing) is not safe."""
    bad = [part for part in relative.parts if not SAFE_NAME.match(part)]
    if not bad:
        return []
    return [Problem(shown, 1, 1, f"file name {show(readable(bad[0]))} has characters other "
                    "than letters, digits, '.', '_' and '-'",
                    "rename it, e.g. rounds.yaml or round-2.yaml (the name is part of the "
                    "site's 'edit this page' link)", code=FILE_NAME)]


@contextmanager
def gc_paused(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while node trees are built.

    Composing creates millions of small objects and no cycles; with the collector on,
    its repeated passes more than double the parse time (measured: 4.9 s against 1.0 s
    for 8 MB of fact files).

    With `freeze`, what was built is then moved to the collector's permanent generation
    (`gc.freeze`), so that no later pass walks it again: for a model of millions of
    objects each full pass costs a third of a second (50,000 facts), and the passes the
    analysis and the site build trigger made them slower than linear. Only for objects
    without reference cycles (tests/test_pipeline.py checks the model has none): they
    are still freed when dropped. Garbage from before is collected first, so that none
    of it is frozen.
    """
    was_enabled = gc.isenabled()
    if freeze:
        # Thaw what an earlier reading froze (a previous `mkdocs serve` rebuild), so that
        # cycles among objects that have since become garbage are collected, not leaked.
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


class PageByPageCollection:
    """The cyclic garbage collector paused while MkDocs converts and writes pages, and run
    on the youngest generation after each page instead (`page_done`).

    Each page leaves a Markdown instance (and the theme's Jinja modules) in reference
    cycles. Converting a large page allocates enough for the collector to move that
    instance to its oldest generation before the page is done, so only full passes freed
    them, and each full pass walks everything the build holds: at 50,000 facts, 50 full
    passes took 2.6 s of the build. After each page, what the page left is all young."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        if gc.isenabled():
            gc.collect()
            gc.disable()
            self.paused = True

    def page_done(self) -> None:
        if self.paused:
            gc.collect(0)

    def resume(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False


def collected(value: T) -> T:
    """`value`, once the collector has freed the reference cycles left since its last pass
    (the youngest generation only: what was allocated since). For a loop under
    `gc_paused` that leaves some: Jinja does, a module of macros per page and template, so
    rendering a briefing kept 54 MB of garbage at 10,000 facts until its end."""
    gc.collect(0)
    return value


def find_fact_files(folder: Path) -> list[Path]:
    """Every YAML file below a folder, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def load_file(path: Path, shown: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Parse one file; on any problem return None and the problems."""
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as error:  # unreadable (permissions), or gone since it was listed
        return None, [Problem(shown, 1, 1, f"cannot read the file: {error.strerror or error}",
                              "check that the file exists and that you may read it",
                              code=UNREADABLE)]
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(
                shown, 1, 1,
                f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                "split it into several smaller files in the same folder",
                code=UNREADABLE,
            )
        ]
    text, problems = _decode(data, shown)
    if text is None:
        return None, problems
    problems = _control_characters(text, shown) or _tab_indentation(text, shown)
    if problems:
        return None, problems
    try:
        if "&" in text or "*" in text:  # cheap test first: the event scan costs a second parse
            problems = _anchors_and_aliases(text, shown)
            if problems:
                return None, problems
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, shown)]
    except yaml.YAMLError as error:
        return None, [Problem(shown, 1, 1, f"YAML error: {error}", None, code=UNREADABLE)]
    if root is None:
        return None, [
            Problem(shown, 1, 1, "file is empty",
                    "add a section such as `facts:` or `sources:`, or delete the file",
                    code=UNREADABLE)
        ]
    return LoadedFile(shown, root), []


def _decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        bad = data[error.start : error.start + 1].hex()
        return None, [
            Problem(shown, line, col, f"file is not UTF-8 text (byte 0x{bad} cannot be read)",
                    "save the file with UTF-8 encoding", code=UNREADABLE)
        ]
    return text.removeprefix("\ufeff"), []


def _control_characters(text: str, shown: str) -> list[Problem]:
    """Each control character, at its line and column (libyaml says "position N")."""
    problems = []
    for match in CONTROL.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        problems.append(Problem(
            shown, text.count("\n", 0, start) + 1, start - line_start + 1,
            f"control character U+{ord(match[0]):04X} is not allowed",
            "delete it (it is invisible in most editors); text may hold line breaks and "
            "tabs, but no other control characters", code=UNREADABLE))
        if len(problems) == MAX_REPORTED:
            break
    return problems


def _tab_indentation(text: str, shown: str) -> list[Problem]:
    """Tabs in indentation: libyaml's own message ("cannot start any token") is cryptic."""
    if "\t" not in text:  # nearly always: skip the walk over every line
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(shown, number, indent.index("\t") + 1, "tab used for indentation",
                        "YAML indentation must use spaces; replace the tab with spaces",
                        code=UNREADABLE)
            )
    return problems


def _anchors_and_aliases(text: str, shown: str) -> list[Problem]:
    """Refuse anchors and aliases: fact files do not need them, and an "alias bomb"
    (a few hundred bytes that expand to a billion nodes) must never reach later stages."""
    problems = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            what = f"YAML alias '*{event.anchor}'"
        elif getattr(event, "anchor", None):
            what = f"YAML anchor '&{event.anchor}'"
        else:
            continue
        mark = event.start_mark
        problems.append(Problem(shown, mark.line + 1, mark.column + 1,
                                f"{what}: anchors and aliases are not allowed in fact files",
                                "write the value out in full where it is needed",
                                code=UNREADABLE))
        if len(problems) == 10:
            break
    return problems


def _syntax_problem(error: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    if error.context:
        message = f"{error.context}: {message}"
    return Problem(shown, line, col, f"YAML syntax error: {message}", _syntax_hint(message),
                   code=UNREADABLE)


def _syntax_hint(message: str) -> str:
    if "mapping values are not allowed" in message:
        return "a text containing ': ' must be quoted, e.g. text: \"Talks: round two\""
    if "found character" in message and "cannot start any token" in message:
        return "quote the value if it starts with a special character such as ` @ or %"
    if "expected <block end>" in message or "could not find expected ':'" in message:
        return "check the indentation of this line against the lines above it"
    return "check the indentation and quoting near this position"
