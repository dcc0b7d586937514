"""Find conflicts, weekday mismatches and single-source claims.

Claims are grouped by (subject, property) and, within a group, by key (claims that allow
exactly the same values). Only distinct keys of one group are compared; amounts, days
and moments by a sweep over their sorted intervals. So the work grows with the number of
claims and of conflicts found, never with all pairs of the briefing. A group with more
than MAX_PAIRWISE distinct values is reported once, as a whole, so that the output stays
linear too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from generator.analyze.compare import Outcome, compare, weekday_mismatch
from generator.analyze.context import Context, Group
from generator.analyze.keys import DAYS_LINE, MOMENTS_LINE, Key, on_line
from generator.analyze.kinds import FindingKind, register
from generator.analyze.ranges import Interval
from generator.model import Briefing, Claim, Finding

MAX_PAIRWISE = 8  # distinct values in a group listed pair by pair; beyond, one finding


@dataclass(slots=True)
class Detected:
    """A detected finding and the claims on each side: an editor's discrepancy that names
    a claim from each side reviews it."""

    finding: Finding
    sides: tuple[frozenset[str], frozenset[str]]


def conflicts(groups: dict[Group, list[Claim]], ctx: Context) -> list[Detected]:
    """One finding per pair of incompatible values reported by different sources; a group
    with more than MAX_PAIRWISE distinct values gets one finding for the whole group."""
    found: list[Detected] = []
    for (subject, prop), claims in groups.items():
        buckets: dict[Key, list[Claim]] = {}
        for claim in claims:
            key = ctx.keys.get(claim.id)
            if key is not None:
                buckets.setdefault(key, []).append(claim)
        if len(buckets) < 2 or len({ctx.sources[c.id] for c in claims}) < 2:
            continue
        pairs = ((buckets[a], buckets[b], outcome)
                 for a, b, outcome in conflicting_pairs(list(buckets))
                 if across_sources(buckets[a], buckets[b], ctx))
        if len(buckets) <= MAX_PAIRWISE:
            found.extend(_conflict(subject, prop, *pair, ctx) for pair in pairs)
        elif (example := next(pairs, None)) is not None:
            found.append(_scattered(subject, prop, list(buckets.values()), example, ctx))
    return found


def conflicting_pairs(keys: list[Key]) -> Iterator[tuple[Key, Key, Outcome]]:
    """Every pair of keys that conflict. Keys on one number line (amounts of one kind and
    unit, dated days, moments) are swept; the others (weekdays alone, names, and keys of
    different lines such as a day and a moment) are compared pair by pair."""
    lines: dict[tuple[str, ...], list[tuple[Interval, Key]]] = {}
    loose: list[Key] = []
    for key in keys:
        placed = on_line(key)
        if placed is None:
            loose.append(key)
        else:
            lines.setdefault(placed[0], []).append((placed[1], key))
    for line in lines.values():
        yield from _sweep(line)
    # Amounts compare only within their own line; days, moments and the loose keys across.
    groups = [[key for _, key in line] for name, line in lines.items()
              if name in (DAYS_LINE, MOMENTS_LINE)] + [[key] for key in loose]
    for n, group in enumerate(groups):
        for other in groups[n + 1:]:
            for a in group:
                for b in other:
                    outcome = compare(a, b)
                    if outcome is not None and outcome.conflict:
                        yield a, b, outcome


def _sweep(line: list[tuple[Interval, Key]]) -> Iterator[tuple[Key, Key, Outcome]]:
    """Sorted by lower end, only the keys that start at or after a key's upper end can
    conflict with it: only those are looked at."""
    ordered = sorted(line, key=lambda placed: (placed[0].lo, placed[0].lo_open))
    starts = [interval.lo for interval, _ in ordered]
    seen: set[tuple[int, int]] = set()
    for interval, a in line:
        for other, b in ordered[bisect_left(starts, interval.hi):]:
            pair = (min(id(a), id(b)), max(id(a), id(b)))
            if b is a or pair in seen or interval.overlaps(other):
                continue
            seen.add(pair)
            outcome = compare(a, b)
            if outcome is not None and outcome.conflict:
                yield a, b, outcome


def across_sources(side_a: list[Claim], side_b: list[Claim], ctx: Context) -> bool:
    """False only when every claim on both sides cites the very same sources."""
    return len({ctx.sources[claim.id] for claim in side_a + side_b}) > 1


def _conflict(subject: str, prop: str, side_a: list[Claim], side_b: list[Claim],
              outcome: Outcome, ctx: Context) -> Detected:
    if side_b[0].id < side_a[0].id:
        side_a, side_b = side_b, side_a
    claims = side_a + side_b
    finding = Finding(
        id=f"conflict-{side_a[0].id}-{side_b[0].id}", kind="conflict", origin="detected",
        subject=subject, property=prop, rule=outcome.rule,
        reason={"sides": [ctx.readings_of(side_a), ctx.readings_of(side_b)], **outcome.data},
        claims=sorted(claim.id for claim in claims), sources=_sources(claims, ctx))
    return Detected(finding, (frozenset(c.id for c in side_a), frozenset(c.id for c in side_b)))


def _scattered(subject: str, prop: str, sides: list[list[Claim]],
               example: tuple[list[Claim], list[Claim], Outcome], ctx: Context) -> Detected:
    """A group with too many distinct values to list pair by pair: one finding, any two of
    its claims named by an editor review it."""
    claims = sorted((claim for side in sides for claim in side), key=lambda c: c.id)
    side_a, side_b, outcome = example
    sources = _sources(claims, ctx)
    finding = Finding(
        id=f"conflict-{subject}-{prop}", kind="conflict", origin="detected",
        subject=subject, property=prop, rule=outcome.rule,
        reason={"values": len(sides), "scattered": True,
                "sides": [ctx.readings_of(side_a), ctx.readings_of(side_b)], **outcome.data},
        claims=[claim.id for claim in claims], sources=sources)
    every = frozenset(finding.claims)
    return Detected(finding, (every, every))


def _sources(claims: list[Claim], ctx: Context) -> list[str]:
    return sorted(set().union(*(ctx.sources[claim.id] for claim in claims)))


def weekday_mismatches(briefing: Briefing, ctx: Context) -> list[Detected]:
    """Claims whose named weekday does not fit their own date."""
    found = []
    for cid, claim in sorted(briefing.claims.items()):
        reading = ctx.readings.get(cid)
        mismatch = weekday_mismatch(reading) if reading else None
        if mismatch is None:
            continue
        finding = Finding(
            id=f"weekday-{cid}", kind="weekday-mismatch", origin="detected",
            subject=claim.subject, property=claim.property,
            rule="moment-not-on-weekday" if "moment" in mismatch else "date-not-on-weekday",
            reason={"sides": [ctx.readings_of([claim])], **mismatch}, claims=[cid],
            sources=sorted(ctx.sources[cid]))
        found.append(Detected(finding, (frozenset({cid}), frozenset({cid}))))
    return found


def single_sources(groups: dict[Group, list[Claim]], ctx: Context) -> list[Detected]:
    """A (subject, property) that only one source reports: nothing to check it against."""
    found = []
    for (subject, prop), claims in groups.items():
        sources = set().union(*(ctx.sources[claim.id] for claim in claims))
        if len(sources) != 1:
            continue
        found.append(Finding(
            id=f"single-source-{subject}-{prop}", kind="single-source", origin="detected",
            subject=subject, property=prop, rule="one-source",
            reason={"sides": [ctx.readings_of(claims)]},
            claims=[claim.id for claim in claims], sources=sorted(sources)))
    return [Detected(f, (frozenset(), frozenset())) for f in found]


register(FindingKind(
    "conflict", True, lambda ctx: conflicts(ctx.groups, ctx), rank=10,
    ids="`conflict-<claim>-<claim>`; `conflict-<subject>-<property>` for many values",
    reason="`rule`: `ranges-apart`, `different-names`, `different-days`, "
    "`different-weekdays`, `not-that-weekday` (adds `weekday`, `first`, `last`), "
    "`different-moments` (adds `moments`, the two stated times) or `different-local-days` "
    "(adds `moment`, and the `days` and UTC offsets in minutes, `zones`, in which the "
    "moment falls on them). `sides`: the two sides, each a list of readings. "
    "Many values of one property: `values` (how many) and `scattered: true`, `sides` an "
    "example pair. An editor's record reviewing several: `also`, the others' rule and "
    "reason. Recorded by an editor only: `rule` `recorded-only`, one side."))
register(FindingKind(
    "weekday-mismatch", True, lambda ctx: weekday_mismatches(ctx.briefing, ctx), rank=20,
    ids="`weekday-<claim>`",
    reason="`rule`: `date-not-on-weekday` or `moment-not-on-weekday`. `sides`: one side "
    "with the claim's reading. `weekday`: the weekday named; `first` and "
    "`last`: the days it was checked against, or `moment`: the time, in its own zone."))
register(FindingKind(
    "single-source", False, lambda ctx: single_sources(ctx.groups, ctx), rank=30,
    ids="`single-source-<subject>-<property>`",
    reason="`rule`: `one-source`. `sides`: one side, the readings of its claims."))
