"""The Pagefind index of the site, written by the `briefings` plugin after each build.

Pagefind's indexing service (the `pagefind` package ships its binary) runs beside the
build: each page's content is sent as MkDocs renders it (`search.searchable` prepares it),
and Pagefind indexes it on the other core while the build goes on. Under
`mkdocs serve --dirty` only the pages an edit changed are rendered again, so `LiveIndex`
keeps every page's copy and writes the whole index again in the background after each
rebuild: the page shows at once, search follows a few seconds later.
"""

from __future__ import annotations

import asyncio
import html
import logging
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from generator.search import EXCLUDE

log = logging.getLogger("mkdocs.plugins." + __name__)
FOLDER = "pagefind"  # below site_dir; the page script loads pagefind/pagefind.js from it


class PagefindWriter:
    """A Pagefind index built beside the build: `add` sends a page and returns at once,
    `write` waits for every page and writes the index. Pagefind's Python API is asynchronous;
    its event loop runs in a thread of its own."""

    def __init__(self) -> None:
        from pagefind.index import IndexConfig, PagefindIndex  # only when a site is built

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True,
                                       name="pagefind")
        self.thread.start()
        config = IndexConfig(force_language="en", exclude_selectors=EXCLUDE)
        self.index = PagefindIndex(config=config)
        self.started = self._submit(self.index._start())  # the API's own start-up
        self.pending: list[Future[Any]] = []

    def _submit(self, coroutine: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def add(self, url: str, title: str, content: str) -> None:
        """Index a page's content HTML (already `searchable`) under its site URL."""
        page = (f'<html lang="en"><head><title>{html.escape(title)}</title></head>'
                f"<body>{content}</body></html>")
        self.pending.append(self._submit(self._add(url, page)))

    async def _add(self, url: str, page: str) -> None:
        await asyncio.wrap_future(self.started)
        await self.index.add_html_file(content=page, url=url)

    def write(self, folder: Path) -> None:
        """Wait for every page, then write the index to `folder` (e.g. site/pagefind)."""
        try:
            self.started.result()
            for future in self.pending:
                future.result()
            self._submit(self.index.write_files(output_path=str(folder))).result()
        finally:
            self.close()

    def close(self) -> None:
        """Stop Pagefind's service and the thread (also when the build failed)."""
        if not self.loop.is_running():
            return
        try:
            self.started.result()
        except Exception:  # the service did not start: nothing to stop
            pass
        else:
            if self.index._service is not None:
                self._submit(self.index._service.close()).result()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()


class LiveIndex:
    """Under `mkdocs serve --dirty`: every page's searchable copy, and the index written
    again in a background thread after each rebuild (one at a time, the latest wins)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, str]] = {}  # url -> (title, searchable content)
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.wanted: tuple[dict[str, tuple[str, str]], Path] | None = None

    def update(self, urls: set[str], folder: Path) -> None:
        """Keep the pages at `urls` (the site's pages now) and index them into `folder`."""
        self.pages = {url: page for url, page in self.pages.items() if url in urls}
        with self.lock:
            self.wanted = (dict(self.pages), folder)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, daemon=True,
                                               name="pagefind-serve")
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                wanted, self.wanted = self.wanted, None
            if wanted is None:
                return
            pages, folder = wanted
            try:
                write_index(pages, folder)
            except Exception as error:  # search is not worth stopping the preview for
                log.warning(f"briefings: search index not updated: {error}")

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()


def write_index(pages: dict[str, tuple[str, str]], folder: Path) -> None:
    """Index `pages` into a new folder, then put it in the place of `folder` (the server
    goes on serving the old index meanwhile, and no stale chunk is left behind)."""
    fresh = folder.with_name(folder.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    writer = PagefindWriter()
    for url, (title, content) in pages.items():
        writer.add(url, title, content)
    writer.write(fresh)
    old = folder.with_name(folder.name + ".old")
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
