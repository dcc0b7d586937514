"""Independent origins: how many separate origins stand behind what several sources report.

Two outlets that both cite Reuters are two reports but one origin. A citation's origin is
the last step of its `via` chain (an actor), or the source itself when it cites no one.
An unnamed last step ("an unnamed official") counts as an origin of its own only when
the editor marks it `independent: true`; otherwise it may be any of the others, and
counts only when nothing else stands behind the item.

For every fact, claim, document and document point cited by two sources or more, the
analysis records the count; agreement of two sources or more resting on one origin is a
finding (`single-origin`). Data only: the templates word it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.analyze.context import Context
from generator.analyze.detect import Detected
from generator.analyze.kinds import FindingKind, register
from generator.model import Citation, Finding, OriginCount


def count_origins(ctx: Context) -> list[OriginCount]:
    """The origins behind each item that two sources or more report, by item id."""
    counts = [count for item_id, citations in _cited(ctx)
              if (count := _count(item_id, citations)) is not None]
    return sorted(counts, key=lambda c: c.id)


def single_origin(counts: list[OriginCount], ctx: Context) -> list[Finding]:
    """Items that several sources report, all from one named origin."""
    return [Finding(
        id=f"single-origin-{count.id}", kind="single-origin", origin="detected",
        subject=count.id, rule="one-origin",
        reason={"reports": count.reports, "origin": count.origins[0]},
        sources=list(count.sources), origins=list(count.origins))
        for count in counts if count.independent == 1 and count.origins]


def _cited(ctx: Context) -> Iterator[tuple[str, list[Citation]]]:
    b = ctx.briefing
    for fact in b.facts.values():
        yield fact.id, fact.citations
    for claim in b.claims.values():
        yield claim.id, claim.citations
    for document in b.documents.values():
        yield document.id, document.citations
        for item in document.items:
            yield item.id, item.citations


def _count(item_id: str, citations: Iterable[Citation]) -> OriginCount | None:
    sources: dict[str, None] = {}
    named: dict[str, None] = {}
    unnamed_independent, unnamed_other = 0, False
    for citation in citations:
        sources[citation.source] = None
        last = citation.via[-1] if citation.via else None
        if last is None:
            named[citation.source] = None
        elif last.actor:
            named[last.actor] = None
        elif last.independent:
            unnamed_independent += 1
        else:
            unnamed_other = True
    if len(sources) < 2:
        return None
    independent = len(named) + unnamed_independent or int(unnamed_other)
    return OriginCount(id=item_id, reports=len(sources), independent=independent,
                       origins=sorted(named), unnamed=unnamed_independent,
                       sources=sorted(sources))


def _detect(ctx: Context) -> list[Detected]:
    counts = ctx.cache.get("origins") or count_origins(ctx)
    return [Detected(f, (frozenset(), frozenset())) for f in single_origin(counts, ctx)]


register(FindingKind(
    "single-origin", False, _detect, rank=35, ids="`single-origin-<item>`",
    reason="`rule`: `one-origin`. `reports`: how many sources report the item (the "
    "finding's `sources`); `origin`: the one origin they all relay (an actor or a source "
    "id). `analysis.origins` in the export counts the origins behind every item."))
