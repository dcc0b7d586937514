"""Discrepancy analysis: compares claims across sources, flags weekday mismatches,
single-source claims and coverage gaps, and merges the editors' recorded discrepancies.

Modules, one concern each: `phrases` (English phrasing -> value), `readings` (claim ->
value), `ranges` (value -> interval), `names` (folding and aliases), `keys` (comparable
forms), `compare` (two keys -> verdict), `detect`, `coverage`, `recorded` (findings),
`report` (text and JSON output), `kinds` (the registry of finding kinds). The rules
are in docs/reference/discrepancy-rules.md.
"""

from __future__ import annotations

from typing import Any

from generator.analyze.context import Context
from generator.analyze.derived import derive
from generator.analyze.keys import key_data
from generator.analyze.kinds import kinds
from generator.analyze.origins import count_origins
from generator.analyze.readings import unreadable_claims
from generator.analyze.recorded import merge_recorded
from generator.model import Analysis, Briefing, Finding

__all__ = ["analyze", "compared_as", "unreadable_claims"]


def analyze(briefing: Briefing) -> Analysis:
    """Every finding of every registered kind (generator/analyze/kinds.py) in a briefing,
    merged with the editors' recorded discrepancies."""
    ctx = Context.of(briefing)
    ctx.cache["derived"] = derive(ctx)  # the derived-conflict kind compares these
    ctx.cache["origins"] = count_origins(ctx)  # the single-origin kind reads these
    registered = kinds()
    marks = {k.name for k in registered if k.marks}
    detected = [d for k in registered for d in k.detect(ctx)]
    reviewable = [d for d in detected if d.finding.kind in marks]
    discrepancies = sorted(merge_recorded(reviewable, ctx),
                           key=lambda f: (f.subject, f.property or "", f.id))
    listed = [d.finding for d in detected if d.finding.kind not in marks]
    analysis = Analysis(discrepancies=discrepancies, listed=listed,
                        derived=ctx.cache["derived"], origins=ctx.cache["origins"])
    _unique_ids(analysis.discrepancies + analysis.listed)
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


def compared_as(briefing: Briefing) -> dict[str, dict[str, Any]]:
    """Each readable claim's value as the comparison uses it, as data (keys.key_data: a
    range, a day or days, a moment with its zone): the "Read as" the pages word."""
    ctx = Context.of(briefing)
    return {cid: key_data(key) for cid, key in ctx.keys.items() if key is not None}
