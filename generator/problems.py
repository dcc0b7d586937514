"""Problems found in fact files, and how they are shown to a contributor."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# What a message must never carry raw: line breaks and other control characters (they
# would split the one-line `path:line:col` format) and invisible spaces (an id with a
# trailing no-break space must show it). Shown as Python-style escapes instead.
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064"
                      r"\u3000\ud800-\udfff\ufeff\ufffe\uffff]")
_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
SHOWN_LIMIT = 80

# What kind of mistake a problem is, in the order a contributor should fix them: a file
# that cannot be read defines nothing, so what follows may be knock-on effects. The error
# page and `check --format json` group problems by code (templates/error.md.j2 words them).
UNREADABLE = "unreadable"  # the file cannot be read as YAML at all
FILE_NAME = "file-name"  # a file or folder name the site cannot use
FORMAT = "format"  # a key or value not as the format defines it (generator/sections.py)
DUPLICATE_ID = "duplicate-id"
REFERENCE = "reference"  # an id that names nothing, the wrong kind of item, or a withdrawn one
CONSISTENCY = "consistency"  # items or keys that contradict each other
CLAIM_VALUE = "claim-value"  # a claim's value the comparison cannot use
CODES = (UNREADABLE, FILE_NAME, FORMAT, DUPLICATE_ID, REFERENCE, CONSISTENCY, CLAIM_VALUE)


def show(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A contributor's value for a message, quoted: on one line, invisibles made visible,
    cut to `limit` characters (a 2 MB value must not become a 2 MB message)."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text):,} characters)"
    return "'" + _UNSHOWN.sub(_escape_char, text) + "'"


def one_line(text: str) -> str:
    """Text with every line break and control character escaped."""
    return _BREAKING.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match[0])
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One mistake in one place: `path:line:col: error: message`, plus a hint to fix it.

    `line` and `col` are 1-based, as editors count them. `code` (one of CODES) says what
    kind of mistake it is, for grouping: later stages never read the message's wording.
    """

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    code: str = field(default=FORMAT, compare=False, kw_only=True)

    def as_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "col": self.col, "code": self.code,
                "message": self.message, "hint": self.hint}

    def format(self) -> str:
        """`path:line:col: error: message` on one line, then the hint on a second."""
        text = one_line(f"{self.path}:{self.line}:{self.col}: error: {self.message}")
        return f"{text}\n    hint: {one_line(self.hint)}" if self.hint else text

    def format_github(self) -> str:
        """A GitHub workflow annotation, so a pull request shows it on its line."""
        message = one_line(self.message) + (f"\nhint: {one_line(self.hint)}" if self.hint else "")
        return (
            f"::error file={_escape_property(one_line(self.path))},line={self.line},col={self.col},"
            f"title=Fact-file error::{_escape_data(message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def by_code(problems: list[Problem]) -> list[tuple[str, list[Problem]]]:
    """Problems grouped by code, in the order of CODES (each group in its given order)."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.code, []).append(problem)
    return [(code, groups[code]) for code in CODES if code in groups]


class BriefingError(Exception):
    """Bad input in the fact files: carries every problem found, never only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [problem.format() for problem in self.problems]
        lines.append(f"{count} error{'s' if count != 1 else ''} in the fact files.")
        return "\n".join(lines)


class InternalError(Exception):
    """A bug: an exception nobody expected, while processing one file or briefing.

    Never a contributor's mistake (those are Problems): it asks for a bug report, on one
    line, naming what was being processed so the report can be reproduced.
    """

    def __init__(self, what: str, error: BaseException) -> None:
        self.what, self.error = what, error
        super().__init__(one_line(
            f"internal error while processing {what}: {type(error).__name__}: "
            f"{str(error)[:300]}; please file a bug, with this line and that file"))

    def __reduce__(self) -> tuple[type[InternalError], tuple[str, BaseException]]:
        """Pickled as its two arguments, so that it is rebuilt whole in the process that
        forked the build (generator/apart.py): pickling an exception keeps only its
        message, which `__init__` does not take."""
        return (type(self), (self.what, self.error))


@contextmanager
def processing(what: str) -> Iterator[None]:
    """Turn any unexpected exception raised inside into an InternalError naming `what`.

    Problems, usage errors and an InternalError raised deeper (naming a smaller `what`)
    pass through unchanged.
    """
    try:
        yield
    except (InternalError, BriefingError):
        raise
    except Exception as error:
        raise InternalError(what, error) from error
