"""The theme's markup around each page's content ("chrome"), built for real from the fixture.

Every page carries Material's header, tabs, sidebars, search box and scripts; at 50,000
facts that was 57 MB of the site. The icons are drawn by one stylesheet rendered from the
theme's settings (overrides/assets/stylesheets/icons.css), Material's small scripts come
from files the browser keeps, and the configuration leaves out what nothing reads. These
tests hold the bytes to a budget and check each of those moves; tests/browser/test_chrome.py
checks that a reader sees and can do the same.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from built_html import canonical
from mkdocs.config import load_config
from test_site import build_site, make_project

# Bytes of a published (minified) page outside its <article>, measured on the fixture
# (repository link and edit button included): 13.1-15.1 KB before the icons, scripts and
# configuration moved out, 8.2-10.3 KB after. A little room above the largest page, so
# only real growth fails.
BUDGET = 10_800


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("chrome")))


def chrome(page: str) -> str:
    """The page without its <article>…</article> (Material's content column)."""
    start, end = page.find("<article"), page.rfind("</article>")
    assert start >= 0 and end > start
    return page[:start] + page[end + len("</article>"):]


def pages(site: Path) -> dict[str, str]:
    """Every built page as published (minified)."""
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


def test_the_markup_around_each_page_stays_within_its_budget(site: Path) -> None:
    sizes = {name: len(chrome(text).encode()) for name, text in pages(site).items()}
    assert len(sizes) > 20
    over = {name: size for name, size in sizes.items() if size > BUDGET}
    assert not over, f"theme markup over budget ({BUDGET} B a page): {over}"


def test_no_page_inlines_an_icon_and_the_stylesheet_draws_each_one(site: Path) -> None:
    for name, text in pages(site).items():
        assert "<svg" not in chrome(text), name
        assert re.search(r'<link href="[^"]*assets/stylesheets/icons\.css" rel="stylesheet">',
                         canonical(text)), name
    # The edit button sits in the content column: its icon is drawn the same way.
    edit = re.findall(r'<a class="md-content__button md-icon" href="https://github.com/example/'
                      r'briefings/edit/[^"]*" rel="edit" title="[^"]*">(.*?)</a>',
                      canonical(pages(site)["lakeside-talks/rounds/round-2/index.html"]), re.S)
    assert [content.strip() for content in edit] == [""]
    css = (site / "assets" / "stylesheets" / "icons.css").read_text(encoding="utf-8")
    assert "{{" not in css and "{%" not in css
    icons = dict(re.findall(r"--bf-icon-([\w-]+): url\(\"data:image/svg\+xml;charset=utf-8,"
                            r"([^\"]+)\"\)", css))
    theme = load_config(str(site.parent / "mkdocs.yml")).theme
    toggles = [option["toggle"]["icon"] for option in theme["palette"]]
    assert set(icons) == {"logo", "menu", "search", "previous", "close", "share", "top",
                          "edit", "repo", *(f"palette-{i}" for i in range(len(toggles)))}
    material = Path(__import__("material").__file__).parent / "templates" / ".icons"
    for i, toggle in enumerate(toggles):  # the toggles' icons as mkdocs.yml names them
        drawn = (material / f"{toggle}.svg").read_text(encoding="utf-8").strip()
        assert unquote(icons[f"palette-{i}"]) == drawn
    for name, data in icons.items():
        svg = unquote(data)
        assert svg.startswith("<svg") and "<path" in svg and svg.endswith("</svg>"), name
        assert f"var(--bf-icon-{name})" in css, name


def test_no_inline_script_but_the_configuration_and_it_holds_only_what_is_read(
        site: Path) -> None:
    """Material's helpers and palette script come from files; the tabs script, for content
    tabs this site has none of, is left out; the configuration names no search worker and
    no search words (search-box.js brings them, in the site's language)."""
    for name, text in pages(site).items():
        page = canonical(text)
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
        assert inline == [' id="__config" type="application/json"'], name
        assert "__tabbed_" not in page, name
        srcs = re.findall(r'<script src="([^"]+)"', page)
        assert [Path(s).name for s in srcs[:2]] == ["md-scope.js", "palette.js"], name
    config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>',
                                  canonical(pages(site)["index.html"])).group(1))
    assert set(config) == {"base", "features", "translations"}
    assert set(config["translations"]) == {"clipboard.copy", "clipboard.copied"}
    box = (site / "assets" / "javascripts" / "search-box.js").read_text(encoding="utf-8")
    assert '"search.result.none": "No matching documents"' in box
    assert "{{" not in box and "{%" not in box
    scope = (site / "assets" / "javascripts" / "md-scope.js").read_text(encoding="utf-8")
    assert '__md_scope=new URL("../..",document.currentScript.src)' in scope
