"""The theme's navigation sidebar, rendered once for the pages that show the same one.

Material renders the site's navigation into every page (its `partials/nav.html`, a macro
per item), about 40 % of the theme's time per page: 4 s of a build of 50,000 facts, whose
3,469 pages show a handful of different sidebars. What the sidebar of a page holds
depends on the navigation (the same for the whole build), on which of its items are
active (the page's sections, and the page itself when the navigation lists it), and on
the page's place, since its links are relative. Pages in the same folder, none of the
navigation's pages below them, with the same active items, get the same sidebar:
`overrides/main.html` asks `sidebar_key` for the page's key and keeps the sidebar
rendered for it. A page the navigation lists shows its own table of contents in its
sidebar: it has no key, and is rendered as Material renders it.
`tests/test_site.py` builds the site with and without this and compares every page.
"""

from __future__ import annotations

from collections.abc import Hashable

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.search import REPEAT


class SidebarCache:
    """The sidebars rendered in one build, by `sidebar_key`."""

    def __init__(self, nav: Navigation | None = None) -> None:
        self.sidebars: dict[Hashable, str] = {}
        self.listed = {id(page) for page in nav.pages} if nav is not None else set()
        self.urls = [page.url for page in nav.pages] if nav is not None else []

    def sidebar_key(self, page: Page | None) -> Hashable | None:
        """What the page's sidebar depends on, or None when it is its own."""
        if page is None or id(page) in self.listed or not self.urls:
            return None
        if any(url.startswith(page.url) for url in self.urls):
            return None  # links to pages below this one are relative to it alone
        active = tuple(id(item) for item in page.ancestors if item.active)
        return page.url.rstrip("/").rpartition("/")[0], active

    def sidebar(self, key: Hashable | None) -> str | None:
        return self.sidebars.get(key) if key is not None else None

    def keep(self, key: Hashable | None, html: str) -> str:
        """Remember `html` as the sidebar for `key`; return it."""
        if key is not None:
            self.sidebars[key] = html
        return html


def toc_without_repeated_subsections(toc: TableOfContents | list[AnchorLink]) -> None:
    """Leave out of a page's table of contents the subsections (level 3 and below) that
    repeat other pages' content, such as each source's "Facts citing it" on a source
    page: its sources stay listed, with less than half the entries. Sections of their
    own (an actor's "Facts about …") stay. 2.3 MB of the 50,000-fact site."""
    for link in toc:
        link.children = [child for child in link.children
                         if not (child.level >= 3 and child.id.startswith(REPEAT))]
        toc_without_repeated_subsections(link.children)
