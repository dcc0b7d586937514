"""What a build holds of each generated page between rendering it and writing it, kept small.

MkDocs reads and converts every page before it writes any (the navigation and the links
between pages need them all), and keeps what it made of each until the end of the build.
With the generated pages added as in-memory files, a build of 50,000 facts held every
page's Markdown twice (as rendered, and as MkDocs read it), its HTML, and the export at
once: 1.8 GB at its peak. So (except under `serve --dirty`, whose pages are files
already: `preview.PageFiles`):

- each page, feed and export is written to a temporary folder as soon as it is rendered
  (`WrittenPages`), and MkDocs reads it from there when it gets to it, one at a time;
- once MkDocs has converted a page, its Markdown is let go of, and its HTML waits in a
  temporary file until the theme puts it in its page (`HeldPages`), then is let go of
  once the page is written. (Kept compressed in memory, the HTML of 50,000 facts took
  35 MB of the heap, which the process went on holding after the pages were written,
  while Pagefind ran, and CPU to compress.)

The site written is the same, byte for byte: only when each text is held changes.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from mkdocs.structure.pages import Page as MkDocsPage

from generator.render import Page


class WrittenPages:
    """Generated pages as files in a temporary folder, each written as it is rendered."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="briefings-pages-"))
        self.written: set[str] = set()

    def keep(self, page: Page) -> Page:
        """Write `page` (for render_briefing's `keep`); what is kept in memory is its path."""
        target = self.path(page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        content = page.content
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        self.written.add(page.path)
        return dataclasses.replace(page, content="")

    def store(self, pages: list[Page]) -> int:
        """Write those of `pages` not written as they were rendered (the site's feed, error
        pages; `preview.PageFiles` has the same method). Return how many."""
        missing = [page for page in pages if page.path not in self.written]
        for page in missing:
            self.keep(page)
        return len(missing)

    def path(self, page_path: str) -> Path:
        return self.folder / page_path

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class HeldPages:
    """The HTML of converted pages, in a temporary file, until each is written."""

    def __init__(self) -> None:
        self.file: BinaryIO | None = None  # opened with the first page, deleted on close
        self.html: dict[str, tuple[int, int]] = {}  # source path -> (offset, length)

    def converted(self, page: MkDocsPage, html: str) -> str:
        """The page is converted to `html`: keep it in the file, drop the Markdown (emptied,
        not None: MkDocs takes a page without Markdown for one without a title), and
        return what MkDocs holds meanwhile."""
        if self.file is None:
            self.file = tempfile.TemporaryFile(prefix="briefings-html-")  # noqa: SIM115
        data = html.encode("utf-8")
        self.file.seek(0, os.SEEK_END)
        self.html[page.file.src_uri] = (self.file.tell(), len(data))
        self.file.write(data)
        page.markdown = ""
        return ""

    def restore(self, page: MkDocsPage) -> None:
        """The theme is about to render the page: give it its HTML back."""
        held = self.html.pop(page.file.src_uri, None)
        if held is not None and self.file is not None:
            offset, length = held
            self.file.seek(offset)
            page.content = self.file.read(length).decode("utf-8")

    def written(self, page: MkDocsPage) -> None:
        """The page is written: nothing needs its HTML any more."""
        page.content = ""

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        self.html = {}
