"""The English of a diff: text, Markdown (pull-request summaries) and JSON.

`generator.diff` produces the data; this module only groups it for the templates
`diff.txt.j2` and `diff.md.j2`, which hold every sentence. The Markdown is escaped like
every generated page, so a fact's text cannot inject markup into a job summary.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.analyze.kinds import kinds
from generator.diff import SECTIONS, BriefingDiff, SiteDiff
from generator.findings import text_wording
from generator.render import Renderer

FORMATS = ("text", "markdown", "json")
# One name per section, singular and plural, for sentences such as "3 facts added".
NOUNS = {
    "briefing": ("briefing description", "briefing descriptions"),
    "facts": ("fact", "facts"), "claims": ("claim", "claims"),
    "sources": ("source", "sources"), "actors": ("actor", "actors"),
    "places": ("place", "places"), "issues": ("issue", "issues"),
    "rounds": ("round", "rounds"), "documents": ("document", "documents"),
    "document-items": ("document point", "document points"),
    "positions": ("position", "positions"),
    "discrepancies": ("recorded discrepancy", "recorded discrepancies"),
    "withdrawn": ("withdrawal note", "withdrawal notes"),
}


def finding_nouns() -> dict[str, str]:
    """One finding of each kind in running text ("coverage gap"), from the kind's fragment;
    and an editor's record."""
    wording = text_wording(None)
    return {k.name: wording.noun(k) for k in kinds()} | {"recorded": "recorded discrepancy"}


def render_diff(site: SiteDiff, fmt: str) -> str:
    """The diff in one of FORMATS."""
    if fmt == "json":
        return json.dumps(dataclasses.asdict(site), ensure_ascii=False, indent=2,
                          default=str) + "\n"
    context = {"site": site, "briefings": [_grouped(b) for b in site.briefings],
               "nouns": NOUNS, "finding_nouns": finding_nouns()}
    if fmt == "markdown":
        renderer = Renderer()
        renderer.env.filters["plain"] = plain
        return renderer.render("diff.md.j2", **context)
    return _text_env().get_template("diff.txt.j2").render(**context)


def _grouped(diff: BriefingDiff) -> dict[str, Any]:
    """A briefing's changes by section, and the counts its summary line states."""
    sections = [(s, [i for i in diff.items if i.section == s]) for s in SECTIONS]
    added_facts: dict[str, int] = {}
    for item in diff.items:
        if item.section == "facts" and item.change == "added":
            key = item.round_name or ""
            added_facts[key] = added_facts.get(key, 0) + 1
    counts = [(s, change, diff.count(s, change)) for s in SECTIONS
              for change in ("added", "changed", "removed")
              if diff.count(s, change) and not (s == "facts" and change == "added")]
    return {"diff": diff, "sections": [(s, items) for s, items in sections if items],
            "added_facts": sorted(added_facts.items()), "counts": counts,
            "citations_removed": [i for i in diff.items if i.citations_removed],
            "citations_added": [i for i in diff.items if i.citations_added]}


def _text_env() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["plain"] = plain
    return env


def plain(value: Any, limit: int = 120) -> str:
    """A field's value in a line of text: strings quoted, lists and mappings compact."""
    if value is None:
        text = "(none)"
    elif isinstance(value, str):
        text = f"“{value}”"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {plain(v, limit)}" for k, v in value.items()
                               if v is not None) + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(plain(v, limit) for v in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
