"""One name for each thing: across the whole built Istanbul site, every link to a source,
an actor or a round, and every heading of one, reads as its short or its long name.

Parses the built HTML (no browser needed): the `site` fixture is the real MkDocs build.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from built_html import read_html

from generator.analyze import analyze
from generator.names import Name, Names
from generator.pages import Plan
from generator.pipeline import read_briefings
from generator.view import BriefingView

from .support import REPO, Site

SLUG = "istanbul-2025"
OLD_NAMES = ("Unknown publisher", "untitled", "an unnamed", "Round 2: Second round",
             "Round 1: First round")


class _Names(HTMLParser):
    """Link texts by target, and heading texts by the heading's id, of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.headings: list[tuple[str, str]] = []  # (id, text)
        self._open: list[tuple[str, str, list[str]]] = []  # (tag, key, text parts)
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and "headerlink" in (a.get("class") or ""):
            self._skip += 1
        elif tag == "a" and a.get("href"):
            self._open.append(("a", a["href"] or "", []))
        elif tag in ("h1", "h2", "h3") and a.get("id"):
            self._open.append((tag, a["id"] or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
            return
        if self._open and self._open[-1][0] == tag:
            _, key, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            (self.links if tag == "a" else self.headings).append((key, text))

    def handle_data(self, data: str) -> None:
        if not self._skip:
            for _, _, parts in self._open:
                parts.append(data)


def _url(docs_path: str) -> str:
    """`istanbul-2025/rounds/round-2.md` -> `istanbul-2025/rounds/round-2/`."""
    stem = docs_path[: -len(".md")]
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


@pytest.fixture(scope="module")
def plan() -> Plan:
    briefing = next(b for b in read_briefings(REPO / "briefings").briefings if b.slug == SLUG)
    return Plan(BriefingView(briefing, analyze(briefing)), [])


def _names_used(site: Site, plan: Plan) -> dict[str, set[str]]:
    """Every text that links to, or heads, a source, actor or round, by its id."""
    b = plan.view.b
    wanted = [*b.sources, *b.actors, *b.rounds]
    targets: dict[tuple[str, str], str] = {}
    for item_id in wanted:
        path, anchor = plan.locations[item_id]
        targets[(_url(path), anchor or "")] = item_id
    for source_id in b.sources:  # its section on a "Sources, part N" page
        for spec in plan.specs:
            if spec.template == "source.md.j2" and any(
                    s.id == source_id for s in spec.context["sources"]):
                targets[(_url(spec.path), f"about-{source_id}")] = source_id
    used: dict[str, set[str]] = defaultdict(set)
    for html_file in sorted(site.root.rglob("*.html")):
        page_url = html_file.relative_to(site.root).as_posix()
        page_url = page_url[: -len("index.html")]
        parser = _Names()
        parser.feed(read_html(html_file))
        for href, text in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            path = posixpath.normpath(posixpath.join(page_url, unquote(parts.path)))
            path = "" if path == "." else path + ("/" if parts.path.endswith("/") else "")
            if not parts.path:
                path = page_url
            item_id = targets.get((path, parts.fragment))
            if item_id and text:
                used[item_id].add(text)
        for heading_id, text in parser.headings:
            item_id = targets.get((page_url, heading_id))
            if item_id:
                used[item_id].add(text)
    # A page that is the item's own (a round, an actor): its title is a name too.
    for item_id in wanted:
        path, anchor = plan.locations[item_id]
        if anchor is None:
            page = site.pages.get(_url(path))
            assert page is not None, path
            used[item_id].update(page.h1)
    return used


def test_every_source_actor_and_round_goes_by_its_short_or_long_name_only(
        site: Site, plan: Plan) -> None:
    names: Names = plan.view.names
    used = _names_used(site, plan)
    b = plan.view.b
    for item_id in [*b.sources, *b.actors, *b.rounds]:
        name = names.of(item_id)
        assert used[item_id], f"{item_id} is never linked or headed on the site"
        assert used[item_id] <= {name.short, name.long}, (item_id, used[item_id])
    # Every source is linked by its short name in running text and by its long one from
    # footnotes and the list of sources; every round reads "Round N".
    for source_id in b.sources:
        assert used[source_id] == {names.short(source_id), names.long(source_id)}
    for rnd in b.rounds.values():
        assert f"Round {rnd.number}" in used[rnd.id]


def test_no_page_uses_the_old_names_of_a_source_or_round(site: Site) -> None:
    for html_file in sorted((site.root / SLUG).rglob("*.html")):
        text = read_html(html_file)
        for old in OLD_NAMES:
            assert old not in text, (html_file, old)


def test_a_source_without_publisher_or_title_is_named_by_its_kind() -> None:
    briefing = next(b for b in read_briefings(REPO / "briefings").briefings if b.slug == SLUG)
    name = Names(briefing).of("unnamed-publisher-report")
    assert name.short == "Unattributed news report"
    assert name.long == "Unattributed news report (no publisher, title or date recorded)"


def test_labels_and_round_titles(tmp_path: Path) -> None:
    """An editor's `label` replaces the short name; a round's title shows only when it says
    more than the number; sources sharing a name are told apart by their date."""
    folder = tmp_path / "briefings" / "demo"
    folder.mkdir(parents=True)
    (folder / "briefing.yaml").write_text(DEMO, encoding="utf-8")
    names = Names(read_briefings(tmp_path / "briefings").briefings[0])
    assert names.short("wire-1") == "Wire, 1 Jun 2025"
    assert names.short("wire-2") == "Wire, 2 Jun 2025"
    assert names.short("labelled") == "Wire's late report"
    assert names.of("unnamed-dated").short == "Unattributed news report, 3 Jun 2025"
    assert names.of("r1") == Name("Round 1", "Round 1")
    assert names.of("r2").long == "Round 2: Geneva follow-up"
    assert names.short("f1") == "Outcome of Round 1"
    # inside a sentence, a name the site made up reads as a description; proper names and
    # editors' labels stay as they are
    assert names.in_text("unnamed-dated") == "the unattributed news report, 3 Jun 2025"
    assert names.in_text("unnamed-dated", start=True).startswith("The unattributed")
    assert names.sources_in_text(["unnamed-dated", "wire-1", "labelled"]) == [
        "the unattributed news report, 3 Jun 2025", "Wire's late report", "Wire, 1 Jun 2025"]
    assert names.in_text("r1") == "Round 1"
    # a property of a fact: the fact's name is a label of its own, kept whole
    assert names.about("f1", "count").short == "Count (Outcome of Round 1)"
    assert names.about("r1", "duration").short == "Duration of Round 1"


DEMO = """\
briefing:
  title: Demo
  summary: A demo.
  period: {start: "2025-06-01", end: ongoing}
  last_reviewed: "2025-06-03"
sources:
  - {id: wire-1, title: A, publisher: Wire, url: unknown, published: "2025-06-01",
     language: en, kind: wire-report}
  - {id: wire-2, title: B, publisher: Wire, url: unknown, published: "2025-06-02",
     language: en, kind: wire-report}
  - {id: labelled, label: "Wire's late report", title: C, publisher: Wire, url: unknown,
     published: "2025-06-02", language: en, kind: wire-report}
  - {id: unnamed-dated, title: unknown, publisher: unknown, url: unknown,
     published: "2025-06-03", language: en, kind: news-report}
rounds:
  - {id: r1, number: 1, title: First round, date: "2025-06-01", citations: [wire-1]}
  - {id: r2, number: 2, title: Geneva follow-up, date: "2025-06-02", citations: [wire-2]}
facts:
  - {id: f1, kind: outcome, round: r1, text: "Something was agreed.", citations: [wire-1]}
"""
