"""The generated pages match the golden tree in tests/golden/ (refresh: `./dev golden`)."""

from __future__ import annotations

import difflib
import shutil

from golden import GOLDEN, read_golden, render_tree, write_golden

REFRESH = ("If the change is meant, run `./dev golden` and review `git diff tests/golden/` "
           "before committing it.")


def test_the_generated_pages_match_the_golden_tree() -> None:
    tree, golden = render_tree(), read_golden()
    missing = sorted(golden.keys() - tree.keys())
    added = sorted(tree.keys() - golden.keys())
    changed = sorted(p for p in tree.keys() & golden.keys() if tree[p] != golden[p])
    diffs = [
        "".join(difflib.unified_diff(golden[p].splitlines(keepends=True),
                                     tree[p].splitlines(keepends=True),
                                     f"tests/golden/{p}", f"generated {p}", n=1))
        for p in changed[:3]
    ]
    assert not (missing or added or changed), (
        f"no longer generated: {missing}\nnew: {added}\nchanged: {changed}\n"
        + "\n".join(d[:3000] for d in diffs) + "\n" + REFRESH)


def test_the_golden_tree_does_not_depend_on_the_clock_or_git(tmp_path, monkeypatch) -> None:
    """Rendered on another day, with another build date in the environment, and from a
    copy without .git, the tree is the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01
    copy = tmp_path / "repo"
    for part in ("briefings", "docs"):
        shutil.copytree(GOLDEN.parents[1] / part, copy / part)
    assert render_tree(copy) == read_golden()


def test_refreshing_rewrites_the_tree_whole(tmp_path) -> None:
    """A refresh drops files no longer generated and writes exactly the rendered tree."""
    folder = tmp_path / "golden"
    (folder / "gone").mkdir(parents=True)
    (folder / "gone" / "old.md").write_text("stale\n", encoding="utf-8")
    tree = {"a/b.md": "# B\n", "c.json": "{}\n"}
    write_golden(tree, folder)
    assert read_golden(folder) == tree


def test_no_generated_page_links_to_itself() -> None:
    """A page names its own subject ("Date of Round 2" on Round 2's page) without a link
    to "#": a self-link a reader follows to nowhere."""
    for path in sorted(GOLDEN.rglob("*.md")):
        assert "](#)" not in path.read_text(encoding="utf-8"), path
