"""The timeline chart: rounds and dated events on one time axis, as coordinates.

This module lays the chart out (data → positions in SVG pixels); one template,
`_chart.md.j2`, draws it as inline SVG, and writes its text alternative from the same
data. No coordinates are worked out anywhere else.

The axis is compressed: dated items cluster around rounds, with long quiet stretches
between them (and the odd item years earlier), so a stretch longer than `MAX_GAP`
buckets is drawn as a fixed-width break. Items are counted per day, or per month or
year when there are too many days to draw, so the chart's size stays bounded however
large the briefing: at most `MAX_BUCKETS` columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from generator.model import Fact, Round
from generator.wording import MONTHS

MAX_BUCKETS = 60  # columns before days are merged into months (and months into years)
MAX_GAP = 10  # a longer empty stretch (in buckets) is drawn as a break
STEP = 34.0  # px per bucket
BREAK = 34.0  # px of a break
LEFT, RIGHT = 30.0, 50.0  # margins: room for the labels of the first and last columns
TOP = 34.0  # above the tallest bar: its count
BAR_MAX = 70.0  # px of the tallest bar
BELOW = 58.0  # under the axis: round names and dates
LABEL_SPACE = 84.0  # px between two date labels on the axis


@dataclass(frozen=True, slots=True)
class Column:
    """The events of one bucket (day, month or year): a bar, with its count on top."""

    x: float
    y: float  # top of the bar
    height: float
    count: int
    start: date
    label: str  # the bucket in words: "2 Jun 2025", "Jun 2025", "2025"


@dataclass(frozen=True, slots=True)
class RoundMark:
    x: float
    round_id: str
    when: date
    label: str  # the bucket in words


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Chart:
    width: float
    height: float
    axis_y: float
    unit: str  # day | month | year: what one column counts
    columns: list[Column] = field(default_factory=list)
    rounds: list[RoundMark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)  # x of the middle of each break
    events: int = 0
    busiest: list[Column] = field(default_factory=list)  # up to three, most events first

    span: tuple[str, str] | None = None  # the first and last column in words


def timeline_chart(rounds: Iterable[Round], facts: Iterable[Fact]) -> Chart | None:
    """The chart of rounds and dated facts, or None when nothing is dated."""
    days = [(_day(r.date.start), r) for r in rounds]
    dated = [f.when for f in facts if f.when]
    events = [_day(w.start) for w in dated]
    if not days and not events:
        return None
    unit = _unit({d for d, _ in days} | set(events))
    key = _KEYS[unit]
    counts: dict[tuple[int, ...], int] = {}
    coarse: dict[tuple[int, ...], int] = {}  # the finest precision known per bucket
    for day, when in zip(events, dated, strict=True):
        counts[key(day)] = counts.get(key(day), 0) + 1
        coarse[key(day)] = max(coarse.get(key(day), 0), _FINENESS.get(when.precision, 3))
    for day, _ in days:
        coarse[key(day)] = 3
    buckets = sorted(set(counts) | {key(d) for d, _ in days})
    xs, breaks = _positions(buckets, unit)
    top = max(counts.values(), default=1)
    axis_y = TOP + BAR_MAX
    chart = Chart(width=xs[buckets[-1]] + RIGHT, height=axis_y + BELOW, axis_y=axis_y,
                  unit=unit, breaks=breaks, events=len(events))
    for bucket in buckets:
        count = counts.get(bucket, 0)
        if count:
            height = max(4.0, BAR_MAX * count / top)
            chart.columns.append(Column(xs[bucket], axis_y - height, height, count,
                                        _start(bucket), _label(bucket[:coarse[bucket]])))
    for day, rnd in sorted(days, key=lambda d: (d[0], d[1].id)):
        chart.rounds.append(RoundMark(xs[key(day)], rnd.id, day, _label(key(day))))
    labels = {b: _label(b[:coarse[b]]) for b in buckets}
    chart.ticks = _ticks(chart, buckets, xs, labels)
    chart.span = (labels[buckets[0]], labels[buckets[-1]])
    chart.busiest = sorted(chart.columns, key=lambda c: (-c.count, c.start))[:3]
    return chart


def _day(value: date) -> date:
    return value.date() if hasattr(value, "date") else value


# How many parts of a (year, month, day) bucket a date of each precision knows.
_FINENESS = {"year": 1, "month": 2}

_KEYS = {
    "day": lambda d: (d.year, d.month, d.day),
    "month": lambda d: (d.year, d.month),
    "year": lambda d: (d.year,),
}


def _unit(days: set[date]) -> str:
    if len(days) <= MAX_BUCKETS:
        return "day"
    if len({(d.year, d.month) for d in days}) <= MAX_BUCKETS:
        return "month"
    return "year"


def _ordinal(bucket: tuple[int, ...], unit: str) -> int:
    """Buckets as consecutive integers, so gaps between them can be measured."""
    if unit == "day":
        return date(*bucket).toordinal()
    if unit == "month":
        return bucket[0] * 12 + bucket[1]
    return bucket[0]


def _positions(buckets: list[tuple[int, ...]], unit: str
               ) -> tuple[dict[tuple[int, ...], float], list[float]]:
    """x of every bucket: STEP per bucket elapsed, a fixed BREAK for a long gap."""
    xs: dict[tuple[int, ...], float] = {}
    breaks: list[float] = []
    x = LEFT
    previous = None
    for bucket in buckets:
        n = _ordinal(bucket, unit)
        if previous is not None:
            gap = n - previous
            if gap > MAX_GAP:
                breaks.append(x + STEP / 2 + BREAK / 2)
                x += STEP + BREAK
            else:
                x += STEP * gap
        xs[bucket] = x
        previous = n
    return xs, breaks


def _start(bucket: tuple[int, ...]) -> date:
    return date(bucket[0], bucket[1] if len(bucket) > 1 else 1,
                bucket[2] if len(bucket) > 2 else 1)


def _label(bucket: tuple[int, ...]) -> str:
    if len(bucket) == 1:
        return str(bucket[0])
    month = MONTHS[bucket[1] - 1][:3]
    if len(bucket) == 2:
        return f"{month} {bucket[0]}"
    return f"{bucket[2]} {month} {bucket[0]}"


def _ticks(chart: Chart, buckets: list[tuple[int, ...]], xs: dict[tuple[int, ...], float],
           labels: dict[tuple[int, ...], str]) -> list[Tick]:
    """Date labels under the axis that do not overlap: rounds first, then the ends."""
    wanted = [r.x for r in chart.rounds] + [xs[buckets[0]], xs[buckets[-1]]]
    wanted += [c.x for c in chart.busiest]
    by_x = {xs[b]: labels[b] for b in buckets}
    placed: list[float] = []
    for x in wanted:
        if all(abs(x - p) >= LABEL_SPACE for p in placed):
            placed.append(x)
    return [Tick(x, by_x[x]) for x in sorted(placed)]
