"""Write rendered pages to a folder, for `python -m generator build --out DIR` (Zensical).

Zensical ignores MkDocs plugins, so for it the pages must exist as files. The folder is
written whole into a temporary sibling and then swapped in, so a reader (or a running
`zensical serve`) never sees half a site, and a failed run leaves the old folder intact.
Only a folder this function made (it holds a marker file) is ever replaced: pointing
`--out` at `docs/` by mistake is refused rather than wiping hand-written pages.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.render import Page

MARKER = ".generated-briefing-pages"


class OutputFolderError(Exception):
    """The output folder exists and was not made by `write_pages`."""


def write_pages(pages: Iterable[Page], out_dir: Path) -> None:
    """Replace `out_dir` with exactly these pages (paths relative to it)."""
    out_dir = Path(out_dir)
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for page in sorted(pages, key=lambda p: p.path):
            target = _inside(staging, page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(page.content, bytes):  # a copied asset (an image, say)
                target.write_bytes(page.content)
            else:
                target.write_text(page.content, encoding="utf-8")
        (staging / MARKER).write_text("Written by generator.build; replaced on each build.\n",
                                      encoding="utf-8")
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.is_file() or (out_dir.is_dir() and any(out_dir.iterdir())
                             and not (out_dir / MARKER).is_file()):
        raise OutputFolderError(
            f"{out_dir} exists and was not written by this command: "
            "choose an empty or new folder")


def _inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing paths that would land outside `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"page path outside the output folder: {relative}")
    return target


def _swap(staging: Path, out_dir: Path) -> None:
    """Put `staging` in place of `out_dir` with renames (atomic on one file system)."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    old = out_dir.with_name(f".{out_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old)
