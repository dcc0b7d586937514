"""The Material site, built for real (MkDocs + Material + the plugin) from the fixture.

The fixture (`tests/fixtures/site/`) is a small fictional briefing with every kind of
item, diacritics, a recorded discrepancy and text that tries to inject HTML and links.
Each test reads the built HTML as a reader's browser would get it.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from built_html import indexed_texts, read_html
from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.navcache import SidebarCache
from generator.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
SLUG = "lakeside-talks"


def make_project(tmp: Path) -> Path:
    """The fixture next to the repository's own mkdocs.yml, stylesheet and theme overrides."""
    shutil.copytree(FIXTURE / "briefings", tmp / "briefings")
    shutil.copytree(FIXTURE / "docs", tmp / "docs")
    shutil.copytree(ROOT / "docs" / "assets", tmp / "docs" / "assets")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    # The repository as the workflows name it (mkdocs.yml reads it with !ENV): the
    # fixture's folder is no git repository, so the plugin's local default has nothing.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for tag, value in (("!ENV BRIEFINGS_REPO_URL", "https://github.com/example/briefings"),
                       ("!ENV BRIEFINGS_REPO_NAME", "example/briefings"),
                       ("!ENV BRIEFINGS_EDIT_URI", "edit/main/docs/")):
        assert tag in config, tag
        config = config.replace(tag, value)
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp / "mkdocs.yml"


def build_site(config_file: Path, *, command: str = "build") -> Path:
    """`mkdocs build --strict` (or a `serve` rebuild) into `<project>/site`."""
    site = config_file.parent / "site"
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("site")))


def html(site: Path, path: str) -> str:
    return read_html(site / path / "index.html")


def article(site: Path, path: str) -> str:
    """The page content, without Material's navigation and header."""
    text = html(site, path)
    return text[text.index("<article"):text.index("</article>")]


class Ids(HTMLParser):
    """Every id in a page, and every link target."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)
            if key == "href" and value:
                self.hrefs.append(value)


def ids_in(text: str) -> Ids:
    parser = Ids()
    parser.feed(text)
    return parser


def fixture_yaml() -> dict[str, list[dict]]:
    """Every section of the fixture briefing, joined across its files."""
    sections: dict[str, list[dict]] = {}
    for path in sorted((FIXTURE / "briefings" / SLUG).rglob("*.yaml")):
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if isinstance(value, list):
                sections.setdefault(key, []).extend(value)
    return sections


# ---------------------------------------------------------------------- pages


def test_a_page_per_actor_round_and_issue(site: Path) -> None:
    data = fixture_yaml()
    for kind, folder in (("actors", "actors"), ("rounds", "rounds"), ("issues", "issues")):
        for item in data[kind]:
            assert (site / SLUG / folder / item["id"] / "index.html").is_file(), item["id"]
    for index in ("", "actors", "rounds", "issues", "discrepancies", "sources", "timeline"):
        assert (site / SLUG / index / "index.html").is_file()


def test_round_page_has_facts_box_with_heads_and_reported_duration(site: Path) -> None:
    page = article(site, f"{SLUG}/rounds/round-2")
    box = page[page.index('id="facts-box"'):page.index('id="what-happened"')]
    headers = re.findall(r"<th\b[^>]*>(.*?)</th>", box)
    assert headers == ["Detail", "As reported"]  # a header that says something, none empty
    assert "Heads of delegation" in box
    assert 'href="../../actors/ayse-yilmaz/"' in box and 'href="../../actors/jon-halvorsen/"' in box
    assert "a little over an hour" in box and "three hours" in box
    assert "Scheduled start" in box
    for section in ("what-happened", "agenda", "outcomes", "what-follows", "documents",
                    "see-sources"):
        assert f'id="{section}"' in page


def test_positions_matrix_has_a_cell_per_issue_and_party(site: Path) -> None:
    page = article(site, f"{SLUG}/issues")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    assert "Northland" in rows[0] and "Southland" in rows[0]
    ceasefire = next(r for r in rows if 'href="ceasefire/"' in r)
    assert "offered" in ceasefire and "demanded" in ceasefire  # the latest of each party
    assert 'href="ceasefire/#northland-ceasefire-2025-06"' in ceasefire
    assert "footnote-ref" in ceasefire


def test_issue_page_shows_each_partys_stance_over_time(site: Path) -> None:
    page = article(site, f"{SLUG}/issues/ceasefire")
    assert page.index('id="northland-ceasefire-2025-05"') < page.index(
        'id="northland-ceasefire-2025-06"')
    assert "Wants talks first" in page and "Offers a 30" in page


def test_discrepancy_marker_links_to_the_discrepancy(site: Path) -> None:
    page = article(site, f"{SLUG}/rounds/round-2")
    marker = re.search(r'<div class="admonition warning bf-markers">(.*?)</div>', page, re.S)
    assert marker is not None
    target = re.search(r'href="\.\./\.\./discrepancies/#([^"]+)"', marker.group(1))
    assert target is not None
    assert target.group(1) in ids_in(article(site, f"{SLUG}/discrepancies")).ids


def test_discrepancies_page_shows_claims_side_by_side_with_analysis(site: Path) -> None:
    page = article(site, f"{SLUG}/discrepancies")
    assert 'id="round-2-length"' in page  # the recorded discrepancy's own id is an anchor
    table = re.search(r"<table[^>]*>.*?Claim.*?</table>", page[page.index("round-2-length"):], re.S)
    assert table is not None
    assert "a little over an hour" in table.group(0) and "three hours" in table.group(0)
    assert "The Daily Lake" in table.group(0)
    assert "Editor's analysis" in page and "the wire says three hours" in page
    assert "Recorded" in page or "reviewed by an editor" in page
    assert 'id="kind-single-source"' in page and 'id="kind-coverage-gap"' in page


def test_sources_page_lists_every_source_with_links_only_for_http(site: Path) -> None:
    page = article(site, f"{SLUG}/sources")
    ids = ids_in(page)
    assert {"daily-2025-06-02", "wire-2025-06-02"} <= ids.ids
    assert "https://daily.example/talks?id=1&amp;lang=en" in page
    external = [h for h in ids.hrefs if "://" in h and "github.com" not in h]
    assert external == ["https://daily.example/talks?id=1&lang=en"]
    assert 'href="part-1/#about-wire-2025-06-02"' in page
    detail = article(site, f"{SLUG}/sources/part-1")
    assert 'id="about-wire-2025-06-02"' in detail and "A wire report" in detail
    assert 'href="../../rounds/round-2/#r2-link-attempt"' in detail  # facts citing it


def test_footnotes_link_to_the_source_entries(site: Path) -> None:
    page = article(site, f"{SLUG}/rounds/round-2")
    notes = page[page.index('<div class="footnote">'):]
    assert 'href="../../sources/#daily-2025-06-02"' in notes
    assert "paragraph 1: “Yılmaz opened the talks”" in notes
    assert "citing Lake Radio (according to Lake Radio)" in notes
    assert "content.footnote.tooltips" in html(site, f"{SLUG}/rounds/round-2")


def test_adjacent_footnote_numbers_have_nothing_between_them(site: Path) -> None:
    """The stylesheet separates adjacent footnote numbers with `sup + sup::before`, which
    would also match two numbers with text between them: the templates never write that."""
    gap = re.compile(r'<sup(?: id="fnref[^"]*")?><a class="footnote-ref"[^>]*>\d+</a></sup>'
                     r'([^<]*)<sup(?: id="fnref[^"]*")?><a class="footnote-ref"')
    pairs = 0
    for page in sorted(site.rglob("*.html")):
        for between in gap.findall(read_html(page)):
            assert not between.strip(), (page, between)
            pairs += 1
    assert pairs > 0
    css = (site / "assets" / "briefings.css").read_text(encoding="utf-8")
    assert "sup:has(> .footnote-ref) + sup:has(> .footnote-ref)::before" in css


@pytest.mark.parametrize(("quote", "shown"), [
    ("working mood", ": “working mood”"),
    ("“working mood … background”", ": “working mood … background”"),
    ('"plain marks"', ': &#34;plain marks&#34;'),
    ("fight “forever”", ": “fight ‘forever’”"),  # a quotation within a quotation
])
def test_a_quote_in_a_footnote_gets_one_pair_of_quotation_marks(quote: str, shown: str) -> None:
    template = Renderer().env.from_string(
        '{% import "_macros.md.j2" as m with context %}{{ m.citation(c) }}')
    names = SimpleNamespace(long=lambda _id: "The Daily Lake")
    page = SimpleNamespace(to=lambda _id: Markup("../sources/#daily"))
    citation = SimpleNamespace(source="daily", locator=None, quote=quote, via=(), via_note=None,
                               translation=None)
    text = template.render(c=citation, names=names, page=page)
    assert text == "[The Daily Lake](../sources/#daily)" + shown


def test_search_dialog_has_an_accessible_name(site: Path) -> None:
    assert re.search(r'<div aria-label="Search" class="md-search"[^>]*role="dialog"',
                     html(site, ""))


def test_actor_page_has_roles_rounds_labels_and_backlinks(site: Path) -> None:
    page = article(site, f"{SLUG}/actors/ayse-yilmaz")
    assert "Foreign Minister" in page and "since January 2020" in page
    assert 'id="rounds"' in page and "head of" in page
    backlinks = page[page.index('id="see-mentions"'):]
    assert 'href="../../"' in backlinks  # the briefing's home lists her fact
    assert "round-2" not in backlinks  # linked from "Rounds attended" already
    radio = article(site, f"{SLUG}/actors/lake-radio")
    assert 'id="lake-radio-label-state"' in radio
    assert "Called “state-run” by The Daily Lake" in radio  # the source says it, not us


def test_timeline_keeps_the_precision_of_the_sources(site: Path) -> None:
    page = article(site, f"{SLUG}/timeline")
    assert "31 May–1 June 2025 (reported as “over the weekend”)" in page
    assert "<strong>May 2025</strong>" in page
    assert page.index('id="talks-announced"') < page.index('id="weekend-storm"')


def test_injected_html_and_javascript_links_show_as_text(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        text = read_html(page)
        assert "<script>alert" not in text, page
        assert "<i>Palace</i>" not in text and "<b>2025</b>" not in text, page
        # "javascript:" may be text on the page; never the target of a link or a source
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript""", text, re.I), page
    fact = article(site, f"{SLUG}/rounds/round-2")
    assert "&lt;script&gt;alert('fact')&lt;/script&gt;" in fact
    assert "[click here](javascript:alert" in fact
    title = re.search(r"<title>(.*?)</title>", html(site, f"{SLUG}/actors/lake-mediation"))
    assert title is not None and "&lt;script&gt;" in title.group(1)


def test_edit_button_opens_the_yaml_file(site: Path) -> None:
    edit = re.search(r'href="([^"]+)"[^>]*rel="edit"', html(site, f"{SLUG}/rounds/round-2"))
    assert edit is not None
    assert edit.group(1) == (
        "https://github.com/example/briefings/edit/main/briefings/lakeside-talks/rounds/round-2.yaml")


def test_every_fact_id_and_citation_appears_in_the_site(site: Path) -> None:
    pages = home_pages(site)
    cited: list[tuple[str, dict | str]] = []
    for section, items in fixture_yaml().items():
        for item in items:
            assert item["id"] in pages, (section, item["id"])
            cited += [(item["id"], c) for c in item.get("citations", [])]
            for role in [*item.get("roles", []), *item.get("members", [])]:
                cited += [(item["id"], c) for c in role["citations"]]
            for part in [*item.get("items", []), *item.get("labels", [])]:
                assert part["id"] in pages, part["id"]
                cited += [(part["id"], c) for c in part["citations"]]
    assert len(cited) > 30
    for owner, citation in cited:
        source = citation if isinstance(citation, str) else citation["source"]
        page = pages[owner]
        assert f'sources/#{source}"' in page, (owner, source)
        if isinstance(citation, dict):
            for key in ("quote", "locator", "via_note"):
                if key in citation:
                    assert citation[key] in unescape(page), (owner, citation[key])


def home_pages(site: Path) -> dict[str, str]:
    """Each id's home: the page holding its anchor, or its own page (actors, rounds...)."""
    pages: dict[str, str] = {}
    for path in sorted((site / SLUG).rglob("index.html")):
        text = read_html(path)
        body = text[text.index("<article"):text.index("</article>")]
        for item_id in ids_in(body).ids:
            pages.setdefault(item_id, body)
        pages.setdefault(path.parent.name, body)
    return pages


def test_navigation_holds_only_index_pages(site: Path) -> None:
    page = html(site, f"{SLUG}/rounds/round-2")
    chrome = page[:page.index("<article")] + page[page.index("</article>"):]
    base = f"{SLUG}/rounds/round-2/"
    linked = {posixpath.normpath(posixpath.join(base, href))
              for href in ids_in(chrome).hrefs if "://" not in href and "#" not in href}
    assert {f"{SLUG}/{p}" for p in ("actors", "rounds", "issues", "discrepancies", "sources",
                                    "timeline", "about")} <= linked
    per_item = [p for p in linked if re.match(rf"{SLUG}/(actors|rounds|issues|sources)/.", p)]
    assert per_item == []


@pytest.mark.parametrize("path", [f"{SLUG}/rounds/round-2", f"{SLUG}/actors/ayse-yilmaz",
                                  f"{SLUG}/timeline"])
def test_item_pages_show_their_briefings_section_in_the_sidebar(site: Path, path: str) -> None:
    """Pages outside the nav still open their briefing's section, so the sidebar is not empty."""
    page = html(site, path)
    sidebar = page[page.index('class="md-sidebar md-sidebar--primary"'):page.index("<article")]
    active = re.search(r'<li class="md-nav__item md-nav__item--active md-nav__item--section'
                       r'[^"]*"(.*?)</nav>', sidebar, re.S)
    assert active is not None, "no open section in the sidebar"
    linked = {posixpath.normpath(posixpath.join(path, href))
              for href in ids_in(active.group(1)).hrefs}
    assert {f"{SLUG}/{index}" for index in ("actors", "rounds", "discrepancies",
                                            "sources", "timeline")} <= linked


def test_home_lists_the_briefings_and_hand_written_pages(site: Path) -> None:
    home = article(site, "")
    assert "<!-- briefings -->" not in home
    assert 'href="lakeside-talks/"' in home and "Lakeside talks &lt;b&gt;2025" in home
    briefing = article(site, SLUG)
    assert 'href="about/"' in briefing and "About the lakeside talks" in briefing
    assert re.search(r'<a href="export\.json\.gz">All the data as JSON</a> \(gzip-compressed, '
                     r'\d+ kB\)', briefing), "the export's link says what it is and its size"


def test_json_export_is_published_gzip_compressed(site: Path) -> None:
    published = (site / SLUG / "export.json.gz").read_bytes()
    size = round(len(published) / 1000)
    assert f"(gzip-compressed, {size} kB)" in article(site, SLUG)  # the link's size is true
    data = json.loads(gzip.decompress(published))
    assert data["briefing"]["slug"] == SLUG
    assert {f["id"] for f in data["briefing"]["facts"]} == {
        f["id"] for f in fixture_yaml()["facts"]}


def test_search_is_pagefinds_index_and_no_page_fetches_lunrs(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").glob("pagefind.*.pf_meta"))
    assert not (site / "search" / "search_index.json").exists()
    # nor Material's search engine, which no page loads, nor the theme's source maps
    scripts = site / "assets" / "javascripts"
    assert (scripts / "search-box.js").is_file() and list(scripts.glob("bundle.*.min.js"))
    assert not (scripts / "lunr").exists() and not list(scripts.glob("workers/search.*"))
    assert not list(site.rglob("*.map"))
    home = html(site, "")
    # Material downloads its index on page load only when a form is named "search"
    assert '<form class="md-search__form">' in home and 'name="search"' not in home
    # the search box's script, one file for the whole site, imports Pagefind only once
    # a query is typed
    assert '<script src="assets/javascripts/search-box.js"></script>' in home
    box = (site / "assets" / "javascripts" / "search-box.js").read_text(encoding="utf-8")
    assert 'import(base + "pagefind/pagefind.js")' in box


def test_the_indexed_copy_has_other_spellings_and_no_footnotes_or_warning(site: Path) -> None:
    """What Pagefind indexed for a page (made from the page's content before it was
    minified): other spellings of what it names, no footnotes, no "Sources disagree"."""
    from generator.search import MARKERS

    indexed = indexed_texts(site)
    page = html(site, f"{SLUG}/rounds/round-2")
    assert "Çırağan" in page and "paragraph 1" in page  # in the text, and in a footnote
    copy = indexed[f"/{SLUG}/rounds/round-2/"]
    assert "Çırağan" in copy and "Ciragan" in copy  # and the folded form of Çırağan
    assert "Айше Йылмаз" in copy and "Ayshe Yilmaz" in copy  # the actor's aliases
    assert "paragraph 1" not in copy  # footnotes not indexed
    # nor their numbers, which would glue to the word before them ("Lake4"), the numbers of
    # a footnote's later references included
    glued = re.findall(r"(\w+)<sup>(?:<a [^>]*>)(\d+)</a></sup>", page)
    assert glued and not [word + n for word, n in glued if word + n in copy]
    warned = [f for f in sorted(site.rglob("index.html"))
              if f'<div class="admonition warning {MARKERS}">' in read_html(f)]
    assert warned, "no page of the fixture shows the warning: the test proves nothing"
    assert "Sources disagree" in read_html(warned[0])
    url = "/" + warned[0].parent.relative_to(site).as_posix() + "/"
    assert "Sources disagree" not in indexed[url]


# ---------------------------------------------------------------------- errors


def test_a_hand_written_page_at_a_generated_path_is_an_error(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = make_project(tmp_path)
    clash = tmp_path / "docs" / SLUG / "actors" / "index.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(config_file)
    assert "docs/lakeside-talks/actors/index.md: a hand-written page" in caplog.text


def test_a_yaml_error_fails_the_build_with_its_position(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = make_project(tmp_path)
    places = tmp_path / "briefings" / SLUG / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace("kind: city", "kind: [city"),
                      encoding="utf-8")
    with pytest.raises(Abort):  # MkDocs logs the PluginError, then aborts
        build_site(config_file)
    assert re.search(r"(^|\s)briefings/lakeside-talks/places\.yaml:5:7: error: YAML syntax "
                     r"error", caplog.text, re.M)
    assert "1 error in the fact files." in caplog.text  # no knock-on errors from the file


def test_each_page_shows_the_sidebar_material_renders_for_it(
        tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The navigation sidebar is rendered once for the pages that show the same one
    (generator/navcache.py): every page is byte for byte what rendering it for each page
    gives."""
    monkeypatch.setattr(SidebarCache, "sidebar_key", lambda self, page: None)
    each = build_site(make_project(tmp_path))
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert len(pages) > 20 and pages == sorted(p.relative_to(each) for p in each.rglob("*.html"))
    for page in pages:
        assert (site / page).read_bytes() == (each / page).read_bytes(), page


def test_the_garbage_collector_is_on_again_after_a_build(tmp_path: Path) -> None:
    """The plugin pauses Python's cyclic collector while MkDocs converts and writes the
    pages (load.PageByPageCollection); a build that succeeds, and one that fails while
    writing pages, leave it on for what runs next in the process (a `serve` rebuild)."""
    config_file = make_project(tmp_path)
    build_site(config_file)
    assert gc.isenabled()
    hook = tmp_path / "failing_hook.py"
    hook.write_text("def on_post_page(output, page, **kw):\n    raise RuntimeError('x')\n",
                    encoding="utf-8")
    with config_file.open("a", encoding="utf-8") as config:
        config.write(f"hooks:\n  - {hook}\n")
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        with pytest.raises(RuntimeError):
            build(config)  # as a `serve` rebuild: the server lives on after it
        assert gc.isenabled()
    finally:
        config.plugins.on_shutdown()


def test_a_failed_build_leaves_the_previous_site_intact(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """A YAML mistake stops `mkdocs build` before it empties site_dir: the last good site
    stays whole, with nothing of the failed build in it."""
    config_file = make_project(tmp_path)
    site = build_site(config_file)
    before = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert len(before) > 50
    actors = tmp_path / "briefings" / SLUG / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "of: southland\n", "of: [southland\n"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
         "-d", str(site)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "briefings/lakeside-talks/actors.yaml:18:13: error: YAML syntax error" in result.stderr
    assert "Cleaning site directory" not in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert after == before


def test_serve_shows_an_error_page_and_keeps_the_other_pages(tmp_path: Path) -> None:
    config_file = make_project(tmp_path)
    actors = tmp_path / "briefings" / SLUG / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "of: southland\n", "of: nowhere-land\n"), encoding="utf-8")
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)  # no exception: the server stays up
    page = article(tmp_path / "site", SLUG)
    assert "This briefing cannot be built" in page
    assert "briefings/lakeside-talks/actors.yaml:17:13</strong>" in page
    assert "nowhere-land" in page
    assert str(tmp_path / "briefings") in config.watch


def test_every_internal_link_leads_to_a_page_and_anchor(site: Path) -> None:
    """Raw-HTML lists carry final URLs that MkDocs does not check: check them all here."""
    anchors: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        anchors[page] = ids_in(read_html(page)).ids
    checked = 0
    for page in sorted((site / SLUG).rglob("*.html")):
        for href in ids_in(read_html(page)).hrefs:
            if "://" in href or href.startswith(("mailto:", "javascript")):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir() or path.endswith("/"):
                target = target / "index.html"
            assert target.exists(), (page, href)
            if fragment and target.suffix == ".html":
                assert fragment in anchors[target], (page, href)
            checked += 1
    assert checked > 500


def test_each_briefing_gets_its_own_nav_section_and_home_entry(tmp_path: Path) -> None:
    config_file = make_project(tmp_path)
    second = tmp_path / "briefings" / "second-talks"
    shutil.copytree(tmp_path / "briefings" / SLUG, second)
    text = (second / "briefing.yaml").read_text(encoding="utf-8")
    (second / "briefing.yaml").write_text(text.replace("Lakeside talks", "Second talks"),
                                          encoding="utf-8")
    site = build_site(config_file)
    home = html(site, "")
    tabs = re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*([^<]+?)\s*</a>', home)
    assert tabs[:3] == ["Test site", "Lakeside talks &lt;b&gt;2025&lt;/b&gt;",
                        "Second talks &lt;b&gt;2025&lt;/b&gt;"]
    listed = article(site, "")
    assert listed.index('href="lakeside-talks/"') < listed.index('href="second-talks/"')
    assert (site / "second-talks" / "rounds" / "round-2" / "index.html").is_file()


def test_no_item_id_can_meet_an_anchor_the_site_makes(site: Path) -> None:
    """Every id on a generated page is an item's id, outside the id alphabet (`fn:1`,
    `__drawer`), or reserved by the checker (generator/sections.py): so no contributor's id
    can put a second element with the same id on a page. A template that adds a section
    anchor must add it to RESERVED_IDS or RESERVED_PREFIXES."""
    from generator.pipeline import read_briefings
    from generator.schema import SLUG as ID
    from generator.sections import RESERVED_IDS, RESERVED_PREFIXES

    briefing = read_briefings(FIXTURE / "briefings").briefings[0]
    items = {*briefing.sources, *briefing.actors, *briefing.places, *briefing.issues,
             *briefing.rounds, *briefing.facts, *briefing.documents, *briefing.positions,
             *briefing.claims, *briefing.discrepancies}
    items |= {label.id for a in briefing.actors.values() for label in a.labels}
    items |= {i.id for d in briefing.documents.values() for i in d.items}
    unreserved = set()
    for page in sorted((site / SLUG).rglob("*.html")):
        for anchor in ids_in(read_html(page)).ids - items:
            if ID.match(anchor) and anchor not in RESERVED_IDS and not anchor.startswith(
                    RESERVED_PREFIXES):
                unreserved.add((anchor, page.relative_to(site).as_posix()))
    assert not unreserved, "\n".join(sorted(f"{a} ({p})" for a, p in unreserved))


def _site_files(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _mkdocs_build(config_file: Path, site: Path,
                  temp: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict`, its temporary files in `temp` if given."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
         "-d", str(site)], capture_output=True, text=True, timeout=180,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"TMPDIR": str(temp)} if temp else {})})


def test_a_crash_after_mkdocs_cleans_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    """MkDocs empties site_dir after on_pre_build; a crash in a page, or `--strict` refusing
    a warning, comes later. The build goes to a staging folder swapped in only on success.
    Whatever the outcome, the build's temporary files (the pages written as they are
    rendered, the copies Pagefind indexes) are gone after it."""
    config_file = make_project(tmp_path)
    site = build_site(config_file)
    before = _site_files(site)
    assert len(before) > 50
    temp = tmp_path / "temp"
    temp.mkdir()
    (tmp_path / "crash.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    if page.file.src_uri.endswith('rounds/round-2.md'):\n"
        "        raise RuntimeError('injected crash')\n"
        "    return output\n", encoding="utf-8")
    config_file.write_text(config_file.read_text(encoding="utf-8") + "hooks: [crash.py]\n",
                           encoding="utf-8")
    result = _mkdocs_build(config_file, site, temp)
    assert result.returncode != 0
    assert "Cleaning site directory" in result.stderr  # the crash came after the clean
    assert "injected crash" in result.stderr
    assert _site_files(site) == before
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    (tmp_path / "crash.py").write_text("", encoding="utf-8")
    (tmp_path / "docs" / "broken-link.md").write_text("# Broken\n\n[x](nowhere.md)\n")
    result = _mkdocs_build(config_file, site, temp)
    assert result.returncode != 0
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert _site_files(site) == before
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    (tmp_path / "docs" / "broken-link.md").unlink()
    assert _mkdocs_build(config_file, site, temp).returncode == 0
    assert (site / SLUG / "index.html").is_file()
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_bug_in_the_plugin_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """An exception in the plugin's own code after the clean (here: the search index cannot
    be written, a file holds its folder's place) is one line asking for a bug report; the
    previous site stays."""
    config_file = make_project(tmp_path)
    site = build_site(config_file)
    before = _site_files(site)
    (tmp_path / "spoil.py").write_text(
        "import pathlib\n"
        "def on_post_build(config):  # runs before the briefings plugin's (priority -100)\n"
        "    pathlib.Path(config.site_dir, 'pagefind').write_text('in the way')\n",
        encoding="utf-8")
    config_file.write_text(config_file.read_text(encoding="utf-8") + "hooks: [spoil.py]\n",
                           encoding="utf-8")
    result = _mkdocs_build(config_file, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "internal error" in line]
    assert len(lines) == 1
    assert re.search(r"internal error while processing the search index: "
                     r"\w+: .*; please file a bug", lines[0]), lines[0]
    assert _site_files(site) == before


def test_the_edit_link_is_percent_encoded_whatever_the_file_name(tmp_path: Path) -> None:
    """Material writes page.edit_url into an href unescaped. The checker refuses such file
    names; should one get through, the link still cannot open a tag."""
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page as MkDocsPage

    from generator.render import Page
    from generator.site import add_pages

    config = load_config(str(make_project(tmp_path)), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "briefings"  # as MkDocs sets it while on_files runs
    name = 'x"><img src=x onerror=alert(1)>.yaml'
    files = Files([])
    add_pages(files, [Page(f"{SLUG}/x.md", "# X\n", f"briefings/{SLUG}/{name}")], config,
              tmp_path / "briefings")
    page = MkDocsPage(None, files.get_file_from_path(f"{SLUG}/x.md"), config)
    assert page.edit_url == (
        "https://github.com/example/briefings/edit/main/briefings/lakeside-talks/"
        "x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yaml")


def test_a_claim_reads_the_same_on_its_round_page_as_on_the_discrepancies_page(
        site: Path) -> None:
    """The inline "(read as …)" is the reading the comparison used, not a rewording."""
    read_as = re.findall(r"<tr><td><a [^>]*>[^<]*</a></td><td>.*?</td><td>“(.*?)”</td>"
                         r"<td>(.*?)</td></tr>", article(site, f"{SLUG}/discrepancies"))
    compared = dict(read_as)
    assert compared["a little over an hour"] == "60–75 min"
    box = article(site, f"{SLUG}/rounds/round-2")
    for reported, reading in compared.items():
        if f"“{reported}”" in box:
            assert f"“{reported}” (read as {reading})" in box, reported


def test_the_grid_gives_each_property_one_row_and_a_page_never_links_to_itself(
        site: Path) -> None:
    """Two sources' durations of round 2 are one row of "Which source reports what", each
    source's cell saying how it reports it; no link on any page leads to that page itself."""
    page = article(site, f"{SLUG}/rounds/round-2")
    grid = page[page.index('id="see-sources"'):]
    rows = re.findall(r"<tr>(.*?)</tr>", grid, re.S)
    duration = [r for r in rows if ">Duration of Round 2<" in r]
    assert len(duration) == 1, duration
    assert duration[0].count(">differs<") == 2  # the two sources disagree on it
    for html_file in (site / SLUG).rglob("index.html"):
        assert 'href="#"' not in read_html(html_file), html_file


def test_every_page_is_minified_and_shows_the_same(site: Path) -> None:
    """Every built page is minified (no indentation, no comments, no quotes HTML5 does not
    need), and what a browser shows stays: a code block keeps its spaces, text keeps a
    space wherever it had whitespace, inline elements keep the spaces around them."""
    from generator.minify import minify_page

    for page_file in site.rglob("*.html"):
        page = page_file.read_text(encoding="utf-8")
        assert re.search(r"\n[ \t]|<!--", page) is None, page_file
    page = (site / SLUG / "rounds" / "round-2" / "index.html").read_text(encoding="utf-8")
    assert "<article class=\"md-content__inner md-typeset\">" in page  # quotes kept where needed
    assert "<h1 id=title>" in page  # and dropped where not
    code = "<pre><code>if x:\n    y()\n\n</code></pre>"
    written = (f'<html>\n  <body>\n\n <p class="a">a\u00a0\n  b <em>c</em> d</p>{code}\n'
               "<ul>\n<li>x</li>\n<li>y</li>\n</ul><!-- see -->\n  </body>\n</html>")
    assert minify_page(written) == (
        f"<body><p class=a>a\u00a0 b <em>c</em> d{code}<ul><li>x<li>y</ul>")


def test_tests_read_a_minified_page_as_it_was_written() -> None:
    """Tests look for markup in `canonical(page)` (tests/built_html.py): a page written with
    every tag, quote and entity reads the same there after minify-html dropped them."""
    from built_html import canonical

    from generator.minify import minify_page

    written = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A &lt;b&gt; '
        '&amp; c</title><link rel="alternate" href="feed.xml"></head><body dir="ltr">'
        '<div role="dialog" aria-label="Search" class="md-search"></div><table><thead><tr>'
        "<th>Detail</th><th>As reported</th></tr></thead><tbody><tr><td>1</td><td><p>one"
        '</p></td></tr><tr><td>2</td><td><a title="Back to the text" href="#fnref:x">&#8617;'
        "</a></td></tr></tbody></table><ul><li><p>a &#60;i&#62;</p><ul><li>b</li></ul></li>"
        '<li>c&#160;d</li></ul><dl><dt>e</dt><dd>f</dd></dl><p>g</p><div class="h">i</div>'
        '<p hidden="">j</p><pre><code>k\n    l\n</code></pre></body></html>')
    assert canonical(minify_page(written)) == canonical(written)
    assert canonical(written).startswith(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A &lt;b&gt; &amp; c'
        '</title><link href="feed.xml" rel="alternate"></head><body dir="ltr">'
        '<div aria-label="Search" class="md-search" role="dialog"></div>')
    assert '<p>a &lt;i&gt;</p>' in canonical(written) and "<p hidden>j</p>" in canonical(written)


def test_a_pages_contents_leave_out_subsections_repeating_other_pages(site: Path) -> None:
    """A source page's table of contents lists its sources, not each one's "Facts citing
    it" and "Other items citing it"; an actor page's own "Facts about …" stays listed."""
    def toc(path: str) -> str:
        page = html(site, path)
        return page[page.index('data-md-type="toc"'):page.index("<article")]

    sources = toc(f"{SLUG}/sources/part-1")
    assert 'href="#about-daily-2025-06-02"' in sources
    assert "#see-" not in sources and "Facts citing it" not in sources
    assert "Facts citing it" in html(site, f"{SLUG}/sources/part-1")  # the sections stay
    assert 'href="#see-facts"' in toc(f"{SLUG}/actors/ayse-yilmaz")


def test_published_pages_keep_no_search_marks(site: Path) -> None:
    """The marks that keep the print note, the "Cite this page" box and other repeats out
    of the search index do their work on the page's searchable copy; the published pages
    hold none of them, and the parts they marked are still there."""
    pages = list(site.rglob("*.html"))
    assert pages and not [p for p in pages if "data-search-exclude" in p.read_text("utf-8")]
    page = html(site, f"{SLUG}/rounds/round-2")
    assert "Cite this page" in page and "bf-print-note" in page
    assert "Cite this page" not in indexed_texts(site)[f"/{SLUG}/rounds/round-2/"]
