"""What the site gets from the briefings folder: pages, navigation, the home list, errors.

Plain functions on plain data, so that the MkDocs plugin (`generator.site`) stays a thin
adapter and tests can call them without MkDocs. A briefing whose fact files have problems
gets an error page in place of its pages, for `mkdocs serve`; `mkdocs build` refuses it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.analyze import analyze
from generator.analyze.kinds import kinds
from generator.feeds import EPOCH, FeedEntry, render_feed, reviewed
from generator.findings import Wording
from generator.history import History, build_date
from generator.incremental import Incremental, PagesState
from generator.markup import format_when
from generator.model import Briefing
from generator.pages import NAV, Handwritten
from generator.pipeline import Reading
from generator.problems import Problem, processing
from generator.render import Page, Renderer, render_briefing, shared_renderer
from generator.search import Names, briefing_names
from generator.updates import briefing_updates

PLACEHOLDER = "<!-- briefings -->"
KINDS_PLACEHOLDER = "<!-- finding-kinds -->"
LATEST_ON_HOME = 5  # updates of every briefing listed on the site's home page
# edit_base, directory_urls, hand-written pages, from_source, site_name: what rendering
# depends on besides the briefing
Settings = tuple[str, bool, tuple[Handwritten, ...], bool, str]


@dataclass(slots=True)
class Rendering:
    """A briefing's pages and feed entries, and what they were rendered from."""

    briefing: Briefing
    settings: Settings
    history: History | None
    built: datetime
    pages: list[Page]
    feed: list[FeedEntry]
    state: PagesState | None = None  # what the next rendering may reuse (incremental.py)


Rendered = dict[str, Rendering]  # by slug
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FRONT_TITLE = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*(.+?)\s*\n(?:.*\n)*?---", re.MULTILINE)


@dataclass(slots=True)
class SiteContent:
    """Everything generated for one build, from one reading of the briefings folder."""

    pages: list[Page] = field(default_factory=list)
    nav: list[dict[str, Any]] = field(default_factory=list)  # one section per briefing
    home: str = ""  # Markdown list of briefings, for the home page placeholder
    names: dict[str, Names] = field(default_factory=dict)  # slug -> spellings, for search
    problems: list[Problem] = field(default_factory=list)


def site_content(reading: Reading, root: str, handwritten: dict[str, list[Handwritten]],
                 edit_base: str = "", directory_urls: bool = True,
                 rendered: Rendered | None = None, from_source: bool = False,
                 history: History | None = None, site_name: str = "",
                 keep: Callable[[Page], Page] | None = None) -> SiteContent:
    """Pages, navigation and home list for every briefing; error pages for broken ones.

    `root` is the briefings folder as problem paths show it (e.g. `briefings`); `history`
    (from `generator.history`) dates the updates; without it every date is unknown.
    `from_source`: links in raw HTML relative to the source file, for Zensical.
    `rendered` (for `mkdocs serve`) keeps each briefing's pages from one call to the next:
    a briefing that is the same object, with the same settings and history, on the same
    day, is not analysed and rendered again. `keep` receives each briefing page as soon as
    it is rendered (generator.render.render_briefing).
    """
    content = SiteContent(problems=sorted(reading.problems))
    renderer = shared_renderer()
    broken = problems_by_briefing(content.problems, root)
    entries: list[dict[str, Any]] = []
    built = build_date()
    feed: list[FeedEntry] = []
    for briefing in reading.briefings:
        extra = handwritten.get(briefing.slug, [])
        settings = (edit_base, directory_urls, tuple(extra), from_source, site_name)
        with processing(f"{root}/{briefing.slug}"):
            pages, feed_entries = _rendered(briefing, settings, history, built, rendered, keep)
        feed += feed_entries
        content.pages += pages
        content.nav.append(briefing_nav(briefing.slug, briefing.info.title, extra,
                                        {p.path for p in pages}))
        content.names[briefing.slug] = briefing_names(briefing)
        entries.append(_home_entry(briefing))
    for slug, problems in sorted(broken.items()):
        content.pages.append(error_page(renderer, slug, problems))
        content.nav.append({html.escape(slug): [{"Problems": f"{slug}/index.md"}]})
        entries.append({"title": slug, "link": _link(slug), "problems": len(problems)})
    entries.sort(key=lambda e: e["link"])
    content.nav.sort(key=lambda section: _nav_key(section))
    latest = sorted(feed, key=lambda e: e.update.stamp.date, reverse=True)[:LATEST_ON_HOME]
    content.home = renderer.render("site_home.md.j2", briefings=entries, updates=[
        (e, Markup(f"{quote(e.page)}#{quote(e.update.anchor)}")) for e in latest])
    if rendered is not None:
        for slug in rendered.keys() - {b.slug for b in reading.briefings}:
            del rendered[slug]
    content.pages.append(Page("feed.xml", render_feed(
        "Briefings", "site", "feed.xml", "./", feed,
        max((reviewed(b) for b in reading.briefings), default=EPOCH), multi=True), ""))
    return content


def _rendered(briefing: Briefing, settings: Settings, history: History | None,
              built: datetime, rendered: Rendered | None,
              keep: Callable[[Page], Page] | None = None) -> tuple[list[Page], list[FeedEntry]]:
    """A briefing's pages and feed entries, from `rendered` when it holds them for this
    very briefing, settings and history, rendered the same day. `keep`: render_briefing's."""
    hit = rendered.get(briefing.slug) if rendered is not None else None
    if (hit is not None and hit.briefing is briefing and hit.settings == settings
            and hit.history == history and hit.built.date() == built.date()):
        return hit.pages, hit.feed
    edit_base, directory_urls, extra, from_source, site_name = settings
    analysis = analyze(briefing)
    updates = briefing_updates(briefing, analysis, history, built)
    feed: list[FeedEntry] = []
    incremental = None
    if rendered is not None:  # another version of the briefing: reuse what did not change
        same = (hit is not None and hit.settings == settings and hit.history == history
                and hit.built.date() == built.date())
        incremental = Incremental(hit.state if same and hit else None, briefing, analysis)
    pages = render_briefing(briefing, analysis, edit_base, extra, directory_urls, site_name,
                            updates, feed, from_source, incremental, keep)
    if rendered is not None and incremental is not None:
        rendered[briefing.slug] = Rendering(briefing, settings, history, built, pages, feed,
                                            incremental.state)
    return pages, feed


def problems_by_briefing(problems: list[Problem], root: str) -> dict[str, list[Problem]]:
    """Problems grouped by the briefing folder they are in (others are left out)."""
    groups: dict[str, list[Problem]] = {}
    base = PurePosixPath(root)
    for problem in problems:
        path = PurePosixPath(problem.path)
        try:
            parts = path.relative_to(base).parts
        except ValueError:
            continue
        if len(parts) > 1:
            groups.setdefault(parts[0], []).append(problem)
    return groups


def briefing_nav(slug: str, title: str, handwritten: list[Handwritten],
                 written: set[str]) -> dict[str, Any]:
    """The navigation section of one briefing: its index pages (those it has, of `written`
    paths), then the hand-written ones."""
    entries: list[Any] = [{label: f"{slug}/{path}"} for label, path in NAV
                          if f"{slug}/{path}" in written]
    entries += [h.path for h in handwritten]
    return {html.escape(title): entries}  # Material writes nav titles unescaped


def error_page(renderer: Renderer, slug: str, problems: list[Problem]) -> Page:
    content = renderer.render("error.md.j2", title=f"{slug}: problems in the fact files",
                              problems=problems)
    return Page(f"{slug}/index.md", content, problems[0].path)


def fill_page(path: str, markdown: str, home: str) -> str:
    """A hand-written page with what the generator fills in: the site home's list of
    briefings, and wherever it is asked for, the table of finding kinds."""
    if path == "index.md":
        markdown = markdown.replace(PLACEHOLDER, home)
    if KINDS_PLACEHOLDER in markdown:
        markdown = markdown.replace(KINDS_PLACEHOLDER, kinds_doc())
    return markdown


def kinds_doc() -> str:
    """The finding kinds, what each finds, its ids and its JSON reason, from the registry."""
    renderer = shared_renderer()
    return renderer.render("kinds.md.j2", kinds=kinds(), wording=Wording(renderer.env))


def handwritten_page(path: str, text: str) -> Handwritten:
    """A hand-written page and its title: front matter `title`, else its first heading."""
    match = _FRONT_TITLE.match(text) or _HEADING.search(text)
    if match:
        return Handwritten(path, match.group(1).strip().strip("\"'"))
    return Handwritten(path, PurePosixPath(path).stem.replace("-", " ").capitalize())


def read_handwritten(docs_dir: Path, paths: list[str],
                     slugs: set[str]) -> dict[str, list[Handwritten]]:
    """Hand-written Markdown pages below `docs/<slug>/`, by briefing, sorted by path."""
    out: dict[str, list[Handwritten]] = {}
    for path in sorted(paths):
        slug = path.split("/", 1)[0]
        if slug in slugs and "/" in path and path.endswith(".md"):
            text = (docs_dir / path).read_text(encoding="utf-8")
            out.setdefault(slug, []).append(handwritten_page(path, text))
    return out


def _home_entry(briefing: Briefing) -> dict[str, Any]:
    info = briefing.info
    end = format_when(info.period_end) if info.period_end else "ongoing"
    return {"title": info.title, "link": _link(briefing.slug), "problems": 0,
            "summary": info.summary, "period": f"{format_when(info.period_start)} to {end}"}


def _link(slug: str) -> Markup:
    """A link from the site home to a briefing's home (folder names may be anything)."""
    return Markup(quote(f"{slug}/index.md"))


def _nav_key(section: dict[str, Any]) -> str:
    entries = next(iter(section.values()))
    first = entries[0]
    return str(next(iter(first.values())) if isinstance(first, dict) else first)
