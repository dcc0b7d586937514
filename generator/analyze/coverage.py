"""Coverage gaps: points of a document that a source covering the document does not report.

A source covers a document when it cites the document or any of its items; each item it
does not cite is a gap. One finding per (document, source), listing the missing items.
"""

from __future__ import annotations

from generator.analyze.context import Context
from generator.analyze.detect import Detected
from generator.analyze.kinds import FindingKind, register
from generator.model import Briefing, Document, DocumentItem, Finding


def coverage_gaps(briefing: Briefing, ctx: Context) -> list[Detected]:
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
                found.append(Detected(_gap(document, source, missing, ctx),
                                      (frozenset(), frozenset())))
    return found


def _gap(document: Document, source: str, missing: list[tuple[DocumentItem, set[str]]],
         ctx: Context) -> Finding:
    others = set().union(*(sources for _, sources in missing))
    return Finding(
        id=f"gap-{document.id}-{source}", kind="coverage-gap", origin="detected",
        subject=document.id, rule="points-not-reported",
        reason={"reported": len(document.items) - len(missing), "total": len(document.items),
                "reported_by": sorted(others)},
        items=[item.id for item, _ in missing], sources=[source])


register(FindingKind(
    "coverage-gap", False, lambda ctx: coverage_gaps(ctx.briefing, ctx), rank=40,
    ids="`gap-<document>-<source>`",
    reason="`rule`: `points-not-reported`. `reported` and `total`: how many of the "
    "document's points the source reports, of how many; `reported_by`: the sources that "
    "report the points it leaves out. The points left out are the finding's `items`."))
