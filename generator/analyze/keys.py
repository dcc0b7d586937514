"""A reading reduced to what comparison needs: an interval of amounts, of days, of moments,
or a name. Equal keys agree, so claims are grouped by key before any comparison."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from generator.analyze.names import name_key
from generator.analyze.phrases import Reading
from generator.analyze.ranges import Interval, value_range
from generator.model import When

ABOUT_TIME = timedelta(minutes=30)  # "about 13:00": half an hour either way
DAYS_LINE = ("days",)
MOMENTS_LINE = ("moments",)


@dataclass(frozen=True, slots=True)
class Amount:
    """A count, duration (minutes) or quantity with its unit."""

    kind: str
    unit: str | None
    interval: Interval


@dataclass(frozen=True, slots=True)
class Days:
    """Whole days from `first` to `last`, or only a weekday when no day is known."""

    first: date | None
    last: date | None
    weekday: str | None = None


@dataclass(frozen=True, slots=True)
class Moment:
    """Instants from `first` to `last` (None: open-ended); `stated` keeps the source's zone."""

    first: datetime | None
    last: datetime | None
    stated: datetime


@dataclass(frozen=True, slots=True)
class Name:
    """A name folded for comparison, with the briefing ids its aliases point to."""

    text: str
    entities: frozenset[str]
    shown: str = field(compare=False)  # as the source spelled it; not part of equality


Key = Amount | Days | Moment | Name


def key_of(reading: Reading, tolerance: float, aliases: dict[str, frozenset[str]]
           ) -> Key | None:
    """The comparable form of a reading, or None when it has nothing to compare."""
    value = reading.value
    if value.kind in ("count", "duration", "quantity"):
        interval = value_range(value, tolerance, reading.margin)
        unit = name_key(value.unit) if value.unit and value.kind == "quantity" else None
        return Amount(value.kind, unit, interval) if interval else None
    if value.kind in ("date", "datetime"):
        if value.when is None:
            return Days(None, None, value.weekday) if value.weekday else None
        return when_key(value.when, value.approx)
    if value.kind == "choice" and value.choice:
        text = name_key(value.choice)
        return Name(text, aliases.get(text, frozenset()), value.choice.strip())
    return None


def when_key(when: When, approx: str = "exact") -> Days | Moment:
    """Days for dates, months, years and date intervals; Moment for times with a zone."""
    start, end = when.start, when.end
    if isinstance(start, datetime) and isinstance(end, datetime):
        return _moment(start, end, approx)
    return Days(local_day(start), local_day(end))


def local_day(value: date | datetime) -> date:
    """The calendar day of a date, or of a moment in the zone it was given in."""
    return value.date() if isinstance(value, datetime) else value


def _moment(start: datetime, end: datetime, approx: str) -> Moment:
    if approx == "about":
        return Moment(start - ABOUT_TIME, end + ABOUT_TIME, start)
    if approx in ("over", "at-least", "a-little-over"):
        return Moment(start, None, start)
    if approx in ("under", "at-most", "a-little-under"):
        return Moment(None, end, start)
    return Moment(start, end, start)


def on_line(key: Key) -> tuple[tuple[str, ...], Interval] | None:
    """A key as an interval on a number line (amounts of one kind and unit, dated days,
    moments), or None for weekdays alone and names. Keys on one line conflict exactly
    when their intervals do not overlap."""
    if isinstance(key, Amount):
        return (key.kind, key.unit or ""), key.interval
    if isinstance(key, Days) and key.first is not None and key.last is not None:
        return DAYS_LINE, Interval(key.first.toordinal(), key.last.toordinal())
    if isinstance(key, Moment):
        first = key.first.timestamp() if key.first is not None else -math.inf
        last = key.last.timestamp() if key.last is not None else math.inf
        return MOMENTS_LINE, Interval(first, last)
    return None


def key_data(key: Key) -> dict[str, Any]:
    """What a key allows, as plain data for a finding's reason (and the JSON export):
    amounts as `lo`/`hi` (None: unbounded), days and moments as ISO text."""
    if isinstance(key, Amount):
        iv = key.interval
        return {"type": "amount", "kind": key.kind, "unit": key.unit,
                "lo": iv.lo if math.isfinite(iv.lo) else None,
                "hi": iv.hi if math.isfinite(iv.hi) else None,
                "lo_open": iv.lo_open, "hi_open": iv.hi_open}
    if isinstance(key, Days):
        return {"type": "days", "first": _iso(key.first), "last": _iso(key.last),
                "weekday": key.weekday}
    if isinstance(key, Moment):
        return {"type": "moment", "first": _iso(key.first), "last": _iso(key.last),
                "stated": key.stated.isoformat()}
    return {"type": "name", "text": key.shown}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
