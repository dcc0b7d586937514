"""Coverage gaps: points of a document that a source covering the document does not report.

A source covers a document when it cites the document or any of its items; each item it
does not cite is a gap. One finding per (document, source), listing the missing items.
"""

from __future__ import annotations

from generator.analyze import wording
from generator.analyze.context import Context
from generator.model import Briefing, Document, DocumentItem, Finding

SHOWN_TEXT = 80  # characters of an item's text quoted in an explanation


def coverage_gaps(briefing: Briefing, ctx: Context) -> list[Finding]:
    """Every gap, by document id and then source id."""
    found = []
    for _, document in sorted(briefing.documents.items()):
        if not document.items:
            continue
        cited = [(item, {c.source for c in item.citations}) for item in document.items]
        covering = {c.source for c in document.citations}.union(*(s for _, s in cited))
        for source in sorted(covering):
            missing = [(item, sources) for item, sources in cited if source not in sources]
            if missing:
                found.append(_gap(document, source, missing, ctx))
    return found


def _gap(document: Document, source: str, missing: list[tuple[DocumentItem, set[str]]],
         ctx: Context) -> Finding:
    total, reported = len(document.items), len(document.items) - len(missing)
    title = wording.quote(document.title)
    if reported:
        lead = f"{ctx.names.short(source)} reports {reported} of the {total} points of {title}"
    else:
        lead = f"{ctx.names.short(source)} cites {title} but none of its {total} points"
    points = "; ".join(wording.quote(_short(item.text)) for item, _ in missing)
    others = set().union(*(sources for _, sources in missing))
    by = f" Those points are reported by {ctx.sources_text(others)}." if others else ""
    return Finding(
        id=f"gap-{document.id}-{source}", kind="coverage-gap", origin="detected",
        title=f"{document.title}: points {ctx.names.short(source)} does not report",
        subject=document.id,
        explanation=f"{lead}; it does not mention: {points}.{by}",
        items=[item.id for item, _ in missing], sources=[source])


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT - 1].rstrip() + "…"
