"""Build the site into a folder of its own and put it in place only once it is whole.

MkDocs empties `site_dir` early in a build and writes pages one by one; a failure after
that (a crash in a theme template, in Markdown, in a plugin, or `--strict` refusing
warnings) would leave a half-written site, or none. So the plugin points MkDocs at a
staging folder next to `site_dir` and, when the build has succeeded, swaps it in with
two renames; on failure the staging folder is deleted and the previous site stays.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.utils import CountHandler

PREFIX = ".building-"  # staging folders: `.building-site-x1y2z3` next to `site`


def staging_folder(target: Path) -> Path:
    """A new empty folder beside `target` (same file system, so renaming is cheap)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{target.name}-", dir=target.parent))


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` with `staging`: the old site goes only once the new one is there."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".old-{target.name}-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def strict_warnings() -> int:
    """Warnings MkDocs has counted in `--strict` mode: it will abort after post_build."""
    handlers = logging.getLogger("mkdocs").handlers
    return sum(count for h in handlers if isinstance(h, CountHandler)
               for _, count in h.get_counts())
