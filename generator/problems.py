"""Problems found in fact files, and how they are shown to a contributor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One mistake in one place: `path:line:col: error: message`, plus a hint to fix it.

    `line` and `col` are 1-based, as editors count them.
    """

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: error: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def format_github(self) -> str:
        """A GitHub workflow annotation, so a pull request shows it on its line."""
        message = self.message + (f"\nhint: {self.hint}" if self.hint else "")
        return (
            f"::error file={_escape_property(self.path)},line={self.line},col={self.col},"
            f"title=Fact-file error::{_escape_data(message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
