"""Plain-English wording of numbers, days, moments and time-zone offsets: the filters that
the finding fragments (templates/findings/*.j2) use to say what the analysis found.

The analysis hands over data (generator/analyze/keys.key_data, ISO dates); only this
module and the templates turn it into words."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

DAYS_FROM = 2880  # minutes: a duration of two days or more is written in days


def number(x: float) -> str:
    """1000 -> '1,000'; 82.5 -> '82.5'; at most two decimals, no trailing zeros."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def size(n: int) -> str:
    """A file's size: '512 bytes', '15 kB', '11.8 MB' (decimal units, as downloads count)."""
    if n < 1000:
        return f"{n} bytes"
    if n < 999_500:  # 999,500 bytes would round to 1000 kB
        return f"{round(n / 1000)} kB"
    return f"{number(round(n / 1_000_000, 1))} MB"


# The one table of month and weekday names: pages, findings, the analysis' reading of
# "on 2 June" (lower-cased) and the format's `weekday` values all use it.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day(d: date) -> str:
    """'Sunday 1 June 2025' (English whatever the locale)."""
    return f"{WEEKDAYS[d.weekday()]} {d.day} {month(d)}"


def month(d: date) -> str:
    """'June 2025'."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def weekday(name: str) -> str:
    """'sunday' -> 'Sunday'."""
    return name.capitalize()


def days(first: date, last: date) -> str:
    """A day, a whole month or year, or 'from … to …'."""
    if first == last:
        return day(first)
    next_day = last + timedelta(days=1)
    if first.day == 1 and next_day.day == 1:
        if (first.year, first.month) == (last.year, last.month):
            return month(first)
        if (first.month, last.month) == (1, 12) and first.year == last.year:
            return str(first.year)
    return f"{day(first)} to {day(last)}"


def offset(delta: timedelta | None) -> str:
    """The one way a time zone is written: UTC+3, UTC+5:30, UTC−4, UTC."""
    if not delta:
        return "UTC"
    minutes = round(delta.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def duration(minutes: float) -> str:
    """The one way a duration is written: '45 min', '1 h 30 min', '3 days' (two days or
    more in days)."""
    if minutes >= DAYS_FROM:
        return f"{number(minutes / 1440)} days"
    hours, rest = divmod(round(minutes), 60)
    return " ".join(p for p in (f"{hours} h" if hours else "",
                                f"{rest} min" if rest or not hours else "") if p)


def moment(m: datetime) -> str:
    """'01:42 on Monday 2 June 2025 (UTC+3)', in the zone it was given in."""
    return f"{m:%H:%M} on {day(m.date())} ({offset(m.utcoffset())})"


def quote(text: str) -> str:
    return f"“{text.strip()}”"


def utc(moment_iso: str) -> str:
    """'2025-06-02T01:42+03:00' -> '22:42 on Sunday 1 June 2025 in UTC'."""
    m = datetime.fromisoformat(moment_iso).astimezone(UTC)
    return f"{m:%H:%M} on {day(m.date())} in UTC"


def offset_minutes(minutes: float) -> str:
    """180 -> 'UTC+3'."""
    return offset(timedelta(minutes=minutes))


def when(iso: str) -> str:
    """An ISO moment as '01:42 on Monday 2 June 2025 (UTC+3)', a day as 'Monday …'."""
    if "T" in iso:
        return moment(datetime.fromisoformat(iso))
    return day(date.fromisoformat(iso))


def span(first: str, last: str) -> str:
    """Two ISO days as a day, a month, a year or 'from … to …'."""
    return days(date.fromisoformat(first), date.fromisoformat(last))


def allows(key: dict[str, Any] | None) -> str:
    """What a reading allows: '60–75 min', '41 or more', 'Sunday 1 June 2025'."""
    if key is None:
        return "not readable"
    if key["type"] == "amount":
        return _amount(key)
    if key["type"] == "days":
        if key["first"] is None or key["last"] is None:
            return f"a {weekday(key['weekday'] or '')}, no date given"
        return span(key["first"], key["last"])
    if key["type"] == "moment":
        return _moment(key)
    return quote(key["text"])


def _amount(key: dict[str, Any]) -> str:
    lo_value = key["lo"] if key["lo"] is not None else -math.inf
    hi_value = key["hi"] if key["hi"] is not None else math.inf
    scale, unit = 1.0, key["unit"] or ""
    if key["kind"] == "duration":
        if lo_value == hi_value:
            return duration(lo_value)
        top = hi_value if math.isfinite(hi_value) else lo_value
        scale, unit = (1440.0, "days") if top >= DAYS_FROM else (1.0, "min")
    lo, hi = number(lo_value / scale), number(hi_value / scale)
    if math.isinf(hi_value):
        text = f"over {lo}" if key["lo_open"] else f"{lo} or more"
    elif lo_value <= 0 and (lo_value < 0 or key["kind"] != "quantity") and hi_value > 0:
        text = f"under {hi}" if key["hi_open"] else f"up to {hi}"
    elif lo_value == hi_value:
        text = lo
    else:
        text = f"{lo}–{hi}"
    return f"{text} {unit}".rstrip()


def _moment(key: dict[str, Any]) -> str:
    stated = datetime.fromisoformat(key["stated"])
    if key["first"] is None and key["last"] is not None:
        return f"{moment(datetime.fromisoformat(key['last']).astimezone(stated.tzinfo))} or earlier"
    if key["last"] is None:
        return f"{moment(stated)} or later"
    if datetime.fromisoformat(key["first"]) < stated:
        return f"about {moment(stated)}"
    return moment(stated)
