"""What an amount can mean: a value and its approximation -> the interval of true values.

The rules (also in docs/reference/discrepancy-rules.md), for a stated amount X:

| approx | counts | durations and quantities |
|---|---|---|
| exact | X | X ± the unit's rounding (the reading's margin) |
| about | X·(1−t) … X·(1+t), t = `about_tolerance` | same |
| a-little-over | above X, up to X·1.25 | same |
| a-little-under | from X·0.75, below X | same |
| over | above X, no upper end | durations: above X, up to 2·X; quantities: no end |
| under | 0, below X | same |
| at-least / at-most | X or more / 0 … X | same |
| between | X … the upper end | same |

Counts are whole numbers, so their ends are rounded inwards ("over 40" = 41 or more).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.model import ClaimValue

LITTLE = 0.25  # "a little" over or under: up to a quarter of the amount
OVER_CAP = 2.0  # "over X" for a duration: less than twice X, or the source would say more
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Interval:
    """The true values a claim allows: `lo` to `hi`, each end included unless open."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        lo, lo_open = max((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_closed = min((self.hi, not self.hi_open), (other.hi, not other.hi_open))
        return lo < hi or (lo == hi and not lo_open and hi_closed)


def value_range(value: ClaimValue, tolerance: float = 0.2, margin: float = 0.0
                ) -> Interval | None:
    """The interval an amount (count, duration or quantity) allows, or None without one."""
    if value.amount is None or value.kind not in ("count", "duration", "quantity"):
        return None
    interval = _shape(value, tolerance, margin)
    return _whole(interval, value.approx) if value.kind == "count" else interval


def _shape(value: ClaimValue, tolerance: float, margin: float) -> Interval:
    x, approx = value.amount, value.approx
    floor = -math.inf if value.kind == "quantity" and x < 0 else 0.0
    if approx == "between" and value.upper is not None:
        return Interval(min(x, value.upper), max(x, value.upper))
    if approx == "about":
        return Interval(*sorted((x * (1 - tolerance), x * (1 + tolerance))))
    if approx == "a-little-over":
        return Interval(x, x * (1 + LITTLE), lo_open=True)
    if approx == "a-little-under":
        return Interval(x * (1 - LITTLE), x, hi_open=True)
    if approx == "over":
        cap = x * OVER_CAP if value.kind == "duration" and x > 0 else math.inf
        return Interval(x, cap, lo_open=True)
    if approx == "under":
        return Interval(floor, x, hi_open=True)
    if approx == "at-least":
        return Interval(x, math.inf)
    if approx == "at-most":
        return Interval(floor, x)
    return Interval(x - margin, x + margin)


def _whole(interval: Interval, approx: str) -> Interval:
    """The whole numbers in an interval, as a closed interval; never empty."""
    lo = math.floor(interval.lo + _EPSILON) + 1 if interval.lo_open else math.ceil(
        interval.lo - _EPSILON)
    hi = interval.hi
    if math.isfinite(hi):
        hi = math.ceil(hi - _EPSILON) - 1 if interval.hi_open else math.floor(hi + _EPSILON)
    if lo > hi:  # "a little over 1": keep the nearest whole number on the stated side
        lo, hi = (hi, hi) if approx in ("a-little-under", "under") else (lo, lo)
    return Interval(float(lo), float(hi))
