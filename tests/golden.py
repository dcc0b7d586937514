"""The golden rendered tree: every file the generator writes for the project's briefings.

`tests/golden/` holds the Markdown pages, feeds and JSON export of `briefings/` as the
site build generates them, so that every change of wording or markup is reviewed as a
diff (`tests/test_golden.py` compares). A gzip-compressed file (the export,
`export.json.gz`) is kept as the text it decompresses to, named without its `.gz`.
After a deliberate change, refresh it with

    ./dev golden

and read `git diff tests/golden/` before committing it. Never refresh it blindly.

The tree does not depend on when or where it is rendered: the build date is fixed
(SOURCE_DATE_EPOCH, the reproducible-builds convention the generator reads) and the git
history is not read (the Updates page, "new" marks and correction notes come from the
history; tests/history_repo.py covers them with a fixed history of its own), so commits
do not change it.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
BUILD_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, the "today" of the golden site
SITE_NAME = "Briefings"  # mkdocs.yml's site_name


@contextmanager
def _fixed_clock() -> Iterator[None]:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def render_tree(root: Path = ROOT) -> dict[str, str]:
    """Every generated file of the site at `root`, by path: the briefings' pages, feeds and
    exports, and (under docs/) the hand-written pages the generator fills in."""
    from generator.pipeline import read_briefings
    from generator.publish import fill_page, read_handwritten, site_content

    docs = root / "docs"
    reading = read_briefings(root / "briefings", cwd=root)
    problems = [p.format() for p in reading.problems]
    if problems:
        raise SystemExit("\n".join(problems))
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    handwritten = read_handwritten(docs, written, {b.slug for b in reading.briefings})
    with _fixed_clock():
        content = site_content(reading, "briefings", handwritten, history=None,
                               site_name=SITE_NAME)
    tree = dict(_readable(page.path, page.content) for page in content.pages)
    for path in written:  # hand-written pages the generator fills in (home, kinds table)
        text = (docs / path).read_text(encoding="utf-8")
        filled = fill_page(path, text, content.home)
        if filled != text:
            tree[f"docs/{path}"] = filled
    return tree


def read_golden(folder: Path = GOLDEN) -> dict[str, str]:
    """The stored tree, by path."""
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_golden(tree: dict[str, str], folder: Path = GOLDEN) -> None:
    """Replace the stored tree by `tree` (files no longer generated disappear)."""
    if folder.exists():
        shutil.rmtree(folder)
    for path, text in sorted(tree.items()):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def _readable(path: str, content: str | bytes) -> tuple[str, str]:
    """A generated file as the tree keeps it: text, decompressed if it is gzip."""
    if isinstance(content, str):
        return path, content
    if path.endswith(".gz"):
        return path.removesuffix(".gz"), gzip.decompress(content).decode("utf-8")
    return path, content.decode("utf-8")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    before = read_golden() if GOLDEN.exists() else {}
    tree = render_tree()
    write_golden(tree)
    changed = sorted(p for p in tree.keys() | before.keys() if tree.get(p) != before.get(p))
    for path in changed:
        state = "added" if path not in before else "removed" if path not in tree else "changed"
        print(f"golden: {state} tests/golden/{path}")
    print(f"golden: {len(tree)} files, {len(changed)} changed; review with "
          "`git diff tests/golden/`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
