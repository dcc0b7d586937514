"""Render again only the pages an edit changes (`mkdocs serve --dirty`).

Rendering every page of a large briefing takes seconds; an edit to one fact's words
changes a handful of pages. While rendering, each page records the ids it used (those it
hosts, links to, cites or names: `PageContext` and `Names` report them). On the next
reading of the briefing, the two versions are compared id by id (items that are not the
same value field by field, with `generator.diff.field_changes`). When only
words changed (`WORDS`: a fact's text, a note...), the analysis found the same, and the
page plan is the same (same pages, hosting the same ids at the same places), a page keeps
its Markdown if it used none of the changed ids and holds none of their earlier words (a
template may show an item's words without linking to it); every other page is rendered
again.
Anything else (an item added or removed, a date, a citation, a relation, a finding)
renders every page, as does the first reading. `tests/test_serve.py` checks that pages
rendered this way equal a full rendering, edit after edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.diff import SECTIONS, field_changes
from generator.diff import _plain as plain
from generator.export import ExportMemo
from generator.markup import escape_markdown
from generator.model import Analysis, Briefing
from generator.pages import PageSpec, Plan

# Fields whose change shows only where the item itself is shown: a page that used none
# of the changed ids cannot differ. (Dates, citations, rounds, actors... also move items
# between lists and pages; names appear wherever the item is named, which pages record.)
WORDS = frozenset({"text", "note", "summary", "description", "stance", "reported",
                   "translation", "title"})

Shape = tuple[list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]],
              dict[str, tuple[str, str | None]], str]


@dataclass(slots=True)
class PagesState:
    """What one rendering of a briefing leaves for the next."""

    briefing: Briefing
    analysis: Analysis
    shape: Shape
    used: dict[str, frozenset[str]]  # page path -> ids the page used
    contents: dict[str, str]  # page path -> its Markdown
    rendered: int  # how many of them were rendered (not reused) this time
    export: ExportMemo  # each item's text in the JSON export


class Incremental:
    """One rendering of a briefing that may reuse pages of the `previous` one."""

    def __init__(self, previous: PagesState | None, briefing: Briefing,
                 analysis: Analysis) -> None:
        self.previous = previous
        self.briefing, self.analysis = briefing, analysis
        self.changed: set[str] | None = None  # None: render every page
        self.words: list[str] = []  # the changed items' earlier words, as pages hold them
        self.state: PagesState | None = None
        self.export = previous.export if previous is not None else ExportMemo()

    def pages(self, plan: Plan, render: Callable[[PageSpec, set[str]], str]
              ) -> list[tuple[PageSpec, str]]:
        """Every page of `plan` with its Markdown: reused when it cannot have changed,
        else from `render(spec, used)`, which adds the ids the page uses to `used`."""
        shape = plan_shape(plan)
        previous = self.previous
        if previous is not None and previous.shape == shape:
            changes = word_changes(previous.briefing, self.briefing)
            if changes is not None and previous.analysis.findings == self.analysis.findings:
                self.changed, self.words = changes
        used_by: dict[str, frozenset[str]] = {}
        contents: dict[str, str] = {}
        out = []
        rendered = 0
        for spec in plan.specs:
            if (self.changed is not None and previous is not None
                    and spec.path in previous.contents
                    and not previous.used[spec.path] & self.changed
                    and not any(w in previous.contents[spec.path] for w in self.words)):
                content, used = previous.contents[spec.path], previous.used[spec.path]
            else:
                recorded: set[str] = set(spec.hosted)
                content = render(spec, recorded)
                used = frozenset(recorded)
                rendered += 1
            used_by[spec.path], contents[spec.path] = used, content
            out.append((spec, content))
        self.state = PagesState(self.briefing, self.analysis, shape, used_by, contents,
                                rendered, self.export)
        return out


def word_changes(old: Briefing, new: Briefing) -> tuple[set[str], list[str]] | None:
    """The ids whose words alone changed from `old` to `new`, and pieces of their earlier
    words (`shown_words`); None when anything else changed: an item added or removed,
    another field, the briefing's own details."""
    if old.info != new.info:
        return None
    ids: set[str] = set()
    words: list[str] = []
    for section in SECTIONS:
        if section in ("briefing", "document-items"):  # the info; inside documents
            continue
        before, after = getattr(old, section), getattr(new, section)
        if before.keys() != after.keys():
            return None
        for item_id, item in after.items():
            if before[item_id] == item:
                continue
            earlier = plain(before[item_id])
            for change in field_changes(earlier, plain(item)):
                *path, name = change.field.split(".")
                if name not in WORDS:
                    return None
                ids.update([item_id, *path[1:]])  # a document's point: items.<id>.text
                words += shown_words(change.old)
            words += shown_words(*(earlier.get(key) for key in WORDS))
    return ids, words


def shown_words(*values: Any) -> list[str]:
    """Pieces of texts as a page would hold them, escaped: from the fifth character (a
    template may quote or capitalize the start) for 40 characters (lists show excerpts)."""
    out = []
    for value in values:
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            piece = escape_markdown("x" + (text[4:44] if len(text) > 8 else text))
            out.append(str(piece)[1:])
    return out


def plan_shape(plan: Plan) -> Shape:
    """The page plan's pages (path, template, title, ids hosted and actors named), where
    each id lives, and the export's size as the home page words it (rounded: an edit
    rarely changes it)."""
    return ([(s.path, s.template, s.title, tuple(sorted(s.hosted)), tuple(sorted(s.mentions)))
             for s in plan.specs],
            dict(plan.locations), plan.export_size)

