"""Prose quality: every page type and every finding kind, rendered for the project's
briefing, the format-2 fixture and a small synthetic briefing, reads as written words.

Pages are converted to HTML with the site's Markdown extensions and only what a reader
sees is checked: text, not markup, attributes or link targets. Each check is a mistake
readers have met: a template placeholder left over, a doubled word ("reports reports"),
an id where a name belongs, "None" or a bare "unknown" where the page should say in
words what is not known, or a fact named by a cut-off excerpt. Text the editors wrote
(fact texts, quotes, titles: synthetic ones are random words) is theirs, not checked.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest

from generator import pages
from generator.analyze import analyze
from generator.analyze.kinds import kinds
from generator.export import dump
from generator.model import Briefing
from generator.pages import Plan
from generator.pipeline import read_briefings
from generator.render import shared_renderer
from generator.updates import no_updates
from generator.view import BriefingView

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "generator" / "templates"
sys.path.insert(0, str(ROOT / "benchmarks"))
import synth  # noqa: E402  (benchmarks is a folder of scripts, not a package)

EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details"]  # mkdocs.yml's markdown_extensions
SYNTHETIC_FACTS = 300  # the synthetic briefing's kinds of findings all occur at this size
# Not a briefing's pages: other tests render them (kinds.md.j2 is the docs' table of kinds)
NOT_BRIEFING_PAGES = {"diff.md.j2", "error.md.j2", "site_home.md.j2", "kinds.md.j2"}

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\bUndefined\b|\bTODO\b|\bFIXME\b"
                         r"|\[object |%s\b|%\(\w+\)s|\{\d*\}|\b[A-Z]\w+\(\w+=|object at 0x")
DOUBLED = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)
NONE = re.compile(r"\bNone\b|\bnull\b")
# "unknown" is words only as what a thing is: "its publication date is unknown".
BARE_UNKNOWN = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bunknown\b",
                          re.IGNORECASE)
CUT_QUOTE = re.compile(r"“[^“”]*…”")
URL = re.compile(r"https?://\S+")
HIDDEN = {"script", "style", "code", "pre"}  # not prose: code is shown as written
class _Reader(HTMLParser):
    """The visible text of an HTML page, block by block, and its links."""

    BLOCKS = frozenset({"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
              "summary", "figcaption", "caption", "div", "blockquote", "text", "title", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.links: list[tuple[str, str]] = []  # (target, text)
        self._buffer: list[str] = []
        self._link: list[str] | None = None
        self._href = ""
        self._hidden: list[str] = []  # open tags whose content is not checked

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden or tag in HIDDEN:
            if tag != "br":
                self._hidden.append(tag)
        elif tag in self.BLOCKS:
            self._flush()
        elif tag == "a":
            self._link, self._href = [], dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if self._hidden[-1] == tag:
                self._hidden.pop()
        elif tag in self.BLOCKS:
            self._flush()
        elif tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._buffer.append(data)
            if self._link is not None:
                self._link.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.blocks.append(text)
        self._buffer = []

    def close(self) -> None:
        super().close()
        self._flush()


@dataclass
class Rendered:
    """A briefing's pages as a reader reads them, and what its editors wrote."""

    briefing: Briefing
    kinds: set[str]
    templates: set[str] = field(default_factory=set)
    pages: list[tuple[str, _Reader]] = field(default_factory=list)  # (path, page)
    written: str = ""  # every text from the fact files, one per line


def _render(briefing: Briefing) -> Rendered:
    analysis = analyze(briefing)
    plan = Plan(BriefingView(briefing, analysis), [], no_updates())
    renderer = shared_renderer()
    out = Rendered(briefing, {f.kind for f in analysis.findings},
                   written="\n".join(_strings(dump(briefing))))
    for spec in plan.specs:
        text = str(renderer.page(spec, plan, "").content)
        reader = _Reader()
        reader.feed(markdown.markdown(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S),
                                      extensions=EXTENSIONS))
        reader.close()
        out.templates.add(spec.template)
        out.pages.append((spec.path, reader))
    return out


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _read(root: Path) -> list[Briefing]:
    reading = read_briefings(root)
    reading.raise_for_problems()
    return reading.briefings


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    """Istanbul, the format-2 fixture, a synthetic briefing; and the fixture again with
    lists split into pages of three, so that continuation pages are rendered too."""
    synthetic = tmp_path_factory.mktemp("synthetic")
    synth.write_synthetic_briefing(synthetic, SYNTHETIC_FACTS)
    briefings = [*_read(ROOT / "briefings"), *_read(ROOT / "tests/fixtures/v2/briefings"),
                 *_read(synthetic)]
    out = [_render(b) for b in briefings]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "LIST_SIZE", 3)
        patch.setattr(pages, "SOURCE_PART_SIZE", 3)
        out += [_render(b) for b in _read(ROOT / "tests/fixtures/v2/briefings")]
    return out


def _unwritten(rendered: list[Rendered],
               pattern: re.Pattern[str] | Callable[[Rendered], re.Pattern[str]],
               theirs: Callable[[Rendered, str, re.Match[str]], bool]) -> list[str]:
    """Matches of `pattern` (or of the briefing's own pattern) in what readers see, URLs
    aside, that the editors did not write (`theirs`)."""
    found = []
    for r in rendered:
        compiled = pattern if isinstance(pattern, re.Pattern) else pattern(r)
        for path, page in r.pages:
            for block in page.blocks:
                for match in compiled.finditer(URL.sub("", block)):
                    if not theirs(r, block, match):
                        found.append(f"{path}: {match.group()!r} in {block!r}")
    return found[:20]


def test_every_page_type_and_every_finding_kind_is_rendered(rendered) -> None:
    templates = {p.name for p in TEMPLATES.glob("*.md.j2") if not p.name.startswith("_")}
    assert templates - NOT_BRIEFING_PAGES <= set().union(*(r.templates for r in rendered))
    assert {k.name for k in kinds()} <= set().union(*(r.kinds for r in rendered))


def test_no_placeholder_is_left_over(rendered) -> None:
    problems = _unwritten(rendered, PLACEHOLDER, lambda r, _, m: m.group() in r.written)
    assert not problems, "\n".join(problems)


def test_no_word_is_doubled(rendered) -> None:
    def theirs(r: Rendered, _: str, match: re.Match[str]) -> bool:
        word = re.escape(match.group(1))
        return bool(re.search(rf"\b{word}\s+{word}\b", r.written, re.IGNORECASE))
    problems = _unwritten(rendered, DOUBLED, theirs)
    assert not problems, "\n".join(problems)


def test_no_id_is_shown_to_a_reader(rendered) -> None:
    """Ids with a hyphen or a digit ("r1-date-cgtn"), which no editor writes as a word."""
    def shown(r: Rendered) -> re.Pattern[str]:
        ids = sorted((i for i in _ids(r.briefing) if re.search(r"[-\d]", i)), key=len,
                     reverse=True)
        return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    problems = _unwritten(rendered, shown, lambda r, _, m: m.group() in r.written)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pattern", [NONE, BARE_UNKNOWN], ids=["None", "unknown"])
def test_what_is_not_known_is_said_in_words(rendered, pattern: re.Pattern[str]) -> None:
    def theirs(r: Rendered, block: str, match: re.Match[str]) -> bool:
        return any(piece in r.written for piece in _pieces(block, match))
    problems = _unwritten(rendered, pattern, theirs)
    assert not problems, "\n".join(problems)


def test_no_fact_is_named_by_a_cut_off_excerpt(rendered) -> None:
    """A link to an item whose text is cut off (“The first round led to…”), or a cut-off
    quotation standing for a fact in a sentence."""
    problems = _unwritten(rendered, CUT_QUOTE, lambda *_: False)
    for r in rendered:
        ids = _ids(r.briefing)
        for path, page in r.pages:
            for href, text in page.links:
                target = urlsplit(href)
                anchor = unquote(target.fragment) or Path(target.path).stem
                if text.endswith("…") and not target.scheme and anchor in ids:
                    problems.append(f"{path}: link {text!r} to {anchor}")
    assert not problems, "\n".join(problems)


def _pieces(block: str, match: re.Match[str]) -> list[str]:
    """Spans of `block` around a match, any of which the editors may have written."""
    return [block[max(0, match.start() - n):match.end() + m]
            for n in (0, 12, 24) for m in (0, 12, 24) if n or m]


def _ids(briefing: Briefing) -> set[str]:
    ids: set[str] = set()
    for section in ("sources", "actors", "places", "issues", "rounds", "facts", "documents",
                    "positions", "claims", "discrepancies"):
        ids |= set(getattr(briefing, section))
    ids |= {item.id for d in briefing.documents.values() for item in d.items}
    return ids
