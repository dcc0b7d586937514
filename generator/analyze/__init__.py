"""Discrepancy analysis: compares claims across sources, flags weekday mismatches,
single-source claims and coverage gaps, and merges the editors' recorded discrepancies.

Modules, one concern each: `phrases` (English phrasing -> value), `readings` (claim ->
value), `ranges` (value -> interval), `names` (folding and aliases), `keys` (comparable
forms), `compare` (two keys -> verdict), `detect`, `coverage`, `recorded` (findings),
`report` (text and JSON output). The rules are in docs/reference/discrepancy-rules.md.
"""

from __future__ import annotations

from generator.analyze.context import Context
from generator.analyze.coverage import coverage_gaps
from generator.analyze.derived import derive, derived_conflicts
from generator.analyze.detect import (
    Detected,
    conflicts,
    group_claims,
    single_sources,
    weekday_mismatches,
)
from generator.analyze.keys import describe
from generator.analyze.origins import count_origins, single_origin
from generator.analyze.readings import unreadable_claims
from generator.analyze.recorded import merge_recorded
from generator.model import Analysis, Briefing, Finding

__all__ = ["analyze", "compared_as", "unreadable_claims"]


def analyze(briefing: Briefing) -> Analysis:
    """Every discrepancy, single-source claim and coverage gap in a briefing."""
    ctx = Context.of(briefing)
    groups = group_claims(briefing)
    derived = derive(ctx)
    detected = (conflicts(groups, ctx) + weekday_mismatches(briefing, ctx)
                + [Detected(f, (frozenset(f.claims[:-1]), frozenset(f.claims[-1:])))
                   for f in derived_conflicts(derived, ctx)])
    discrepancies = sorted(merge_recorded(detected, ctx),
                           key=lambda f: (f.subject, f.property or "", f.id))
    analysis = Analysis(discrepancies=discrepancies,
                        single_source=single_sources(groups, ctx),
                        coverage_gaps=coverage_gaps(briefing, ctx), derived=derived)
    analysis.origins = count_origins(ctx)
    analysis.single_origin = single_origin(analysis.origins, ctx)
    _unique_ids(analysis.discrepancies + analysis.single_source + analysis.coverage_gaps
                + analysis.single_origin)
    return analysis


def _unique_ids(findings: list[Finding]) -> None:
    """Suffix -2, -3… to an id already taken (ids made of hyphenated ids can collide)."""
    taken: set[str] = set()
    for finding in findings:
        base, n = finding.id, 1
        while finding.id in taken:
            n += 1
            finding.id = f"{base}-{n}"
        taken.add(finding.id)


def compared_as(briefing: Briefing) -> dict[str, str]:
    """Each readable claim's value as the comparison uses it: a range, a day or days, a
    moment with its zone (the discrepancies page's "Read as" column)."""
    ctx = Context.of(briefing)
    return {cid: describe(key) for cid, key in ctx.keys.items() if key is not None}
