"""Run one step of a build in a forked copy of the process, and get its result back.

Reading, analysing and rendering 50,000 facts peaks at about 600 MB in MkDocs' process.
Python gives little of that back to the system afterwards (its allocator frees an arena
only once every object in it is gone), so the process went on holding about 420 MB
while it converted the pages and while Pagefind, a second process, indexed them: the
machine needed both at once. Done in a child, the step's memory goes when the child
exits; the parent receives only the result (pickled: small, since the pages are files by
then). Records the child logs under `mkdocs` are logged again by the parent, so MkDocs
counts them (`--strict`) as its own. Where `os.fork` is missing, the step runs in the
process itself.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
LOGGER = "mkdocs"  # MkDocs' handlers (output, --strict counting) are on this logger


class ChildFailed(RuntimeError):
    """The child ended without a result (killed, or its result could not be pickled)."""


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def in_child(step: Callable[[], T]) -> T:
    """`step()`, computed in a forked child: its result, or the exception it raised."""
    if not hasattr(os, "fork"):
        return step()
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read)
        _child(step, write)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise ChildFailed(f"the child process ended with status {status} and no result")
    ok, value, records = pickle.loads(data)
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


def _child(step: Callable[[], object], write: int) -> None:
    code = 1
    try:
        logger = logging.getLogger(LOGGER)
        kept = _Kept()
        handlers, propagate = logger.handlers, logger.propagate
        logger.handlers, logger.propagate = [kept], False  # the parent logs them
        try:
            outcome: tuple[bool, object] = (True, step())
        except BaseException as error:  # sent to the parent, which raises it
            outcome = (False, error)
        finally:
            logger.handlers, logger.propagate = handlers, propagate
        try:
            data = pickle.dumps((*outcome, kept.records), pickle.HIGHEST_PROTOCOL)
            if not outcome[0]:  # an exception that pickles but cannot be rebuilt fails here
                pickle.loads(data)
        except Exception as error:  # an unpicklable result or exception
            said = f"; it said: {outcome[1]}" if not outcome[0] else ""
            failed = ChildFailed(f"{type(error).__name__}: {error}{said}")
            data = pickle.dumps((False, failed, kept.records), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
