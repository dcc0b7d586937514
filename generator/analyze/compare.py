"""Do two readings conflict? Amounts by their intervals, days and moments with their time
zones, names after folding and aliases; and does a named weekday fit its date?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from generator.analyze import wording
from generator.analyze.keys import Amount, Days, Key, Moment, Name, local_day, when_key
from generator.analyze.phrases import WEEKDAYS, Reading

# Offsets in use around the world: a moment can be dated on any day it reaches in these.
EARLIEST_ZONE = timedelta(hours=-12)
LATEST_ZONE = timedelta(hours=14)
_ZONE_STEP = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether two keys conflict, and why, in words that follow the two values."""

    conflict: bool
    reason: str


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


def weekday_mismatch(reading: Reading) -> str | None:
    """Why the weekday a claim names does not fit its own date, or None when it fits."""
    value = reading.value
    if value.weekday not in WEEKDAYS or value.when is None:
        return None
    key = when_key(value.when)
    named = wording.weekday(value.weekday)
    if isinstance(key, Days):
        if _has_weekday(key.first, key.last, value.weekday):
            return None
        return f"the claim names {named}, but {wording.days(key.first, key.last)} is not a {named}."
    if key.first is None or key.last is None or _has_weekday(
            local_day(key.first), local_day(key.last), value.weekday):
        return None
    where = _zones_text(key.stated, _weekday_near(key.stated, value.weekday))
    elsewhere = (f"; it can be a {named} in another time zone: {where}" if where
                 else f"; it is not a {named} in any time zone")
    return (f"the claim names {named}, but {wording.moment(key.stated)} is not a {named} "
            f"where it was stated{elsewhere}.")


# --- amounts and names ---------------------------------------------------------------


def _amounts(a: Amount, b: Amount) -> Outcome | None:
    if (a.kind, a.unit) != (b.kind, b.unit):
        return None
    if a.interval.overlaps(b.interval):
        return Outcome(False, "the ranges overlap")
    return Outcome(True, "the ranges do not overlap")


def _names(a: Name, b: Name) -> Outcome:
    if a.text == b.text or a.entities & b.entities:
        return Outcome(False, "the same name once case, accents and the briefing's aliases "
                              "are set aside")
    return Outcome(True, "different names, even with case, accents and the briefing's aliases "
                         "set aside")


# --- days and moments ----------------------------------------------------------------


def _days(a: Days, b: Days) -> Outcome:
    if a.first is not None and b.first is not None:
        if a.first <= b.last and b.first <= a.last:
            return Outcome(False, "the days overlap")
        return Outcome(True, "they are different days (compared at day precision: neither "
                             "gives a time with its time zone)")
    if a.first is None and b.first is None:
        if a.weekday == b.weekday:
            return Outcome(False, "the same weekday")
        return Outcome(True, "they are different weekdays")
    dated, weekday = (a, b.weekday) if a.first is not None else (b, a.weekday)
    if _has_weekday(dated.first, dated.last, weekday):
        return Outcome(False, f"the dated claim falls on a {wording.weekday(weekday)}")
    return Outcome(True, f"{wording.days(dated.first, dated.last)} is not a "
                         f"{wording.weekday(weekday)}")


def _moments(a: Moment, b: Moment) -> Outcome:
    if _before(a.last, b.first) or _before(b.last, a.first):
        utc = " and ".join(_in_utc(m.stated) for m in (a, b))
        return Outcome(True, f"they are different moments ({utc})")
    return Outcome(False, "the moments can coincide")


def _day_and_moment(days: Days, moment: Moment) -> Outcome:
    first = local_day(moment.first) if moment.first else date.min
    last = local_day(moment.last) if moment.last else date.max
    if days.first is not None:
        if days.first <= last and first <= days.last:
            return Outcome(False, "the moment falls on that day where it was stated")
        target = (days.first, days.last)
    else:
        if _has_weekday(first, last, days.weekday):
            return Outcome(False, "the moment falls on that weekday where it was stated")
        target = _weekday_near(moment.stated, days.weekday)
    exact = moment.first is not None and moment.last is not None
    note = _zone_note(moment.stated, target) if exact and target else ""
    return Outcome(True, "they are different days where each was stated" + (f", {note}"
                                                                            if note else ""))


def _zone_note(stated: datetime, target: tuple[date, date] | None) -> str:
    """Whether a moment can be dated on the target day(s) in another time zone."""
    where = _zones_text(stated, target)
    if where is None:
        return (f"and they cannot be the same moment in any time zone "
                f"({wording.offset(EARLIEST_ZONE)} to {wording.offset(LATEST_ZONE)})")
    return f"but they can be the same moment in different time zones: {where}"


def _zones_text(stated: datetime, target: tuple[date, date] | None) -> str | None:
    span = zones_on(stated, *target) if target else None
    if span is None:
        return None
    return (f"{wording.moment(stated)} is {_in_utc(stated)}, and falls on "
            f"{wording.days(*target)} in zones from {wording.offset(span[0])} "
            f"to {wording.offset(span[1])}")


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


def _in_utc(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return f"{utc:%H:%M} on {wording.day(utc.date())} in UTC"
