"""The Pagefind index of the site, written by the `briefings` plugin after each build.

As MkDocs renders each page, the plugin writes the page's searchable copy
(`search.searchable`: its content HTML, without the theme around it, with the spellings
readers type) to a folder of its own, at the page's path in the site; after the build,
Pagefind's binary (the `pagefind[bin]` package ships it) indexes that folder into
`site/pagefind/` in one run. Pagefind computes each page's URL from its path, so results
lead to the built pages. Under `mkdocs serve --dirty` only the pages an edit changed are
rendered again: the folder keeps the other copies, and the index is written again in a
background thread after each rebuild (the page shows at once, search follows).
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from generator.search import EXCLUDE

log = logging.getLogger("mkdocs.plugins." + __name__)
FOLDER = "pagefind"  # below site_dir; the page script loads pagefind/pagefind.js from it


class SearchError(RuntimeError):
    """Pagefind could not write the index."""


class SearchCopies:
    """Searchable copies of the site's pages in a temporary folder, and the index of them."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="briefings-search-"))
        self.paths: set[str] = set()

    def add(self, path: str, title: str, content: str) -> None:
        """Keep the copy of the page built at `path` (e.g. `a/b/index.html`)."""
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!DOCTYPE html><html lang="en"><head><title>{html.escape(title)}'
                          f"</title></head><body>{content}</body></html>", encoding="utf-8")
        self.paths.add(path)

    def keep_only(self, paths: set[str]) -> None:
        """Forget the copies of pages that are gone from the site."""
        for gone in self.paths - paths:
            (self.folder / gone).unlink(missing_ok=True)
        self.paths &= paths

    def write(self, out: Path) -> None:
        """Index every copy into a new folder, then put it in the place of `out` (a server
        goes on serving the old index meanwhile, and no stale chunk is left behind)."""
        from pagefind.service import get_executable  # only when a site is built

        fresh, old = out.with_name(out.name + ".new"), out.with_name(out.name + ".old")
        shutil.rmtree(fresh, ignore_errors=True)
        command = [str(get_executable()), "--site", str(self.folder), "--output-path",
                   str(fresh), "--force-language", "en", "--quiet"]
        for selector in EXCLUDE:
            command += ["--exclude-selectors", selector]
        done = on_one_core(command)
        if done.returncode != 0 or not (fresh / "pagefind.js").is_file():
            shutil.rmtree(fresh, ignore_errors=True)
            raise SearchError(f"pagefind exited with {done.returncode}: "
                              f"{(done.stderr or done.stdout).strip()[-500:]}")
        if out.is_dir() and not out.is_symlink():
            out.rename(old)
        fresh.rename(out)
        shutil.rmtree(old, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def on_one_core(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run `command` restricted to one of this thread's cores. Pagefind runs its tasks on
    every core it may use; on one it takes the same CPU time and less memory (674 MB
    instead of 766 MB at 50,000 facts, with two cores), while MkDocs' process waits."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    if len(cores) > 1:
        os.sched_setaffinity(0, {min(cores)})  # this thread's; the child inherits it
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        if len(cores) > 1:
            os.sched_setaffinity(0, cores)


class LiveIndex:
    """Under `mkdocs serve --dirty`: the copies kept between rebuilds, and the index written
    again in a background thread after each rebuild (one run at a time; the latest wins)."""

    def __init__(self) -> None:
        self.copies = SearchCopies()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.wanted: Path | None = None

    def update(self, paths: set[str], out: Path) -> None:
        """Keep the copies at `paths` (the site's pages now) and index them into `out`."""
        with self.lock:
            self.copies.keep_only(paths)
            self.wanted = out
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, daemon=True,
                                               name="pagefind-serve")
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                out, self.wanted = self.wanted, None
            if out is None:
                return
            try:
                self.copies.write(out)
            except (OSError, SearchError) as error:  # not worth stopping the preview for
                log.warning(f"briefings: search index not updated: {error}")

    def close(self) -> None:
        if self.thread is not None:
            self.thread.join()
        self.copies.close()
