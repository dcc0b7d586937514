"""Dates and times as sources give them: a year, a month, a day, a moment with its zone,
or an interval of those. Parsing keeps the precision, so nothing is made more exact
than the source was."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta

from generator.model import When
from generator.problems import show

# ASCII digits only ([0-9], not \\d, which also matches Arabic-Indic or full-width
# digits): the published JSON Schema, and every editor, read dates that way.
_YEAR = re.compile(r"^([0-9]{4})$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_MOMENT = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})"
                     r"(?::([0-9]{2}))?(Z|[+-][0-9]{2}:[0-9]{2})?$")

# Years a briefing may name. Four digits, so that every date sorts and prints alike, and
# far enough from Python's limits (years 1-9999) that moving a moment by a time zone or a
# day never leaves them. Sources on current negotiations name recent years; a year
# outside this range is a typo ("0025", "9025").
FIRST_YEAR, LAST_YEAR = 1000, 2999
MAX_OFFSET_MINUTES = 14 * 60  # UTC offsets in use run from -12:00 to +14:00 (Kiribati)

# The same forms as patterns for the JSON Schema (generator.schema.WhenType).
_POINT_PATTERN = (r"[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])"
                  r"([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?"
                  r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00))?)?)?")
WHEN_PATTERN = f"^{_POINT_PATTERN}(/{_POINT_PATTERN})?$"

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
        raise WhenError(f"interval {show(text)} ends before it starts", "put the earlier end first")
    return When(text, "interval", start, end)


def _parse_point(text: str) -> tuple[date | datetime, date | datetime, str]:
    m = _YEAR.match(text) or _MONTH.match(text) or _DAY.match(text) or _MOMENT.match(text)
    if m is None:
        raise WhenError(f"{show(text)} is not a date or time this format knows")
    if not FIRST_YEAR <= int(m[1]) <= LAST_YEAR:
        raise WhenError(f"year {m[1]} is outside {FIRST_YEAR}–{LAST_YEAR}",
                        "write the year in full; dates before 1000 or after 2999 are "
                        "taken for typos")
    if m.re is _YEAR:
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31), "year"
    if m.re is _MONTH:
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise WhenError(f"{show(text)} has no month {month}", "months run from 01 to 12")
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), "month"
    if m.re is _DAY:
        day = _real_date(text, int(m[1]), int(m[2]), int(m[3]))
        return day, day, "day"
    return _parse_moment(text, m)


def _parse_moment(text: str, m: re.Match[str]) -> tuple[datetime, datetime, str]:
    if not m[7]:
        raise WhenError(
            f"date-time {show(text)} has no time zone",
            "add the offset the source gives (e.g. +03:00 for Istanbul and Moscow, Z for UTC); "
            "if the source gives none, record only the day and put the time in the text",
        )
    _real_date(text, int(m[1]), int(m[2]), int(m[3]))
    zone = "+00:00" if m[7] == "Z" else m[7]
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    if minutes > 59 or hours * 60 + minutes > MAX_OFFSET_MINUTES:
        raise WhenError(f"time zone {zone} is not a UTC offset",
                        "offsets lie within ±14:00 (those in use run from -12:00 to "
                        "+14:00), e.g. +03:00 for Istanbul")
    try:
        moment = datetime.fromisoformat(f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}{zone}")
    except ValueError as error:
        raise WhenError(f"{show(text)} is not a real time ({error})", "hours run 00–23") from error
    return moment, moment + timedelta(seconds=59), "minute"


def _real_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise WhenError(
            f"{show(text)} is not a real date ({error})",
            "check the day and month; the source may be wrong, or the value mistyped",
        ) from error


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)
