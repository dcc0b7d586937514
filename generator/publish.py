"""What the site gets from the briefings folder: pages, navigation, the home list, errors.

Plain functions on plain data, so that the MkDocs plugin (`generator.site`) stays a thin
adapter and tests can call them without MkDocs. A briefing whose fact files have problems
gets an error page in place of its pages, for `mkdocs serve`; `mkdocs build` refuses it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.analyze import analyze
from generator.feeds import EPOCH, FeedEntry, render_feed, reviewed
from generator.history import History, build_date
from generator.markup import format_when
from generator.model import Briefing
from generator.pages import NAV, Handwritten
from generator.pipeline import Reading
from generator.problems import Problem, processing
from generator.render import Page, Renderer, render_briefing
from generator.search import Names, briefing_names
from generator.updates import briefing_updates

PLACEHOLDER = "<!-- briefings -->"
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
                 history: History | None = None, site_name: str = "") -> SiteContent:
    """Pages, navigation and home list for every briefing; error pages for broken ones.

    `root` is the briefings folder as problem paths show it (e.g. `briefings`); `history`
    (from `generator.history`) dates the updates; without it every date is unknown.
    """
    content = SiteContent(problems=sorted(reading.problems))
    renderer = Renderer()
    broken = problems_by_briefing(content.problems, root)
    entries: list[dict[str, Any]] = []
    built = build_date()
    feed: list[FeedEntry] = []
    for briefing in reading.briefings:
        extra = handwritten.get(briefing.slug, [])
        with processing(f"{root}/{briefing.slug}"):
            analysis = analyze(briefing)
            updates = briefing_updates(briefing, analysis, history, built)
            pages = render_briefing(briefing, analysis, edit_base, extra, directory_urls,
                                    site_name, updates, feed)
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
    content.home = renderer.render("site_home.md.j2", briefings=entries)
    content.pages.append(Page("feed.xml", render_feed(
        "Briefings", "site", "feed.xml", "./", feed,
        max((reviewed(b) for b in reading.briefings), default=EPOCH), multi=True), ""))
    return content


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


def fill_home(markdown: str, home: str) -> str:
    """The site home with the list of briefings in place of its placeholder."""
    return markdown.replace(PLACEHOLDER, home)


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
