"""Readings worked out from one source's own figures, checked against reported ones.

Three rules, each on one subject and one source's claims:

- `start-end`: an `actual-start` (or `start`) and an `end` give a `duration`;
- `start-delay`: a `scheduled-start` and a `delay` give an `actual-start`;
- `parts-total`: counts marked `part_of: P` add up to the total `P`.

A derived reading is kept only where some claim reports the property it gives, so that
there is something to check; a conflict between the two is a finding like any other
(kind `derived-conflict`). The result is data: which rule, which claims, the derived
value as compared; the templates word it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime

from generator.analyze.compare import compare
from generator.analyze.context import Context
from generator.analyze.detect import Detected
from generator.analyze.keys import Amount, Key, Moment, key_data, on_line
from generator.analyze.kinds import FindingKind, register
from generator.analyze.ranges import Interval
from generator.model import Claim, Derived, Finding

STARTS = ("actual-start", "start")


def derive(ctx: Context) -> list[Derived]:
    """Every derived reading of the briefing that a reported claim can be checked against."""
    reported: dict[tuple[str, str], list[Claim]] = {}
    per_source: dict[tuple[str, str], dict[str, list[Claim]]] = {}
    for _, claim in sorted(ctx.briefing.claims.items()):
        reported.setdefault((claim.subject, claim.property), []).append(claim)
        for source in sorted(ctx.sources[claim.id]):
            props = per_source.setdefault((claim.subject, source), {})
            props.setdefault(claim.property, []).append(claim)
    found: list[Derived] = []
    for (subject, source), props in per_source.items():
        for rule, prop, inputs, key in _candidates(props, ctx):
            checks = [c.id for c in reported.get((subject, prop), ()) if c not in inputs]
            if not checks:
                continue
            ids = [c.id for c in inputs]
            found.append(Derived(
                id=f"derived-{prop}-{'-'.join(ids)}", subject=subject, property=prop,
                rule=rule, inputs=ids, sources=[source], allows=key_data(key), checks=checks))
            ctx.keys[found[-1].id] = key
    return found


def derived_conflicts(derived: list[Derived], ctx: Context) -> list[Finding]:
    """A derived reading that cannot be true together with a reported one."""
    found = []
    for item in derived:
        for cid in item.checks:
            key, other = ctx.keys[item.id], ctx.keys.get(cid)
            outcome = compare(key, other) if key is not None and other is not None else None
            if outcome is None or not outcome.conflict:
                continue
            sources = sorted(set(item.sources) | ctx.sources[cid])
            found.append(Finding(
                id=f"conflict-{item.id}-{cid}", kind="derived-conflict", origin="detected",
                subject=item.subject, property=item.property, rule=outcome.rule,
                reason={"derived": item.id, "derivation": item.rule, "source": item.sources[0],
                        "worked_out": key_data(key),
                        "sides": [ctx.readings_of([ctx.briefing.claims[c] for c in item.inputs]),
                                  ctx.readings_of([ctx.briefing.claims[cid]])],
                        **outcome.data},
                claims=[*item.inputs, cid],
                sources=sources, derived=item.id))
    return found


def _candidates(props: dict[str, list[Claim]], ctx: Context
                ) -> Iterator[tuple[str, str, list[Claim], Key]]:
    for start_prop in STARTS:
        for start in props.get(start_prop, ()):
            for end in props.get("end", ()):
                if (key := _span(ctx.keys.get(start.id), ctx.keys.get(end.id))) is not None:
                    yield "start-end", "duration", [start, end], key
    for start in props.get("scheduled-start", ()):
        for delay in props.get("delay", ()):
            if (key := _shift(ctx.keys.get(start.id), ctx.keys.get(delay.id))) is not None:
                yield "start-delay", "actual-start", [start, delay], key
    totals: dict[str, list[Claim]] = {}
    for claims in props.values():
        for claim in claims:
            if claim.part_of:
                totals.setdefault(claim.part_of, []).append(claim)
    for total, parts in sorted(totals.items()):
        if len(parts) > 1 and (key := _sum([ctx.keys.get(p.id) for p in parts])) is not None:
            yield "parts-total", total, parts, key


def _span(start: Key | None, end: Key | None) -> Amount | None:
    """From the earliest end minus the latest start to the latest end minus the earliest."""
    a, b = _seconds(start), _seconds(end)
    if a is None or b is None:
        return None
    # Moments are stated to the minute: the difference is a whole number of minutes.
    lo, hi = max(0.0, math.ceil((b.lo - a.hi) / 60)), math.floor((b.hi - a.lo) / 60)
    return Amount("duration", None, Interval(lo, hi)) if lo <= hi else None


def _shift(start: Key | None, delay: Key | None) -> Moment | None:
    """A moment moved by a duration: both ranges add."""
    a = _seconds(start)
    if a is None or not isinstance(delay, Amount) or delay.kind != "duration":
        return None
    d = delay.interval
    zone = start.stated.tzinfo
    first, last = a.lo + d.lo * 60, a.hi + d.hi * 60
    if not math.isfinite(first):
        return None
    earliest = datetime.fromtimestamp(first, zone)
    return Moment(earliest, datetime.fromtimestamp(last, zone) if math.isfinite(last) else None,
                  earliest)


def _sum(keys: list[Key | None]) -> Amount | None:
    if not all(isinstance(k, Amount) and k.kind == "count" for k in keys):
        return None
    return Amount("count", None, Interval(sum(k.interval.lo for k in keys),
                                          sum(k.interval.hi for k in keys)))


def _seconds(key: Key | None) -> Interval | None:
    placed = on_line(key) if isinstance(key, Moment) else None
    return placed[1] if placed else None


def _detect(ctx: Context) -> list[Detected]:
    """A derived conflict sets the derived reading's inputs against the reported claim."""
    return [Detected(f, (frozenset(f.claims[:-1]), frozenset(f.claims[-1:])))
            for f in derived_conflicts(ctx.cache.get("derived") or derive(ctx), ctx)]


register(FindingKind(
    "derived-conflict", True, _detect, rank=15, ids="`conflict-derived-…-<claim>`",
    reason="`rule`: as for a conflict (`ranges-apart`, `different-days`…). `derived`: the "
    "id of the reading worked out (in the export's `analysis.derived`, with what it "
    "`allows`); `derivation`: how "
    "(`start-end`, `start-delay`, `parts-total`); `source`: whose figures; `worked_out`: "
    "what it allows (as a reading's `allows`); `sides`: the readings it was worked out "
    "from, and the reported claim's; plus what the rule compared."))
