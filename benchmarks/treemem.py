"""The memory a command and every process it starts hold together, sampled from /proc.

GNU `time -v` reports the peak of the largest single process. A site build runs
Pagefind's indexer while MkDocs' process still holds its heap: the machine needs both at
once, so the benchmark's build peak is the larger of `time`'s figure and this one (the
sum of the resident memory of every process in the command's session, sampled every
50 ms: a spike shorter than that can be missed, which `time`'s figure bounds from below).
Linux only; elsewhere `peak` stays None.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class TreeMemory:
    """Samples the resident memory of the processes of one session until stopped."""

    def __init__(self, session: int, interval: float = 0.05) -> None:
        self.session = session
        self.interval = interval
        self.peak: int | None = None  # bytes
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="tree-memory")

    def __enter__(self) -> TreeMemory:
        if PROC.is_dir():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            total = session_rss(self.session)
            if total and (self.peak is None or total > self.peak):
                self.peak = total


def session_rss(session: int) -> int:
    """Bytes resident in the processes of `session` now (those that vanish are skipped)."""
    total = 0
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = (PROC / entry.name / "stat").read_text()
            # after the command name (which may hold spaces and parentheses): state, ppid,
            # process group, session
            if int(stat.rsplit(")", 1)[1].split()[3]) != session:
                continue
            total += int((PROC / entry.name / "statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total
