"""What `mkdocs serve --dirty` keeps from one rebuild to the next, so that an edit to one
fact file costs a rebuild of that briefing's changed pages, not of the whole site.

MkDocs' dirty builds rebuild a page only when `File.is_modified()`: its source file is newer
than the HTML built from it (a page held in memory always counts as modified). So under
`serve` the generated pages are written as files to a cache folder, each one rewritten only
when its Markdown changed (`PageFiles`); and a briefing folder is read and rendered again
only when one of its files changed (`Readings`, and `publish.site_content`'s `rendered`).
A change to what every page shows (the navigation, the home list, the set of pages) empties
the built site instead, so that the next build rebuilds every page (`Structure`).
`mkdocs build` uses none of this: it writes every page to a folder of its own (held.py)
and builds them all.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from generator.pipeline import FileCache, Reading, briefing_folders, read_folder
from generator.render import Page

Fingerprint = tuple[tuple[str, int, int], ...]


class Readings:
    """The last reading of each briefing folder, with the state of its files then."""

    def __init__(self) -> None:
        self.folders: dict[Path, tuple[Fingerprint, Reading]] = {}
        self.files: FileCache = {}  # each file's checks, parsed again only when it changes

    def read(self, root: Path, cwd: Path) -> Reading:
        """Every briefing below `root`, reading again only the folders whose files changed."""
        merged = Reading()
        kept: dict[Path, tuple[Fingerprint, Reading]] = {}
        for folder, paths in briefing_folders(root):
            stamp = fingerprint(paths)
            previous = self.folders.get(folder)
            reading = previous[1] if previous and previous[0] == stamp else None
            if reading is None:
                reading = read_folder(folder, paths, cwd, self.files)
            kept[folder] = (stamp, reading)
            merged.briefings += reading.briefings
            merged.problems += reading.problems
            merged.files += reading.files
        self.folders = kept
        listed = {path for _, paths in briefing_folders(root) for path in paths}
        self.files = {key: kept_file for key, kept_file in self.files.items()
                      if key[0] in listed}  # forget files gone
        return merged


def fingerprint(paths: list[Path]) -> Fingerprint:
    """Path, modification time and size of each file: what changes when one is edited."""
    out = []
    for path in paths:
        stat = path.stat()
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


class PageFiles:
    """Generated pages as files in a temporary folder, each written only when it changed."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="briefings-pages-"))
        self.written: dict[str, str | bytes] = {}

    def store(self, pages: list[Page]) -> int:
        """Write the pages that differ from the last call; remove those gone. Return how
        many were written."""
        current: dict[str, str | bytes] = {}
        changed = 0
        for page in pages:
            current[page.path] = page.content
            if self.written.get(page.path) == page.content:
                continue
            target = self.path(page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(page.content, bytes):
                target.write_bytes(page.content)
            else:
                target.write_text(page.content, encoding="utf-8")
            changed += 1
        for gone in self.written.keys() - current.keys():
            self.path(gone).unlink(missing_ok=True)
        self.written = current
        return changed

    def path(self, page_path: str) -> Path:
        return self.folder / page_path

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class Structure:
    """What every page of the site shows besides its own content: when it changes between
    two dirty builds, every page must be built again."""

    def __init__(self) -> None:
        self.last: object = None

    def changed(self, current: object) -> bool:
        """Record `current`; true when an earlier build had another one."""
        changed = self.last is not None and self.last != current
        self.last = current
        return changed


class CompiledTemplates(BytecodeCache):
    """The theme's compiled templates, kept in memory: MkDocs makes a new Jinja environment
    for every rebuild, and compiling Material's templates again costs more than building
    the few pages an edit changes. Jinja checks each template's source before reusing it."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def empty_folder(folder: Path) -> None:
    """Remove what a folder holds (the built site), keeping the folder itself."""
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
