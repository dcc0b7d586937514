"""Merge the editors' recorded discrepancies with the detected ones.

A recorded discrepancy that names a claim from each side of a detected finding reviews
it: the finding keeps its id and takes the editor's status, analysis and citations (a
weekday mismatch has one claim on both sides, so naming it is enough). A record that
reviews several detected findings becomes one finding covering them all (the first one's
id, every claim and source, each explanation), so that it is listed and marked once. A
recorded discrepancy that reviews nothing is listed on its own, with origin `recorded`.
`dismissed` findings stay listed: the analysis is the reason.
"""

from __future__ import annotations

from dataclasses import replace

from generator.analyze.context import Context, claim_sources
from generator.analyze.detect import Detected
from generator.model import Discrepancy, Finding


def merge_recorded(detected: list[Detected], ctx: Context) -> list[Finding]:
    """Detected findings (reviewed where an editor recorded them) and unmatched records."""
    by_claim: dict[str, list[int]] = {}
    for n, item in enumerate(detected):
        for cid in item.sides[0] | item.sides[1]:
            by_claim.setdefault(cid, []).append(n)
    reviewer: dict[int, Discrepancy] = {}
    unmatched: list[Finding] = []
    for _, record in sorted(ctx.briefing.discrepancies.items()):
        named = set(record.claims)
        hits = {n for cid in named for n in by_claim.get(cid, ())
                if named & detected[n].sides[0] and named & detected[n].sides[1]}
        for n in sorted(hits):
            reviewer.setdefault(n, record)
        if not hits:
            unmatched.append(_unmatched(record, ctx))
    covered: dict[str, list[Finding]] = {}
    reviewed: list[Finding] = []
    for n, item in enumerate(detected):
        record = reviewer.get(n)
        if record is None:
            reviewed.append(item.finding)
        elif record.id in covered:
            covered[record.id].append(item.finding)
        else:
            covered[record.id] = [item.finding]
            reviewed.append(item.finding)  # replaced below by the merged finding
    merged = {group[0].id: _reviewed(group, ctx.briefing.discrepancies[rid])
              for rid, group in covered.items()}
    return [merged.get(f.id, f) for f in reviewed] + unmatched


def _reviewed(group: list[Finding], record: Discrepancy) -> Finding:
    """The detected findings one record reviews, as one finding with the record's review."""
    first = group[0]
    if len(group) > 1:
        first = replace(
            first, claims=sorted({c for f in group for c in f.claims}),
            sources=sorted({s for f in group for s in f.sources}),
            reason={**first.reason, "also": [{"rule": f.rule, **f.reason} for f in group[1:]]},
            covers=[f.id for f in group[1:]])
    return replace(first, recorded=record.id, status=record.status,
                   analysis=record.analysis, citations=list(record.citations))


def _unmatched(record: Discrepancy, ctx: Context) -> Finding:
    claims = [ctx.briefing.claims[cid] for cid in record.claims if cid in ctx.briefing.claims]
    properties = {claim.property for claim in claims}
    return Finding(
        id=record.id, kind="conflict", origin="recorded", rule="recorded-only",
        reason={"sides": [ctx.readings_of(claims)]},
        subject=claims[0].subject if claims else "",
        property=properties.pop() if len(properties) == 1 else None,
        claims=list(record.claims),
        sources=sorted(set().union(*(claim_sources(claim) for claim in claims))),
        status=record.status, analysis=record.analysis, recorded=record.id,
        citations=list(record.citations))
