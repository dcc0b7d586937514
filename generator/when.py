"""Dates and times as sources give them: a year, a month, a day, a moment with its zone,
or an interval of those. Parsing keeps the precision, so nothing is made more exact
than the source was."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta

from generator.model import When

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MOMENT = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$"
)

FORMS_HINT = (
    "use 2025, 2025-06, 2025-06-02, 2025-06-02T13:00+03:00, "
    "or an interval such as 2025-05-31/2025-06-01"
)


class WhenError(ValueError):
    """A `when` value that cannot be read; the message says why, the hint how to fix it."""

    def __init__(self, message: str, hint: str = FORMS_HINT) -> None:
        super().__init__(message)
        self.hint = hint


def parse_when(text: str) -> When:
    """Read a `when` value; raise WhenError with a contributor-facing message."""
    text = text.strip()
    if "/" in text:
        return _parse_interval(text)
    start, end, precision = _parse_point(text)
    return When(text, precision, start, end)


def _parse_interval(text: str) -> When:
    first, _, last = text.partition("/")
    start, _, _ = _parse_point(first.strip())
    _, end, _ = _parse_point(last.strip())
    if _as_datetime(start) > _as_datetime(end):
        raise WhenError(f"interval '{text}' ends before it starts", "put the earlier end first")
    return When(text, "interval", start, end)


def _parse_point(text: str) -> tuple[date | datetime, date | datetime, str]:
    if m := _YEAR.match(text):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31), "year"
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise WhenError(f"'{text}' has no month {month}", "months run from 01 to 12")
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), "month"
    if m := _DAY.match(text):
        day = _real_date(text, int(m[1]), int(m[2]), int(m[3]))
        return day, day, "day"
    if m := _MOMENT.match(text):
        return _parse_moment(text, m)
    raise WhenError(f"'{text}' is not a date or time this format knows")


def _parse_moment(text: str, m: re.Match[str]) -> tuple[datetime, datetime, str]:
    if not m[7]:
        raise WhenError(
            f"date-time '{text}' has no time zone",
            "add the offset the source gives (e.g. +03:00 for Istanbul and Moscow, Z for UTC); "
            "if the source gives none, record only the day and put the time in the text",
        )
    _real_date(text, int(m[1]), int(m[2]), int(m[3]))
    zone = "+00:00" if m[7] == "Z" else m[7]
    try:
        moment = datetime.fromisoformat(f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}{zone}")
    except ValueError as error:
        raise WhenError(f"'{text}' is not a real time ({error})", "hours run 00–23") from error
    return moment, moment + timedelta(seconds=59), "minute"


def _real_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise WhenError(
            f"'{text}' is not a real date ({error})",
            "check the day and month; the source may be wrong, or the value mistyped",
        ) from error


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)
