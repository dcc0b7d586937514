"""Read a source's English phrasing into a comparable value.

"a little over an hour" -> a duration of 60 minutes, approx `a-little-over`; "over 40" ->
a count of 40, approx `over`; "on Sunday" -> a date known only by its weekday. Durations
are in minutes, as in the model. What the reader does not understand gives None: it
never guesses.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from generator import wording
from generator.analyze.names import fold
from generator.model import ClaimValue, When
from generator.schema import MAX_MAGNITUDE
from generator.when import FIRST_YEAR, LAST_YEAR

WEEKDAYS = tuple(day.lower() for day in wording.WEEKDAYS)  # folded text is lower case


@dataclass(frozen=True, slots=True)
class Reading:
    """A claim's value as the analysis reads it.

    `margin` is how far an exact amount may be from the truth because of the unit the
    source stated it in (±0.5 for "74 minutes", ±7.5 for "two hours"), in the value's
    unit (minutes for durations); 0 for counts and for values without an amount.
    """

    value: ClaimValue
    margin: float = 0.0


@dataclass(frozen=True, slots=True)
class _Amount:
    kind: str  # duration | count | quantity | bare (a number whose unit follows later)
    value: float
    margin: float
    end: int  # index of the first token after it
    unit: str | None = None
    unit_minutes: float = 1.0  # durations: the largest unit used ("hours" -> 60)


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SMALL = {word: n for n, word in enumerate(_ONES)} | {
    word: 10 * n for n, word in enumerate(_TENS, 2)
}
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ARTICLES = ("a", "an")
_CLOCK = ("am", "pm", "gmt", "utc", "bst", "cet", "cest", "msk")  # "1pm" is a time, not a count

_UNITS = {  # word -> (minutes, margin in minutes when stated exactly)
    **dict.fromkeys(("second", "seconds", "sec", "secs"), (1 / 60, 1 / 120)),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), (1.0, 0.5)),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), (60.0, 7.5)),
    **dict.fromkeys(("day", "days"), (1440.0, 720.0)),
    **dict.fromkeys(("week", "weeks"), (10080.0, 720.0)),
    **dict.fromkeys(("month", "months"), (43200.0, 2880.0)),
}
_QUANTITY_UNITS = {
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), "km"),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), "m"),
    **dict.fromkeys(("mile", "miles"), "mi"),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilo", "kilos"), "kg"),
    **dict.fromkeys(("tonne", "tonnes", "ton", "tons"), "t"),
    **dict.fromkeys(("percent", "%"), "%"),
}
_FRACTIONS = (
    (("and", "a", "half"), 0.5), (("and", "half"), 0.5),
    (("and", "a", "quarter"), 0.25), (("and", "three", "quarters"), 0.75),
)


_Phrases = dict[str, list[tuple[tuple[str, ...], str]]]


def _phrases(table: dict[str, tuple[str, ...]]) -> _Phrases:
    """Qualifier phrases by their first word, longest first: 'a little over' before 'a'."""
    index: _Phrases = {}
    for approx, phrases in table.items():
        for phrase in phrases:
            words = tuple(phrase.split())
            index.setdefault(words[0], []).append((words, approx))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


_PREFIXES = _phrases({
    "a-little-over": ("a little over", "a little more than", "just over", "just more than",
                      "slightly over", "slightly more than", "a bit over", "a bit more than",
                      "little over", "a little longer than"),
    "a-little-under": ("a little under", "a little less than", "just under", "just short of",
                       "slightly under", "slightly less than", "a bit under", "a bit less than",
                       "nearly", "almost", "not quite", "a little short of"),
    "over": ("more than", "over", "upwards of", "in excess of", "above", "longer than",
             "well over", "far more than"),
    "under": ("less than", "fewer than", "under", "below", "shorter than", "well under"),
    "at-least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of"),
    "at-most": ("at most", "no more than", "not more than", "up to", "a maximum of"),
    "about": ("about", "around", "roughly", "approximately", "approx", "some", "circa",
              "an estimated", "estimated", "close to", "more or less", "round about",
              "in the region of", "on the order of"),
    "exact": ("exactly", "precisely", "a full", "a whole"),
})
_SUFFIXES = _phrases({
    "about": ("or so", "ish", "or thereabouts", "roughly", "approximately"),
    "at-least": ("or more", "plus", "or over", "at least", "or longer"),
    "at-most": ("or less", "or fewer", "at most", "at the most", "or shorter"),
    "a-little-over": ("odd",),
})

# Words an amount can begin with (besides digits): other start positions are not tried.
_STARTERS = {*_PREFIXES, *_SMALL, *_ARTICLES, "half", "between", "from"}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+|%")
_DIGIT_DASH = re.compile(r"(\d)\s*-\s*(\d)")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")

_MONTHS = tuple(month.lower() for month in wording.MONTHS)
_MONTH = "(" + "|".join(_MONTHS) + ")"
_MINUTE_END = timedelta(seconds=59)  # a moment to the minute spans that minute, as in `when`
_ISO_MOMENT = re.compile(r"\b(\d{4}-\d{2}-\d{2})[t ](\d{2}:\d{2})(?::\d{2})?(z|[+-]\d{2}:\d{2})")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH}\b(?:,? (\d{{4}})\b)?")
_MONTH_DAY = re.compile(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}})\b)?")


# Words that change what an amount or a day means ("not over an hour", "40 per day",
# "two hours more than planned", "since Monday"): a phrase holding one outside the
# qualifiers it was read with is refused, never read without them.
_CHANGERS = frozenset((
    "not", "no", "never", "without", "per", "times", "twice", "thrice", "ago", "since",
    "until", "till", "than", "daily", "weekly", "monthly", "yearly", "annually", "hourly",
    "more", "less", "fewer", "another", "additional", "extra", "further", "other", "instead",
    "except", "excluding", "minus", "each", "every"))
_NEUTRAL = re.compile(r"[\d\s.,:;+\-/–—%()tz]*")  # digits and ISO forms: no language


@lru_cache(maxsize=16384)
def read_phrase(text: str, english: bool = True) -> Reading | None:
    """The value a phrase states, or None when it cannot be read with confidence.

    All or nothing: every word is accounted for (the amount or day, its qualifier, the
    thing counted, context such as "delayed by"), a word that would change the meaning
    refuses the phrase, and so do letters of another script. A phrase from a source in
    another language (`english` false) is read only when it has no words at all.
    """
    folded = fold(text)
    if not english and not _NEUTRAL.fullmatch(folded):
        return None
    return _read_english(folded)


def _read_english(folded: str) -> Reading | None:
    if any(ch.isalpha() and not ch.isascii() for ch in folded):
        return None  # another script: its words cannot be accounted for
    toks = tokenize(folded)
    if _CHANGERS.intersection(_unqualified(toks)):
        return None
    return _read_folded(folded, toks)


def _unqualified(toks: list[str]) -> list[str]:
    """The tokens left once the qualifier phrases ("no more than", "or less") are removed."""
    left, i = [], 0
    while i < len(toks):
        _, j = _match(toks, i, _PREFIXES)
        if j > i and not (j < len(toks) and (toks[j][0].isdigit() or toks[j] in _STARTERS)):
            j = i  # "more than planned": no amount follows, so not a qualifier
        if j == i and i and _ends_amount(toks[i - 1]):
            _, j = _match(toks, i, _SUFFIXES)
        if j == i:
            left.append(toks[i])
            j = i + 1
        i = j
    return left


def _ends_amount(tok: str) -> bool:
    return tok[0].isdigit() or tok in _SMALL or tok in _UNITS or tok in _QUANTITY_UNITS


def _read_folded(folded: str, toks: list[str]) -> Reading | None:
    dated = _read_date(folded)
    if dated is not False:
        return dated
    for start, tok in enumerate(toks):
        if start and toks[start - 1] in _MONTHS:  # "February 2022" is a year, not a count
            break
        reading = _read_from(toks, start) if tok in _STARTERS or tok[0].isdigit() else None
        if reading is not None:
            return reading
        if tok[0].isdigit():  # the first number has been tried: text before it was filler
            break
    return _weekday_reading(folded)


def named_weekday(text: str, english: bool = True) -> str | None:
    """The one weekday an English phrase names ("on Sunday" -> "sunday"), or None."""
    return _weekday_in(fold(text)) if english else None


def _weekday_in(folded: str) -> str | None:
    found = {tok for tok in tokenize(folded) if tok in WEEKDAYS}
    return found.pop() if len(found) == 1 else None


def tokenize(folded: str) -> list[str]:
    """Words, numbers and % of folded text; '30-40' becomes '30 to 40'."""
    return _TOKEN.findall(_DIGIT_DASH.sub(r"\1 to \2", folded))


# --- dates -------------------------------------------------------------------------


def _read_date(folded: str) -> Reading | bool | None:
    """A date or moment named in the text; False when the text names no date at all."""
    weekday = _weekday_in(folded)
    if m := _ISO_MOMENT.search(folded):
        zone = "+00:00" if m[3] == "z" else m[3]
        try:
            moment = datetime.fromisoformat(f"{m[1]}T{m[2]}{zone}")
        except ValueError:
            return None  # not a real moment: nothing to compare
        when = When(f"{m[1]}T{m[2]}{m[3].upper()}", "minute", moment, moment + _MINUTE_END)
        return Reading(ClaimValue(kind="datetime", when=when, weekday=weekday))
    day = _named_day(folded)
    if day is None:
        return False
    if isinstance(day, date):
        when = When(day.isoformat(), "day", day, day)
        return Reading(ClaimValue(kind="date", when=when, weekday=weekday))
    return _weekday_reading(folded)  # a day without its year: only the weekday is usable


def _named_day(folded: str) -> date | bool | None:
    """The day named: a date, True when named without a year, None when none is named."""
    if m := _ISO_DAY.search(folded):
        return _real_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH.search(folded):
        day, month, year = m[1], m[2], m[3]
    elif m := _MONTH_DAY.search(folded):
        month, day, year = m[1], m[2], m[3]
    else:
        return None
    if year is None:
        return True
    return _real_date(int(year), _MONTHS.index(month) + 1, int(day))


def _real_date(year: int, month: int, day: int) -> date | bool:
    if not FIRST_YEAR <= year <= LAST_YEAR:  # as for `when` values: "0001" is a typo
        return True
    try:
        return date(year, month, day)
    except ValueError:
        return True  # named, but not a real day: nothing to compare


def _weekday_reading(folded: str) -> Reading | None:
    weekday = _weekday_in(folded)
    return Reading(ClaimValue(kind="date", weekday=weekday)) if weekday else None


# --- amounts -----------------------------------------------------------------------


def _read_from(toks: list[str], start: int) -> Reading | None:
    approx, i = _match(toks, start, _PREFIXES)
    if approx is None and _at(toks, i, "between", "from"):
        pair = _range(toks, i + 1, ("and", "to"))
        return _between(toks, pair) if pair else None
    if approx is None and (pair := _range(toks, i, ("to", "or"))):
        return _between(toks, pair)
    amount = _amount(toks, i)
    if amount is None:
        return None
    suffix, end = _match(toks, amount.end, _SUFFIXES)
    if _is_clock(toks, amount.end) or not _trailing_ok(toks, end):
        return None
    return _reading(amount, approx or suffix or "exact")


def _between(toks: list[str], pair: tuple[_Amount, _Amount]) -> Reading | None:
    first, second = pair
    if not _trailing_ok(toks, second.end):
        return None
    reading = _reading(second, "between")
    value = reading.value
    low, high = sorted((first.value, second.value))
    return Reading(ClaimValue(kind=value.kind, approx="between", amount=low, upper=high,
                              unit=value.unit), reading.margin)


def _reading(amount: _Amount, approx: str) -> Reading:
    kind = amount.kind
    if kind == "bare":
        kind = "count" if amount.value == int(amount.value) else "quantity"
    margin = 0.0 if kind == "count" else amount.margin
    return Reading(ClaimValue(kind=kind, approx=approx, amount=amount.value, unit=amount.unit),
                   margin)


def _range(toks: list[str], i: int, joiners: tuple[str, ...]) -> tuple[_Amount, _Amount] | None:
    """'1 and 2 hours', 'an hour to 90 minutes', '30 to 40': both ends, the first given the
    second's unit when it has none of its own."""
    for first in (_amount(toks, i), _bare(toks, i)):
        if first is None or not _at(toks, first.end, *joiners):
            continue
        second = _amount(toks, first.end + 1)
        if second is None or (second.kind == "bare" and first.kind != "bare"):
            continue
        if first.kind == "bare" and second.kind == "duration":
            first = _Amount("duration", first.value * second.unit_minutes, second.margin,
                            first.end, unit_minutes=second.unit_minutes)
        elif first.kind == "bare" and second.kind == "quantity":
            first = _Amount("quantity", first.value, first.margin, first.end, second.unit)
        if first.kind == second.kind and first.unit == second.unit:
            return first, second
    return None


def _amount(toks: list[str], i: int) -> _Amount | None:
    """A duration, a number with a unit, or a bare number (a count)."""
    if (duration := _duration(toks, i)) is not None:
        return duration
    bare = _bare(toks, i)
    if bare is None:
        return None
    if _at(toks, bare.end, "per") and _at(toks, bare.end + 1, "cent"):
        return _Amount("quantity", bare.value, bare.margin, bare.end + 2, "%")
    if bare.end < len(toks) and toks[bare.end] in _QUANTITY_UNITS:
        unit = _QUANTITY_UNITS[toks[bare.end]]
        return _Amount("quantity", bare.value, bare.margin, bare.end + 1, unit)
    return bare


def _bare(toks: list[str], i: int) -> _Amount | None:
    number = _number(toks, i)
    if number is None:
        return None
    value, decimals, end = number
    return _Amount("bare", value, 0.5 * 10.0 ** -decimals, end)


def _duration(toks: list[str], i: int) -> _Amount | None:
    """'an hour and a half', '1 hour 14 minutes', '1h30m', 'half an hour', '30 days'."""
    total, margin, largest, below, j = 0.0, math.inf, 0.0, math.inf, i
    while (piece := _duration_piece(toks, j, below)) is not None:
        minutes, unit_minutes, unit_margin, j = piece
        total += minutes
        margin = min(margin, unit_margin)
        largest, below = largest or unit_minutes, unit_minutes
        if _at(toks, j, "and") and _duration_piece(toks, j + 1, below) is not None:
            j += 1
    if not largest:
        return None
    return _Amount("duration", total, margin, j, unit_minutes=largest)


def _duration_piece(toks: list[str], i: int, below: float
                    ) -> tuple[float, float, float, int] | None:
    """One number and unit: (minutes, unit's minutes, unit's margin, next index)."""
    if _at(toks, i, "half") and _at(toks, i + 1, *_ARTICLES):
        count, j = 0.5, i + 2
    elif (quarters := _quarters(toks, i)) is not None:
        count, j = quarters
    elif (number := _number(toks, i)) is not None:
        count, _, j = number
    elif _at(toks, i, *_ARTICLES):
        count, j = 1.0, i + 1
    else:
        return None
    fraction, j = _fraction(toks, j)
    unit = _unit(toks, j, below)
    if unit is None:
        return None
    unit_minutes, unit_margin = unit
    if not fraction:
        fraction, j = _fraction(toks, j + 1)
        j -= 1
    return (count + fraction) * unit_minutes, unit_minutes, unit_margin, j + 1


def _quarters(toks: list[str], i: int) -> tuple[float, int] | None:
    """'a quarter of an', 'three quarters of an' -> (0.25 or 0.75, index of the unit)."""
    number = _number(toks, i)
    count, j = (number[0], number[2]) if number else (1.0, i + 1)
    if number is None and not _at(toks, i, *_ARTICLES):
        return None
    if not (_at(toks, j, "quarter", "quarters") and _at(toks, j + 1, "of")):
        return None
    j += 2
    return count * 0.25, j + 1 if _at(toks, j, *_ARTICLES) else j


def _fraction(toks: list[str], i: int) -> tuple[float, int]:
    for words, fraction in _FRACTIONS:
        if tuple(toks[i:i + len(words)]) == words:
            return fraction, i + len(words)
    return 0.0, i


def _unit(toks: list[str], i: int, below: float) -> tuple[float, float] | None:
    if i >= len(toks):
        return None
    unit = _UNITS.get(toks[i])
    if unit is None and toks[i] == "m" and below == 60.0:  # the 30m of "1h30m"
        unit = _UNITS["minutes"]
    return unit if unit is not None and unit[0] < below else None


def _number(toks: list[str], i: int) -> tuple[float, int, int] | None:
    """(value, decimals shown, next index) for '1,000', '1.5', 'forty-one', 'a hundred'."""
    if i >= len(toks):
        return None
    if not toks[i][0].isdigit():
        return _number_words(toks, i)
    text = toks[i].replace(",", "") if _THOUSANDS.match(toks[i]) else toks[i].replace(",", ".")
    if text.count(".") > 1:
        return None
    if len(text.partition(".")[0]) > 16:  # beyond MAX_MAGNITUDE: not a figure to compare
        return None
    value, decimals, j = float(text), len(text.partition(".")[2]), i + 1
    if _at(toks, j, *_SCALES):
        value, decimals, j = value * _SCALES[toks[j]], 0, j + 1
    return (value, decimals, j) if value <= MAX_MAGNITUDE else None


def _number_words(toks: list[str], i: int) -> tuple[float, int, int] | None:
    total, current, seen, j = 0, 0, False, i
    if _at(toks, j, *_ARTICLES) and _at(toks, j + 1, *_MULTIPLIERS, *_SCALES):
        current, seen, j = 1, True, j + 1
    while j < len(toks):
        tok = toks[j]
        if tok in _SMALL:
            current += _SMALL[tok]
        elif seen and tok in _MULTIPLIERS:
            current *= _MULTIPLIERS[tok]
        elif seen and tok in _SCALES:
            total, current = total + current * _SCALES[tok], 0
        elif not (seen and tok == "and" and toks[j - 1] in (*_MULTIPLIERS, *_SCALES)
                  and _at(toks, j + 1, *_SMALL)):
            break
        seen, j = True, j + 1
        if total + current > MAX_MAGNITUDE:  # "a hundred hundred hundred…": not a figure
            return None
    return (float(total + current), 0, j) if seen else None


# --- helpers -----------------------------------------------------------------------


def _at(toks: list[str], i: int, *words: str) -> bool:
    return i < len(toks) and toks[i] in words


def _match(toks: list[str], i: int, table: _Phrases) -> tuple[str | None, int]:
    for words, approx in table.get(toks[i], ()) if i < len(toks) else ():
        if tuple(toks[i:i + len(words)]) == words:
            return approx, i + len(words)
    return None, i


def _is_clock(toks: list[str], i: int) -> bool:
    """'1pm', '1 a.m.', '2 o'clock': the number before is a time of day."""
    return _at(toks, i, *_CLOCK) or (_at(toks, i, "a", "p", "o") and _at(toks, i + 1, "m", "clock"))


def _trailing_ok(toks: list[str], i: int) -> bool:
    """After the amount only words may follow ('prisoners of war'), no other amount."""
    return not any(tok[0].isdigit() or tok in _UNITS for tok in toks[i:])


# --- what a phrase the reader refuses looks like -------------------------------------

_CLOCK_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b"
                         r"|\bo'?clock\b|\bnoon\b|\bmidnight\b|\b\d{1,2}h\d{2}\b")
_DATE_WORDS = re.compile(rf"\b(?:{'|'.join(_MONTHS + WEEKDAYS)}|yesterday|today|tomorrow)\b"
                         r"|\b\d{4}-\d{2}-\d{2}\b")
_PROPERTY_KINDS = (("start", "datetime"), ("end", "datetime"), ("time", "datetime"),
                   ("date", "date"), ("day", "date"), ("duration", "duration"),
                   ("length", "duration"), ("delay", "duration"), ("count", "count"),
                   ("number", "count"))


def fitting_kind(text: str, prop: str) -> str:
    """The value kind a phrase most likely states, for the hint of a refused reading.

    What the words show comes first (a clock time, a date, a unit of time), then the
    property's name (`actual-start`, `duration`), then any number (a count); else a choice.
    """
    folded = fold(text)
    if _CLOCK_TIME.search(folded):
        return "datetime"
    if _DATE_WORDS.search(folded):
        return "date"
    toks = tokenize(folded)
    if any(n and (_ends_amount(toks[n - 1]) or toks[n - 1] in _ARTICLES)
           for n, tok in enumerate(toks) if tok in _UNITS):
        return "duration"  # "2 hours", "an hour"; not "per day"
    for word, kind in _PROPERTY_KINDS:
        if word in prop.split("-"):
            return kind
    if any(ch.isdigit() for ch in folded) or any(
            tok.removesuffix("s") in (*_SMALL, *_MULTIPLIERS, *_SCALES, "score")
            for tok in toks):
        return "count"
    return "choice"
