"""Helpers shared by the browser tests: the index of built pages and the reader's actions.

Kept out of conftest.py so the test modules can import them (tests/browser is a package,
so its module names cannot clash with other test folders).
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import time
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from built_html import read_html

REPO = Path(__file__).resolve().parents[2]

SCREENSHOTS = REPO / "docs" / "assets" / "screenshots"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# --------------------------------------------------------------------------- the pages


_LINKING = ("a", "link", "script", "img", "area", "iframe", "source")


class _PageParser(HTMLParser):
    """Collects what the tests need from one built HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, int]] = []  # (tag.attr, url, line)
        self.title: str | None = None
        self.titles = 0
        self.h1: list[str] = []
        self._in_title = False
        self._svg_depth = 0
        self._h1_depth = 0
        self._h1_text: list[str] = []
        self._skip_depth = 0  # inside <script>/<style>
        self.text_parts: list[str] = []
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) is not None and tag in _LINKING:
                self.links.append((f"{tag}.{attr}", a[attr], self.getpos()[0]))
        if tag == "svg":
            self._svg_depth += 1
        if tag == "title" and not self._svg_depth:  # an SVG's <title> names a drawing
            self._in_title = True
            self.titles += 1
            self.title = ""
        elif tag == "h1":
            self._h1_depth += 1
            self._h1_text = []
        elif tag in ("script", "style"):
            self._skip_depth += 1
        elif tag == "article":
            self._in_article += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        if tag == "title":
            self._in_title = False
        elif tag == "h1" and self._h1_depth:
            self._h1_depth -= 1
            self.h1.append(" ".join("".join(self._h1_text).split()))
        elif tag in ("script", "style") and self._skip_depth:
            self._skip_depth -= 1
        elif tag == "article" and self._in_article:
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
        if self._h1_depth:
            self._h1_text.append(data)
        if self._in_article and not self._skip_depth:
            self.text_parts.append(data)


@dataclass
class BuiltPage:
    path: str  # URL path relative to the site root, e.g. "istanbul-2025/rounds/round-2/"
    file: Path
    title: str | None
    titles: int
    h1: list[str]
    ids: set[str]
    links: list[tuple[str, str, int]]
    text: str  # text of the <article> (the page content, without navigation)


@dataclass
class Site:
    root: Path
    pages: dict[str, BuiltPage] = field(default_factory=dict, repr=False)  # by URL path
    build_seconds: float = 0.0

    def find(self, predicate, what: str) -> BuiltPage:
        found = [p for p in self.pages.values() if predicate(p)]
        assert found, f"no built page is {what}"
        return sorted(found, key=lambda p: (len(p.path), p.path))[0]

    def by_h1(self, pattern: str) -> BuiltPage:
        rx = re.compile(pattern, re.I)
        return self.find(lambda p: any(rx.search(h) for h in p.h1), f"headed /{pattern}/")

    def with_id(self, element_id: str) -> BuiltPage:
        return self.find(lambda p: element_id in p.ids, f"holding id={element_id!r}")


# Folder names the generator gives to kinds of pages; any other segment is an item's id.
_PAGE_KINDS = {"actors", "rounds", "issues", "sources", "timeline", "discrepancies",
               "places", "documents", "pages", "brief", "undated", "single-source",
               "coverage-gaps", "reference"}


def page_type(path: str) -> str:
    """A page's type from its URL path: `istanbul-2025/rounds/round-2/` → `*/rounds/*`."""
    segments = [s for s in path.split("/") if s]
    return "/".join(s if s in _PAGE_KINDS else "*" for s in segments) or "(site home)"


def one_page_per_type(site: Site) -> dict[str, BuiltPage]:
    """The first page (by path) of every page type of a built site, HTML pages only."""
    found: dict[str, BuiltPage] = {}
    for path in sorted(site.pages):
        if (path.endswith(".html") or path.startswith(("search", "assets"))
                or path == "404.html"):
            continue
        found.setdefault(page_type(path), site.pages[path])
    return found


def url_path_of(root: Path, file: Path) -> str:
    rel = file.relative_to(root).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def index_site(root: Path) -> dict[str, BuiltPage]:
    pages = {}
    for file in sorted(root.rglob("*.html")):
        parser = _PageParser()
        parser.feed(read_html(file))
        parser.close()
        path = url_path_of(root, file)
        pages[path] = BuiltPage(
            path=path,
            file=file,
            title=parser.title,
            titles=parser.titles,
            h1=parser.h1,
            ids=parser.ids,
            links=parser.links,
            text=" ".join("".join(parser.text_parts).split()),
        )
    return pages




def resolve_href(page_path: str, href: str) -> tuple[str, str]:
    """An internal href seen on page_path → (target site path, fragment)."""
    base = "/" + page_path
    joined = urljoin(base, href)
    parts = urlsplit(joined)
    path = posixpath.normpath(unquote(parts.path)) if parts.path else base
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    if path in ("/.", "//"):
        path = "/"
    return path.lstrip("/"), unquote(parts.fragment)


# --------------------------------------------------------------------------- reader actions


def wait_until_stable(read, *, settle: float = 0.4, timeout: float = 8.0, poll: float = 0.1):
    """Call read() until it returns the same value for `settle` seconds; return that value."""
    deadline = time.monotonic() + timeout
    last = read()
    since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(poll)
        now = read()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= settle:
            return now
    return last


@dataclass
class SearchResults:
    query: str
    meta: str  # "2 matching documents", "No matching documents", …
    links: list[str]  # hrefs of every result (pages and their sections), in order
    titles: list[str]

    def __str__(self) -> str:
        rows = "\n".join(f"  {t!r} → {h}" for t, h in zip(self.titles, self.links, strict=True))
        return f"search {self.query!r}: {self.meta}\n{rows}"


def search(page, query: str) -> SearchResults:
    """Search the way a reader does: click the search box, type, read the result list.

    Works at any width: on narrow screens the box hides behind the header's search button.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    # Material's worker builds the index when the box is first focused.
    page.wait_for_function(
        "() => !/Initializing/i.test("
        "document.querySelector('.md-search-result__meta')?.textContent || 'Initializing')",
        timeout=10_000,
    )
    box.fill("")
    box.press_sequentially(query, delay=15)

    def read():
        return page.evaluate(
            """() => {
                const meta = document.querySelector('.md-search-result__meta');
                const links = [...document.querySelectorAll('a.md-search-result__link')];
                return [
                    meta ? meta.textContent.trim() : '',
                    links.map(a => a.href),
                    links.map(a => (a.querySelector('h1, h2')?.textContent || '').trim()),
                ];
            }"""
        )

    page.wait_for_function(
        "() => /matching|no matching/i.test("
        "document.querySelector('.md-search-result__meta')?.textContent || '')"
    )
    meta, links, titles = wait_until_stable(read)
    return SearchResults(query=query, meta=meta, links=links, titles=titles)


# --------------------------------------------------------------------------- layout checks

# Everything in the page content that sticks out to the right of the viewport, unless it
# sits inside a container the reader can scroll sideways (Material's table scrollwrap).
OVERFLOW_JS = """
() => {
    const vw = window.innerWidth;
    const scrollsX = el => {
        for (let a = el.parentElement; a; a = a.parentElement) {
            const s = getComputedStyle(a).overflowX;
            if ((s === 'auto' || s === 'scroll') && a.scrollWidth > a.clientWidth - 1) return a;
        }
        return null;
    };
    const out = [];
    for (const el of document.querySelectorAll('.md-content *')) {
        const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!hasText) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.right > vw + 1 || r.left < -1) {
            if (scrollsX(el)) continue;
            out.push({tag: el.tagName.toLowerCase(), cls: el.className, right: r.right,
                      text: el.textContent.trim().slice(0, 60)});
        }
    }
    return {
        innerWidth: vw,
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
        sticking_out: out.slice(0, 20),
    };
}
"""

# Every table: its wrapper and how it scrolls, and every cell whose text is cut (clipped by
# overflow or an ellipsis) or spills out of the cell over its neighbours, or is tiny.
TABLES_JS = """
() => [...document.querySelectorAll('.md-content table')].map((t, i) => {
    const wrap = t.closest('.md-typeset__scrollwrap');
    const cut = [], spills = [], tiny = [];
    for (const c of t.querySelectorAll('th, td')) {
        const text = c.textContent.trim();
        if (!text) continue;
        for (const el of [c, ...c.querySelectorAll('*')]) {
            const s = getComputedStyle(el);
            const clips = !['visible', 'auto', 'scroll'].includes(s.overflowX)
                       || !['visible', 'auto', 'scroll'].includes(s.overflowY)
                       || s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none';
            if (clips && (el.scrollWidth > el.clientWidth + 1
                          || el.scrollHeight > el.clientHeight + 1)) {
                cut.push(text.slice(0, 60));
                break;
            }
        }
        if (c.scrollWidth > c.clientWidth + 1) spills.push(text.slice(0, 60));
        if (parseFloat(getComputedStyle(c).fontSize) < 12) tiny.push(text.slice(0, 60));
    }
    const w = wrap ? wrap.getBoundingClientRect() : null;
    const last = t.querySelector('tr > :last-child');
    const first = t.querySelector('tr > :first-child');
    let lastVisible = null, firstVisible = null;
    if (wrap) {  // scroll to the far end: the last column must come fully into view,
                 // and the first (what each row is about) must still be there
        const before = wrap.scrollLeft;
        wrap.scrollLeft = wrap.scrollWidth;
        const r = last.getBoundingClientRect();
        lastVisible = r.right <= w.right + 1 && r.left >= w.left - 1;
        const f = first.getBoundingClientRect();
        firstVisible = f.left >= w.left - 1 && f.right <= w.right + 1 && f.right <= r.left + 1;
        wrap.scrollLeft = before;
    }
    const head = t.closest('.md-typeset__scrollwrap')?.previousElementSibling;
    return {
        index: i,
        heading: head && /^H[1-6]$/.test(head.tagName) ? head.id : null,
        firstHeader: (t.querySelector('th')?.textContent || '').trim().slice(0, 40),
        tableWidth: t.getBoundingClientRect().width,
        wrapped: !!wrap,
        wrapOverflowX: wrap ? getComputedStyle(wrap).overflowX : null,
        wrapLeft: w ? w.left : null,
        wrapRight: w ? w.right : null,
        wrapClientWidth: wrap ? wrap.clientWidth : null,
        wrapScrollWidth: wrap ? wrap.scrollWidth : null,
        lastColumnReachable: lastVisible,
        firstColumnKept: firstVisible,
        cut, spills, tiny,
    };
})
"""


# --------------------------------------------------------------------------- page structure


class _HeadingTracker(HTMLParser):
    """The ids of the headings an element sits under (h1 … h6), outermost first."""

    def __init__(self, wanted: str) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.current: dict[int, str] = {}
        self.chain: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            level = int(tag[1])
            self.current = {k: v for k, v in self.current.items() if k < level}
            self.current[level] = a.get("id") or ""
        if a.get("id") == self.wanted and self.chain is None:
            self.chain = [self.current[k] for k in sorted(self.current)]


def heading_chain(file: Path, element_id: str) -> list[str]:
    tracker = _HeadingTracker(element_id)
    tracker.feed(read_html(file))
    assert tracker.chain is not None, f"no id={element_id!r} in {file}"
    return tracker.chain


def content_without_footnotes(file: Path) -> str:
    """The text of a page's article, footnotes left out (they are not in the search index)."""
    raw = read_html(file)
    start, end = raw.index("<article"), raw.index("</article>")
    article = raw[start:end]
    cut = article.find('<div class="footnote"')
    if cut >= 0:
        article = article[:cut]
    text = re.sub(r"<[^>]+>", " ", article)
    return " ".join(html.unescape(text).split())


# The element the URL fragment names, and whether a reader sees it after the jump: its box
# (or, for an empty anchor span, its nearest box-holding ancestor) is in the viewport and
# not hidden under Material's sticky header.
LANDED_JS = """
() => {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id && document.getElementById(id);
    if (!el) return {id, found: false};
    let box = el;
    const empty = b => { const r = b.getBoundingClientRect(); return !r.width || !r.height; };
    while (box.parentElement && empty(box)) box = box.parentElement;
    const r = box.getBoundingClientRect();
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const x = Math.min(Math.max(r.left + 4, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    return {
        id, found: true, tag: box.tagName.toLowerCase(), top: r.top, bottom: r.bottom,
        headerBottom: top, innerHeight,
        inView: r.bottom > top && r.top < innerHeight,
        uncovered: !!hit && (box.contains(hit) || hit.contains(box)),
        text: box.textContent.trim().slice(0, 80),
    };
}
"""


def landed(page) -> dict:
    """Where the last jump to a #fragment left the reader (see LANDED_JS)."""
    page.wait_for_function("() => location.hash.length > 1")
    # Let the browser finish scrolling to the target (smooth scrolling is off, but a
    # layout shift after load can still move it).
    return wait_until_stable(lambda: page.evaluate(LANDED_JS), settle=0.2, timeout=3)


def assert_landed(page, expected_id: str) -> dict:
    where = landed(page)
    assert where["found"], f"{page.url}: no element with id={where['id']!r}"
    assert where["id"] == expected_id, f"landed on #{where['id']}, expected #{expected_id}"
    assert where["inView"] and where["uncovered"], f"{page.url}: target not visible: {where}"
    return where


def item_of(page, item_id: str):
    """The list item an anchor names: it carries the id itself (or, on a page built
    without the plugin, holds an empty span that does)."""
    return page.locator(f"xpath=//li[@id='{item_id}'] | //span[@id='{item_id}']/parent::li")


# Rows of a screenshot that may differ between two renderings of the same page: Chromium
# antialiases a few edge pixels differently from run to run (4 pixels over 2 rows of the
# round page on a phone), which rewrote a README picture in every other run. Any change a
# reader could see (a glyph is 10 pixels tall or more) changes more rows than this.
NOISE_ROWS = 4


def save_screenshot(name: str, data: bytes, folder: Path = SCREENSHOTS) -> None:
    """Write `docs/assets/screenshots/<name>` when the picture changed, so a run leaves git
    clean: its size, or more than NOISE_ROWS rows of its pixels."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists() or _rows_differing(target.read_bytes(), data) > NOISE_ROWS:
        target.write_bytes(data)


def _rows_differing(old: bytes, new: bytes) -> int:
    """How many rows of two PNGs' filtered pixel data differ (all of them when their sizes
    do). A changed pixel changes its row and may change the next one's filtering."""
    (old_size, old_rows), (new_size, new_rows) = _png_rows(old), _png_rows(new)
    if old_size != new_size or len(old_rows) != len(new_rows):
        return max(len(old_rows), len(new_rows))
    return sum(a != b for a, b in zip(old_rows, new_rows, strict=True))


def _png_rows(data: bytes) -> tuple[tuple[int, int], list[bytes]]:
    """A PNG's width and height, and its decompressed image data cut into equal rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    chunks, pos = [], 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        if data[pos + 4:pos + 8] == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    stride = len(pixels) // height
    return (width, height), [pixels[y * stride:(y + 1) * stride] for y in range(height)]
