"""The plugin-free path: pages written as files (`build --out`), built by Zensical.

Zensical reads mkdocs.yml but ignores plugins and hooks, so it needs the Markdown on
disk. These tests write the fixture's pages with `write_pages` and build them with
`zensical build`, and check `write_pages` swaps folders safely.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from built_html import read_html

from generator.analyze import analyze
from generator.build import MARKER, OutputFolderError, write_pages
from generator.pipeline import read_briefings
from generator.publish import PLACEHOLDER
from generator.render import Page, render_briefing
from generator.standalone import docs_tree

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site" / "briefings"
ZENSICAL = Path(sys.executable).parent / "zensical"
CONFIG = """\
site_name: Briefings
docs_dir: pages
site_dir: site
theme:
  name: material
  font: false
  features: [content.footnote.tooltips, navigation.tabs, navigation.sections]
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc
  - pymdownx.details
"""


def fixture_pages() -> list[Page]:
    reading = read_briefings(FIXTURE)
    reading.raise_for_problems()
    briefing = reading.briefings[0]
    pages = render_briefing(briefing, analyze(briefing),
                            "https://github.com/example/briefings/edit/main/")
    home = Page("index.md", "# Briefings\n\n- [Lakeside talks](lakeside-talks/index.md)\n", "")
    return [home, *pages]


def zensical_build(pages: list[Page], folder: Path) -> Path:
    """Write `pages` to `folder/pages` and build them with Zensical; return the site."""
    write_pages(pages, folder / "pages")
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    result = subprocess.run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], cwd=folder,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def test_zensical_builds_every_page_written_by_build_out(tmp_path: Path) -> None:
    assert "plugins" not in CONFIG and "hooks" not in CONFIG
    pages = fixture_pages()
    site = zensical_build(pages, tmp_path)
    for page in pages:
        if page.path.endswith(".md"):
            stem = page.path[: -len(".md")]
            built = site / (stem[: -len("index")] if stem.endswith("index") else stem + "/")
            assert (built / "index.html").is_file(), page.path
        else:
            assert (site / page.path).is_file(), page.path
    round_2 = read_html(site / "lakeside-talks" / "rounds" / "round-2" / "index.html")
    assert 'id="r2-opened-by-yilmaz"' in round_2 and 'class="footnote"' in round_2
    assert "admonition warning" in round_2
    assert "<script>alert" not in round_2
    assert "briefings/lakeside-talks/rounds/round-2.yaml" in round_2  # the edit link


def test_project_site_builds_with_zensical_from_the_cli_output(tmp_path: Path) -> None:
    """`build --out --config` on the real repository: Zensical builds every page it wrote."""
    repo = Path(__file__).resolve().parents[1]
    out, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(out), "--config", str(config)],
        cwd=repo, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    plugins = yaml.safe_load(config.read_text(encoding="utf-8"))["plugins"]
    assert not any("briefings" in str(plugin) for plugin in plugins)
    built = subprocess.run([str(ZENSICAL), "build", "-f", str(config)], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300,
                           env={**os.environ, "NO_COLOR": "1"})
    assert built.returncode == 0, built.stdout + built.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "istanbul-2025/rounds/round-2.md" in written and "methodology.md" in written
    for path in written:
        stem = path[: -len(".md")]
        page = stem[: -len("index")] if stem.endswith("index") else stem + "/"
        assert (tmp_path / "site" / page / "index.html").is_file(), path
    home = read_html(tmp_path / "site" / "index.html")
    assert "istanbul-2025/" in home and "<!-- briefings -->" not in home
    # No Pagefind index without the plugin: the pages keep the theme's own search.
    assert "pagefind" not in home and 'class="md-search__form" name="search"' in home


def test_write_pages_replaces_its_own_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_pages([Page("a/old.md", "old", "x.yaml")], out)
    write_pages([Page("b/new.md", "new", "x.yaml")], out)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [MARKER, "b/new.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary left over


def test_write_pages_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "handwritten.md").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="was not written by this command"):
        write_pages([Page("x.md", "x", "x.yaml")], docs)
    assert (docs / "handwritten.md").read_text(encoding="utf-8") == "mine"


def test_a_failed_write_leaves_the_old_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_pages([Page("keep.md", "keep", "x.yaml")], out)
    with pytest.raises(ValueError, match="outside the output folder"):
        write_pages([Page("../escape.md", "x", "x.yaml")], out)
    assert (out / "keep.md").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "escape.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]



# ------------------------------------------------------------ links, at a synthetic size

SYNTHETIC_FACTS = 200


def _synthetic_pages(tmp: Path) -> list[Page]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from synth import write_synthetic_briefing
    finally:
        sys.path.pop(0)
    folder = write_synthetic_briefing(tmp / "briefings", SYNTHETIC_FACTS)
    reading = read_briefings(folder.parent)
    reading.raise_for_problems()
    docs = tmp / "docs"  # a home page, as the project's, with the list of briefings
    docs.mkdir()
    (docs / "index.md").write_text(f"# Briefings\n\n{PLACEHOLDER}\n", encoding="utf-8")
    pages, _ = docs_tree(reading, folder.parent, docs)  # what `build --out` writes
    return pages


def _broken_links(site: Path) -> tuple[int, list[str]]:
    """Every internal href and src of every page: (how many, those that lead nowhere)."""
    from browser.support import index_site, resolve_href

    pages = index_site(site)
    broken, checked = [], 0
    for page in pages.values():
        for attr, href, _ in page.links:
            if urlsplit(href).scheme or href.startswith("//") or not href:
                continue
            path, fragment = resolve_href(page.path, href)
            checked += 1
            target = pages.get(path) or pages.get(path + "/" if path else path)
            if target is None and not (path and (site / path).is_file()):
                broken.append(f"{page.path}: {attr}={href!r}: no such page ({path!r})")
            elif target is not None and fragment and fragment not in target.ids:
                broken.append(f"{page.path}: {attr}={href!r}: no id {fragment!r}")
    return checked, broken


def test_zensical_build_of_a_synthetic_briefing_has_no_broken_internal_link(
        tmp_path: Path) -> None:
    checked, broken = _broken_links(zensical_build(_synthetic_pages(tmp_path), tmp_path))
    assert checked > 10 * SYNTHETIC_FACTS, checked  # every page's links were read
    assert not broken, f"{len(broken)} of {checked} links broken, e.g.\n" + "\n".join(
        broken[:20])
