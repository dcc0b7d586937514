"""Plain-English wording of numbers, days, moments and time-zone offsets in explanations."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta


def number(x: float) -> str:
    """1000 -> '1,000'; 82.5 -> '82.5'; at most two decimals, no trailing zeros."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def day(d: date) -> str:
    """'Sunday 1 June 2025' (English whatever the locale)."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {month(d)}"


def month(d: date) -> str:
    """'June 2025'."""
    return f"{_MONTHS[d.month - 1]} {d.year}"


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
    """UTC+03:00, UTC−12:00, UTC."""
    if not delta:
        return "UTC"
    minutes = round(delta.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def moment(m: datetime) -> str:
    """'01:42 on Monday 2 June 2025 (UTC+03:00)', in the zone it was given in."""
    return f"{m:%H:%M} on {day(m.date())} ({offset(m.utcoffset())})"


def quote(text: str) -> str:
    return f"“{text.strip()}”"
