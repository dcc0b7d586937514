"""Do two readings conflict? Amounts by their intervals, days and moments with their time
zones, names after folding and aliases; and does a named weekday fit its date?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from generator.analyze.keys import Amount, Days, Key, Moment, Name, local_day, when_key
from generator.analyze.phrases import WEEKDAYS, Reading

# Offsets in use around the world: a moment can be dated on any day it reaches in these.
EARLIEST_ZONE = timedelta(hours=-12)
LATEST_ZONE = timedelta(hours=14)
_ZONE_STEP = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether two keys conflict, and by which rule; `data` holds what the rule compared
    (the finding fragment of templates/findings/ says it in words)."""

    conflict: bool
    rule: str
    data: dict[str, Any] = field(default_factory=dict)


def compare(a: Key, b: Key) -> Outcome | None:
    """The verdict on two keys of one property, or None when they cannot be compared."""
    if isinstance(a, Amount) and isinstance(b, Amount):
        return _amounts(a, b)
    if isinstance(a, Name) and isinstance(b, Name):
        return _names(a, b)
    if isinstance(a, Days) and isinstance(b, Days):
        return _days(a, b)
    if isinstance(a, Moment) and isinstance(b, Moment):
        return _moments(a, b)
    if isinstance(a, Days) and isinstance(b, Moment):
        return _day_and_moment(a, b)
    if isinstance(a, Moment) and isinstance(b, Days):
        return _day_and_moment(b, a)
    return None


def weekday_mismatch(reading: Reading) -> dict[str, Any] | None:
    """Why the weekday a claim names does not fit its own date (the weekday, the days or
    the moment, and the zones where it would fit), or None when it fits."""
    value = reading.value
    if value.weekday not in WEEKDAYS or value.when is None:
        return None
    key = when_key(value.when)
    if isinstance(key, Days):
        if _has_weekday(key.first, key.last, value.weekday):
            return None
        return {"weekday": value.weekday, "first": key.first.isoformat(),
                "last": key.last.isoformat()}
    if key.first is None or key.last is None or _has_weekday(
            local_day(key.first), local_day(key.last), value.weekday):
        return None
    return {"weekday": value.weekday, "moment": key.stated.isoformat(),
            **_zones(key.stated, _weekday_near(key.stated, value.weekday))}


# --- amounts and names ---------------------------------------------------------------


def _amounts(a: Amount, b: Amount) -> Outcome | None:
    if (a.kind, a.unit) != (b.kind, b.unit):
        return None
    if a.interval.overlaps(b.interval):
        return Outcome(False, "ranges-overlap")
    return Outcome(True, "ranges-apart")


def _names(a: Name, b: Name) -> Outcome:
    if a.text == b.text or a.entities & b.entities:
        return Outcome(False, "same-name")
    return Outcome(True, "different-names")


# --- days and moments ----------------------------------------------------------------


def _days(a: Days, b: Days) -> Outcome:
    if a.first is not None and b.first is not None:
        if a.first <= b.last and b.first <= a.last:
            return Outcome(False, "days-overlap")
        return Outcome(True, "different-days")
    if a.first is None and b.first is None:
        if a.weekday == b.weekday:
            return Outcome(False, "same-weekday")
        return Outcome(True, "different-weekdays")
    dated, weekday = (a, b.weekday) if a.first is not None else (b, a.weekday)
    if _has_weekday(dated.first, dated.last, weekday):
        return Outcome(False, "falls-on-weekday")
    return Outcome(True, "not-that-weekday", {"weekday": weekday,
                                              "first": dated.first.isoformat(),
                                              "last": dated.last.isoformat()})


def _moments(a: Moment, b: Moment) -> Outcome:
    if _before(a.last, b.first) or _before(b.last, a.first):
        return Outcome(True, "different-moments",
                       {"moments": [a.stated.isoformat(), b.stated.isoformat()]})
    return Outcome(False, "moments-coincide")


def _day_and_moment(days: Days, moment: Moment) -> Outcome:
    first = local_day(moment.first) if moment.first else date.min
    last = local_day(moment.last) if moment.last else date.max
    if days.first is not None:
        if days.first <= last and first <= days.last:
            return Outcome(False, "moment-on-day")
        target = (days.first, days.last)
    else:
        if _has_weekday(first, last, days.weekday):
            return Outcome(False, "moment-on-weekday")
        target = _weekday_near(moment.stated, days.weekday)
    exact = moment.first is not None and moment.last is not None
    data = {"moment": moment.stated.isoformat()}
    if exact and target:
        data |= _zones(moment.stated, target)
    return Outcome(True, "different-local-days", data)


def _zones(stated: datetime, target: tuple[date, date] | None) -> dict[str, Any]:
    """The day(s) a moment is compared with, and the UTC offsets (in minutes) in which it
    falls on them: `zones` None when there is none, between EARLIEST_ZONE and LATEST_ZONE."""
    if not target:
        return {"zones": None}
    span = zones_on(stated, *target)
    minutes = [round(z.total_seconds() / 60) for z in span] if span else None
    return {"target": [target[0].isoformat(), target[1].isoformat()], "zones": minutes,
            "searched": [round(z.total_seconds() / 60) for z in (EARLIEST_ZONE, LATEST_ZONE)]}


def zones_on(moment: datetime, first: date, last: date) -> tuple[timedelta, timedelta] | None:
    """The UTC offsets (in quarter hours, −12:00 to +14:00) in which the moment's local
    day lies between `first` and `last`; None when there is none."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    lowest = max(datetime.combine(first, time()) - utc, EARLIEST_ZONE)
    beyond = min(datetime.combine(last + timedelta(days=1), time()) - utc,
                 LATEST_ZONE + _ZONE_STEP)
    low = -((-lowest) // _ZONE_STEP) * _ZONE_STEP  # round up to a quarter hour
    high = ((beyond - timedelta(microseconds=1)) // _ZONE_STEP) * _ZONE_STEP
    return (low, high) if low <= high else None


def _weekday_near(moment: datetime, weekday: str | None) -> tuple[date, date] | None:
    """The day with that weekday that the moment can fall on somewhere, if any."""
    if weekday not in WEEKDAYS:
        return None
    utc_day = moment.astimezone(UTC).date()
    for shift in (0, -1, 1):
        candidate = utc_day + timedelta(days=shift)
        if WEEKDAYS[candidate.weekday()] == weekday:
            return candidate, candidate
    return None


def _has_weekday(first: date, last: date, weekday: str | None) -> bool:
    if weekday not in WEEKDAYS:
        return True
    if (last - first).days >= 6:
        return True
    wanted = WEEKDAYS.index(weekday)
    return any((first + timedelta(days=n)).weekday() == wanted
               for n in range((last - first).days + 1))


def _before(end: datetime | None, start: datetime | None) -> bool:
    return end is not None and start is not None and end < start

