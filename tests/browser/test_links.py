"""Every link in the built site leads somewhere, and every page is titled.

Parses each built HTML file with html.parser (no browser needed): every internal
``href``/``src`` must name a file of the site, and every ``#fragment`` must be an ``id``
(or ``<a name>``) on the target page. External links may only be http(s).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from built_html import read_html

from .support import Site, resolve_href

# Material's own links that are not navigation: the search and drawer toggles are
# <label for=…>, not hrefs, so nothing needs exempting here. Material's "skip to content"
# link targets the first heading's id, which the checker verifies like any other anchor.
ALLOWED_SCHEMES = {"http", "https"}


def _target(site: Site, path: str):
    """The built page (or static file) a site path names, or None."""
    if path in site.pages:
        return site.pages[path]
    if path == "" or path.endswith("/"):
        return site.pages.get(path)  # a folder without index.html
    if (site.root / path).is_file():
        return path  # a static file: CSS, JS, image, sitemap …
    if (site.root / path / "index.html").is_file():
        return site.pages.get(path + "/")
    return None


def test_site_has_pages(site: Site):
    # A link checker over an empty site would pass: make sure the briefing was built.
    assert len(site.pages) >= 10, sorted(site.pages)


def test_no_broken_internal_links_or_anchors(site: Site):
    broken: list[str] = []
    checked = 0
    for page in site.pages.values():
        where = page.path or "/"
        for attr, href, line in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                if parts.scheme not in ALLOWED_SCHEMES:
                    broken.append(f"{where}:{line}: {attr}={href!r}: not an http(s) link")
                continue
            if href == "":
                broken.append(f"{where}:{line}: {attr} is empty")
                continue
            path, fragment = resolve_href(page.path, href)
            target = _target(site, path)
            checked += 1
            if target is None:
                broken.append(f"{where}:{line}: {attr}={href!r}: no such file ({path!r})")
                continue
            if fragment:
                if isinstance(target, str):
                    broken.append(
                        f"{where}:{line}: {attr}={href!r}: #fragment on a non-HTML file"
                    )
                elif fragment not in target.ids:
                    broken.append(
                        f"{where}:{line}: {attr}={href!r}: no id={fragment!r} "
                        f"on {target.path or '/'}"
                    )
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:200])
    assert checked > 100, f"only {checked} internal links found: is the parser seeing the pages?"


def test_every_page_has_a_title_and_one_h1(site: Site):
    bad = []
    for page in site.pages.values():
        if page.titles != 1 or not (page.title or "").strip():
            bad.append(f"{page.path or '/'}: {page.titles} <title> elements, title={page.title!r}")
        if len(page.h1) != 1:
            bad.append(f"{page.path or '/'}: {len(page.h1)} <h1> elements: {page.h1}")
        elif not page.h1[0].strip():
            bad.append(f"{page.path or '/'}: empty <h1>")
    assert not bad, "\n".join(bad)


def test_ids_are_unique_per_page(site: Site):
    """A duplicated id makes an anchor ambiguous (and is an accessibility failure)."""
    import re
    from collections import Counter

    bad = []
    for page in site.pages.values():
        raw = read_html(page.file)
        # ids outside <script>/<template> text; Material's inline JSON has none.
        ids = re.findall(r'<[a-zA-Z][^>]*?\sid="([^"]+)"', raw)
        dupes = [i for i, n in Counter(ids).items() if n > 1]
        if dupes:
            bad.append(f"{page.path or '/'}: duplicated ids {sorted(dupes)[:20]}")
    assert not bad, "\n".join(bad)
