"""A build step run in a forked child behaves as if run in MkDocs' own process."""

from __future__ import annotations

import logging
import os

import pytest

from generator.apart import ChildFailed, in_child
from generator.pages import PageClash
from generator.problems import InternalError


def test_the_result_comes_back_and_the_child_has_its_own_memory() -> None:
    seen: list[int] = []

    def step() -> tuple[int, dict[str, list[int]]]:
        seen.append(1)  # in the child's copy of `seen`
        return os.getpid(), {"pages": [1, 2, 3]}

    pid, result = in_child(step)
    assert result == {"pages": [1, 2, 3]}
    assert pid != os.getpid() and seen == []


def test_an_exception_in_the_child_is_raised_in_the_parent() -> None:
    def step() -> None:
        raise PageClash("a/index.md: two pages share this path")

    with pytest.raises(PageClash, match="two pages share this path"):
        in_child(step)


def test_an_internal_error_in_the_child_reaches_the_parent_whole() -> None:
    """A bug while rendering in the child is reported as the bug it is (the briefing
    and the original error), not as a failure to rebuild the exception."""
    def step() -> None:
        raise InternalError("the briefings", KeyError("round-9"))

    with pytest.raises(InternalError, match="while processing the briefings: KeyError"):
        in_child(step)


def test_an_exception_that_cannot_be_rebuilt_still_says_what_happened() -> None:
    class Odd(Exception):
        def __init__(self, a: str, b: str) -> None:
            super().__init__(f"{a} and {b}")

    def step() -> None:
        raise Odd("this", "that")

    with pytest.raises(ChildFailed, match="it said: this and that"):
        in_child(step)


def test_what_the_child_logs_under_mkdocs_is_logged_by_the_parent(caplog) -> None:
    """MkDocs counts warnings (for `--strict`) with a handler in its own process."""
    def step() -> int:
        logging.getLogger("mkdocs.plugins.generator.site").warning("briefings: a warning")
        return 1

    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        assert in_child(step) == 1
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("mkdocs.plugins.generator.site", logging.WARNING, "briefings: a warning")]
