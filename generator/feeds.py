"""Atom feeds (RFC 4287) of the updates: one per briefing, one for the whole site.

Entries come from `generator.updates`; `feed.xml.j2` words them. Ids are `urn:uuid`
names derived from the briefing, the commit and the item, so an entry keeps its id from
build to build and a feed reader shows it once. Links are relative to the feed's own
address (RFC 4287 allows IRI references), so the feed works wherever the site is served.
"""

from __future__ import annotations

import posixpath
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from generator.layout import page_url
from generator.updates import Update

if TYPE_CHECKING:
    from generator.model import Briefing
    from generator.pages import Plan

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # the date of a site feed with no briefing
FEED_SIZE = 50  # entries per feed, newest first
NAMESPACE = uuid.UUID("6f5e0c52-3a7e-4c55-9f57-0c4b8f0e7a11")  # this generator's feeds


@dataclass(frozen=True, slots=True)
class FeedEntry:
    id: str
    slug: str
    briefing: str  # the briefing's title
    update: Update
    link: str  # relative to the feed
    name: str  # what the entry is about, as the site names it
    page: str  # the Markdown page that holds the entry (docs-relative), for site links


def entry_id(slug: str, update: Update) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{slug}/{update.anchor}')}"


def feed_id(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def feed_entries(plan: Plan, directory_urls: bool = True,
                 base: str = "") -> list[FeedEntry]:
    """The newest entries of one briefing, linked relative to `base` (a folder path:
    the feeds are at the site root)."""
    b, updates = plan.view.b, plan.updates
    out = []
    for u in updates.entries[:FEED_SIZE]:
        page = plan.locations[u.anchor][0]
        link = posixpath.relpath(page_url(page, directory_urls), base or ".")
        if directory_urls and page_url(page, directory_urls).endswith("/"):
            link += "/"
        name = u.title or (plan.view.names.long(u.id) if u.live else u.old or u.new or u.id)
        out.append(FeedEntry(entry_id(b.slug, u), b.slug, b.info.title, u,
                             f"{link}#{u.anchor}", name, page))
    return out


def feed_path(slug: str) -> str:
    """Where a briefing's feed is: at the site root, like the site's `feed.xml`.

    Not in the briefing's folder: Material's theme fetches `sitemap.xml` beside every
    `<link rel="alternate">` of a page, and the sitemap is at the root.
    """
    return f"{slug}.atom.xml"


def briefing_feed(plan: Plan, directory_urls: bool = True) -> str:
    """The Atom feed of one briefing."""
    b = plan.view.b
    return render_feed(b.info.title, b.slug, feed_path(b.slug),
                       page_url(plan.path("index.md"), directory_urls),
                       feed_entries(plan, directory_urls), reviewed(b))


def reviewed(briefing: Briefing) -> datetime:
    """When the editors last reviewed a briefing: a feed's date when it has no entry."""
    start = briefing.info.last_reviewed.start
    if isinstance(start, datetime):
        return start
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def render_feed(title: str, key: str, self_link: str, home_link: str,
                items: list[FeedEntry], fallback: datetime, multi: bool = False) -> str:
    """An Atom document; `updated` is the newest entry's date (`fallback` if none)."""
    items = sorted(items, key=lambda e: (e.update.stamp.date, e.id), reverse=True)[:FEED_SIZE]
    updated = items[0].update.stamp.date if items else fallback
    env = Environment(loader=PackageLoader("generator", "templates"),
                      autoescape=select_autoescape(default=True), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("feed.xml.j2").render(
        title=title, id=feed_id(key), self_link=self_link, home_link=home_link,
        updated=updated.isoformat(), entries=items, multi=multi)
