"""Reading English phrasings into values, and values into intervals."""

from __future__ import annotations

import math

import pytest

from generator.analyze.names import fold, name_key
from generator.analyze.phrases import read_phrase
from generator.analyze.ranges import Interval, value_range
from generator.analyze.readings import default_margin, read_claim
from generator.model import Claim, ClaimValue, Origin


@pytest.mark.parametrize(("text", "kind", "approx", "amount"), [
    ("a little over an hour", "duration", "a-little-over", 60),
    ("74 minutes", "duration", "exact", 74),
    ("an hour and a half", "duration", "exact", 90),
    ("one and a half hours", "duration", "exact", 90),
    ("1.5 hours", "duration", "exact", 90),
    ("90 minutes", "duration", "exact", 90),
    ("about two hours", "duration", "about", 120),
    ("two hours", "duration", "exact", 120),
    ("half an hour", "duration", "exact", 30),
    ("a quarter of an hour", "duration", "exact", 15),
    ("an hour and 14 minutes", "duration", "exact", 74),
    ("1h30m", "duration", "exact", 90),
    ("less than an hour", "duration", "under", 60),
    ("about 40 minutes", "duration", "about", 40),
    ("at least 30 days", "duration", "at-least", 30 * 24 * 60),
    ("delayed by over an hour", "duration", "over", 60),
    ("after a little over an hour", "duration", "a-little-over", 60),
    ("over 40", "count", "over", 40),
    ("over 40 Russian military aircraft", "count", "over", 40),
    ("41", "count", "exact", 41),
    ("472", "count", "exact", 472),
    ("472 drones", "count", "exact", 472),
    ("more than 1,000", "count", "over", 1000),
    ("nearly 500", "count", "a-little-under", 500),
    ("almost 500", "count", "a-little-under", 500),
    ("some 30", "count", "about", 30),
    ("roughly 30", "count", "about", 30),
    ("around 30", "count", "about", 30),
    ("40 or so", "count", "about", 40),
    ("40-odd", "count", "a-little-over", 40),
    ("at most 12", "count", "at-most", 12),
    ("up to 12", "count", "at-most", 12),
    ("no fewer than 12", "count", "at-least", 12),
    ("2.5 km", "quantity", "exact", 2.5),
])
def test_reads_amounts(text: str, kind: str, approx: str, amount: float) -> None:
    reading = read_phrase(text)
    assert reading is not None, text
    assert (reading.value.kind, reading.value.approx, reading.value.amount) == (
        kind, approx, amount)


@pytest.mark.parametrize(("text", "amount"), [
    ("one", 1), ("seven", 7), ("twelve", 12), ("nineteen", 19), ("twenty", 20),
    ("thirty", 30), ("forty-one", 41), ("ninety nine", 99), ("a hundred", 100),
    ("one hundred", 100), ("two hundred and fifty", 250), ("a thousand", 1000),
    ("three thousand", 3000), ("a dozen", 12),
])
def test_reads_number_words(text: str, amount: int) -> None:
    reading = read_phrase(text)
    assert reading is not None and reading.value.kind == "count"
    assert reading.value.amount == amount


@pytest.mark.parametrize(("text", "low", "high", "kind"), [
    ("between one and two hours", 60, 120, "duration"),
    ("30-40 people", 30, 40, "count"),
    ("from 30 to 40", 30, 40, "count"),
    ("two to three hours", 120, 180, "duration"),
])
def test_reads_ranges(text: str, low: float, high: float, kind: str) -> None:
    reading = read_phrase(text)
    assert reading is not None
    value = reading.value
    assert (value.kind, value.approx, value.amount, value.upper) == (kind, "between", low, high)


def test_reads_weekdays_and_dates() -> None:
    sunday = read_phrase("on Sunday")
    assert sunday is not None and sunday.value.kind == "date"
    assert sunday.value.weekday == "sunday" and sunday.value.when is None
    dated = read_phrase("on Tuesday, 23 July 2025")
    assert dated is not None and dated.value.weekday == "tuesday"
    assert dated.value.when is not None and dated.value.when.text == "2025-07-23"
    moment = read_phrase("2025-06-02T01:42+03:00")
    assert moment is not None and moment.value.kind == "datetime"
    assert moment.value.when.start.utcoffset().total_seconds() == 3 * 3600


@pytest.mark.parametrize("text", [
    "roughly", "over the weekend", "last month", "the largest prisoner swap of the conflict",
    "on May 16",  # a day without its year: nothing to compare it with
    "due to start in the city’s Çırağan Palace at 1pm local time",  # a time, not a count
    "in February 2022",  # a year, not a count
    "round 2 lasted an hour",  # two amounts: not read rather than guessed
    "2025-02-30T25:99+03:00",  # not a real moment
    "",
])
def test_unreadable_phrases_give_none(text: str) -> None:
    assert read_phrase(text) is None


def test_unit_rounding_is_kept_as_margin() -> None:
    assert read_phrase("74 minutes").margin == 0.5
    assert read_phrase("an hour").margin == 7.5
    assert read_phrase("30 days").margin == 720
    assert read_phrase("41").margin == 0


def _range(text: str, tolerance: float = 0.2) -> Interval:
    reading = read_phrase(text)
    assert reading is not None
    interval = value_range(reading.value, tolerance, reading.margin)
    assert interval is not None
    return interval


@pytest.mark.parametrize(("text", "expected"), [
    ("a little over an hour", Interval(60, 75, lo_open=True)),
    ("a little under an hour", Interval(45, 60, hi_open=True)),
    ("74 minutes", Interval(73.5, 74.5)),
    ("an hour", Interval(52.5, 67.5)),
    ("an hour and a half", Interval(82.5, 97.5)),
    ("about two hours", Interval(96, 144)),
    ("over an hour", Interval(60, 120, lo_open=True)),  # durations: capped at twice X
    ("less than an hour", Interval(0, 60, hi_open=True)),
    ("at least 30 days", Interval(43200, math.inf)),
    ("over 40", Interval(41, math.inf)),  # counts: whole numbers, no cap
    ("41", Interval(41, 41)),
    ("about 40", Interval(32, 48)),
    ("a little over 40", Interval(41, 50)),
    ("nearly 500", Interval(375, 499)),
    ("less than 10", Interval(0, 9)),
    ("at most 12", Interval(0, 12)),
    ("30-40 people", Interval(30, 40)),
])
def test_ranges(text: str, expected: Interval) -> None:
    got = _range(text)
    assert got.lo == pytest.approx(expected.lo) and got.hi == pytest.approx(expected.hi)
    assert (got.lo_open, got.hi_open) == (expected.lo_open, expected.hi_open)


def test_about_follows_the_tolerance() -> None:
    assert _range("about two hours", 0.3) == Interval(84, 156)
    assert _range("about 40", 0.1) == Interval(36, 44)


def test_interval_overlap_respects_open_ends() -> None:
    assert Interval(60, 75, lo_open=True).overlaps(Interval(73.5, 74.5))
    assert not Interval(60, 75, lo_open=True).overlaps(Interval(82.5, 97.5))
    assert not Interval(40, math.inf, lo_open=True).overlaps(Interval(40, 40))
    assert Interval(0, 60).overlaps(Interval(60, 70))
    assert not Interval(0, 60, hi_open=True).overlaps(Interval(60, 70))


def _claim(reported: str, value: ClaimValue | None = None) -> Claim:
    return Claim(id="c", subject="s", property="p", reported=reported, citations=[],
                 origin=Origin("x.yaml", 1), value=value)


def test_editor_value_wins_and_the_phrase_gives_its_rounding() -> None:
    reading = read_claim(_claim("two hours", ClaimValue(kind="duration", amount=120)))
    assert reading is not None and reading.margin == 7.5
    reading = read_claim(_claim("120 minutes", ClaimValue(kind="duration", amount=120)))
    assert reading is not None and reading.margin == 0.5
    reading = read_claim(_claim("it took a while", ClaimValue(kind="duration", amount=74)))
    assert reading is not None and reading.margin == 0.5


def test_weekday_named_in_the_text_is_added_to_a_date_value() -> None:
    value = ClaimValue(kind="date", when=None)
    reading = read_claim(_claim("on Tuesday", value))
    assert reading is not None and reading.value.weekday == "tuesday"


def test_claim_without_value_is_read_from_its_text() -> None:
    reading = read_claim(_claim("over 40"))
    assert reading is not None and reading.value.approx == "over"
    assert read_claim(_claim("a great many")) is None


@pytest.mark.parametrize(("minutes", "margin"), [(120, 7.5), (90, 7.5), (74, 0.5), (40, 0.5),
                                                 (43200, 720)])
def test_default_margin(minutes: float, margin: float) -> None:
    assert default_margin(ClaimValue(kind="duration", amount=minutes)) == margin


def test_names_fold_case_accents_and_spacing() -> None:
    assert fold("Çırağan  Palace") == "ciragan palace"
    assert name_key("The Çırağan Palace.") == name_key("ciragan palace")
    assert name_key("Ciragan Palace") == name_key("Çırağan Palace")


# The approximation words and the ranges they give, as documented with their reasons in
# docs/reference/discrepancy-rules.md ("Approximations: where each bound comes from").
@pytest.mark.parametrize(("text", "approx", "expected"), [
    ("about two hours", "about", Interval(96, 144)),
    ("about 40", "about", Interval(32, 48)),
    ("nearly two hours", "a-little-under", Interval(90, 120, hi_open=True)),
    ("nearly 500", "a-little-under", Interval(375, 499)),
    ("a little over an hour", "a-little-over", Interval(60, 75, lo_open=True)),
    ("a little over 40", "a-little-over", Interval(41, 50)),
    ("less than an hour", "under", Interval(0, 60, hi_open=True)),
    ("less than 10", "under", Interval(0, 9)),
    ("just over an hour", "a-little-over", Interval(60, 75, lo_open=True)),
    ("just under 500", "a-little-under", Interval(375, 499)),
    ("just two hours", "exact", Interval(112.5, 127.5)),  # "only two hours": as stated
    ("just 40", "exact", Interval(40, 40)),
])
def test_approximation_table(text: str, approx: str, expected: Interval) -> None:
    reading = read_phrase(text)
    assert reading is not None and reading.value.approx == approx
    got = value_range(reading.value, 0.2, reading.margin)
    assert got.lo == pytest.approx(expected.lo) and got.hi == pytest.approx(expected.hi)
    assert (got.lo_open, got.hi_open) == (expected.lo_open, expected.hi_open)


# All or nothing: a phrase with a word that changes its meaning, or words the reader
# cannot account for, is refused (the checker then asks for a `value`), never half-read.
@pytest.mark.parametrize(("text", "english"), [
    ("not over an hour", True),
    ("40 per day", True),
    ("two hours more than planned", True),
    ("since Monday", True),
    ("1,000 prisoners of war each", True),  # per side, not a total: the editor says so
    ("twice 40", True),
    ("2小时", True),  # another script: the digit alone is not the reading
    ("два часа", True),
    ("5 ur", False),  # Slovenian "5 hours", from a Slovenian source
    ("over 40", False),
])
def test_phrases_with_unaccounted_words_are_refused(text: str, english: bool) -> None:
    assert read_phrase(text, english) is None


def test_a_phrase_without_words_is_read_whatever_the_language() -> None:
    assert read_phrase("1,000", english=False).value.amount == 1000
    moment = read_phrase("2025-06-02T13:00+03:00", english=False)
    assert moment is not None and moment.value.kind == "datetime"


def test_a_claim_from_a_source_in_another_language_is_not_read_as_english() -> None:
    assert read_claim(_claim("5 ur"), english=False) is None
    assert read_claim(_claim("5 hours"), english=True).value.kind == "duration"
