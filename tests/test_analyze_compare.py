"""Comparison rules: each with real-world phrasings, on the conflict and the agreeing side."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from generator import wording
from generator.analyze.compare import Outcome, compare, weekday_mismatch, zones_on
from generator.analyze.keys import Key, key_data, key_of
from generator.analyze.phrases import Reading, read_phrase
from generator.findings import text_wording
from generator.model import ClaimValue, Finding
from generator.when import parse_when

NO_ALIASES: dict[str, frozenset[str]] = {}

def describe(key: Key) -> str:
    """What a key allows, as the finding fragments word it."""
    return wording.allows(key_data(key))


NAMES = SimpleNamespace(sources=lambda ids: sorted(ids), short=lambda i: i)


def reason_of(outcome) -> str:
    """The words a conflict's fragment gives for why two values conflict."""
    reading = {"claim": "c", "sources": ["a source"], "reported": "x", "allows": None}
    finding = Finding(id="x", kind="conflict", origin="detected", subject="s",
                      rule=outcome.rule, reason={"sides": [[reading], [reading]], **outcome.data})
    return text_wording(NAMES).explain(finding).split("(not readable): ", 1)[1]


def mismatch_text(reason: dict | None) -> str | None:
    """The words the weekday fragment gives for a mismatch (None when there is none)."""
    if reason is None:
        return None
    rule = "moment-not-on-weekday" if "moment" in reason else "date-not-on-weekday"
    reading = {"claim": "c", "sources": ["a source"], "reported": "x", "allows": None}
    finding = Finding(id="x", kind="weekday-mismatch", origin="detected", subject="s",
                      rule=rule, reason={"sides": [[reading]], **reason})
    return text_wording(NAMES).explain(finding)



def phrase_key(text: str, tolerance: float = 0.2,
               aliases: dict[str, frozenset[str]] = NO_ALIASES) -> Key:
    reading = read_phrase(text)
    assert reading is not None, text
    key = key_of(reading, tolerance, aliases)
    assert key is not None, text
    return key


def value_key(value: ClaimValue, aliases: dict[str, frozenset[str]] = NO_ALIASES) -> Key:
    key = key_of(Reading(value), 0.2, aliases)
    assert key is not None
    return key


def day(text: str, weekday: str | None = None) -> ClaimValue:
    return ClaimValue(kind="date", when=parse_when(text), weekday=weekday)


def moment(text: str, weekday: str | None = None) -> ClaimValue:
    return ClaimValue(kind="datetime", when=parse_when(text), weekday=weekday)


def verdict(a: Key, b: Key) -> Outcome:
    outcome = compare(a, b)
    assert outcome is not None
    assert compare(b, a) is not None and compare(b, a).conflict == outcome.conflict
    return outcome


# --- durations and counts --------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("a little over an hour", "74 minutes", False),
    ("a little over an hour", "an hour and a half", True),
    ("a little over an hour", "an hour", False),
    ("less than an hour", "about 40 minutes", False),
    ("less than an hour", "an hour and a half", True),
    ("about two hours", "90 minutes", True),
    ("about two hours", "an hour and 50 minutes", False),
    ("over an hour", "an hour and a half", False),
    ("over 40 minutes", "two hours", True),  # "over X" for a duration stops at 2·X
    ("at least 30 days", "45 days", False),
    ("at least 30 days", "three weeks", True),
    ("half an hour", "30 minutes", False),
    ("1.5 hours", "90 minutes", False),
    ("over 40", "41", False),
    ("over 40", "40", True),
    ("over 40", "1,000", False),  # counts: "over" has no upper end
    ("more than 1,000", "1,012", False),
    ("nearly 500", "472", False),
    ("nearly 500", "500", True),
    ("some 30", "35", False),
    ("some 30", "41", True),
    ("472", "472 drones", False),
    ("472", "470", True),
    ("between 30 and 40", "41", True),
    ("between 30 and 40", "about 40", False),
])
def test_amounts(a: str, b: str, conflict: bool) -> None:
    outcome = verdict(phrase_key(a), phrase_key(b))
    assert outcome.conflict is conflict, (a, b, describe(phrase_key(a)), describe(phrase_key(b)))
    assert outcome.rule == ("ranges-apart" if conflict else "ranges-overlap")
    if conflict:
        assert reason_of(outcome) == "the ranges do not overlap."


def test_about_depends_on_the_briefing_tolerance() -> None:
    assert verdict(phrase_key("about two hours"), phrase_key("90 minutes")).conflict
    assert not verdict(phrase_key("about two hours", 0.3), phrase_key("90 minutes", 0.3)).conflict


def test_descriptions_show_the_ranges() -> None:
    assert describe(phrase_key("a little over an hour")) == "60–75 min"
    assert describe(phrase_key("an hour and a half")) == "82.5–97.5 min"
    assert describe(phrase_key("about two hours")) == "96–144 min"
    assert describe(phrase_key("less than an hour")) == "under 60 min"
    assert describe(phrase_key("over 40")) == "41 or more"
    assert describe(phrase_key("1,000")) == "1,000"
    assert describe(phrase_key("at least 30 days")) == "30 or more days"


def test_different_kinds_or_units_are_not_compared() -> None:
    assert compare(phrase_key("40"), phrase_key("40 minutes")) is None
    assert compare(phrase_key("2 km"), phrase_key("2 miles")) is None
    assert compare(phrase_key("on Sunday"), phrase_key("40")) is None


# --- days, weekdays and moments ----------------------------------------------------------


def test_different_days_conflict_at_day_precision() -> None:
    outcome = verdict(value_key(day("2025-06-01", "sunday")), value_key(day("2025-06-02")))
    assert outcome.conflict and "different days" in reason_of(outcome)
    assert not verdict(value_key(day("2025-06-01")), value_key(day("2025-06-01"))).conflict


def test_a_day_inside_a_month_or_interval_agrees() -> None:
    assert not verdict(value_key(day("2025-05-16")), value_key(day("2025-05"))).conflict
    weekend = value_key(day("2025-05-31/2025-06-01"))
    assert not verdict(value_key(day("2025-06-01")), weekend).conflict
    assert verdict(value_key(day("2025-06-02")), weekend).conflict


def test_weekdays_alone() -> None:
    assert verdict(phrase_key("on Sunday"), phrase_key("on Monday")).conflict
    assert not verdict(phrase_key("on Sunday"), phrase_key("late on Sunday")).conflict
    assert not verdict(phrase_key("on Sunday"), value_key(day("2025-06-01"))).conflict
    outcome = verdict(phrase_key("on Monday"), value_key(day("2025-06-01")))
    assert outcome.conflict and "is not a Monday" in reason_of(outcome)


def test_day_and_moment_in_another_zone_can_coincide() -> None:
    sunday = value_key(day("2025-06-01", "sunday"))  # as dated in London
    moscow = value_key(moment("2025-06-02T01:42+03:00"))  # Monday, Moscow time
    outcome = verdict(sunday, moscow)
    assert outcome.conflict
    assert "can be the same moment in different time zones" in reason_of(outcome)
    assert "01:42 on Monday 2 June 2025 (UTC+3)" in reason_of(outcome)
    assert "22:42 on Sunday 1 June 2025 in UTC" in reason_of(outcome)
    assert "from UTC−12 to UTC+1:15" in reason_of(outcome)
    assert "can be the same moment" in reason_of(verdict(phrase_key("on Sunday"), moscow))


def test_day_and_moment_that_cannot_coincide() -> None:
    moscow = value_key(moment("2025-06-02T01:42+03:00"))
    outcome = verdict(value_key(day("2025-06-04")), moscow)
    assert outcome.conflict and "cannot be the same moment in any time zone" in reason_of(outcome)


def test_moment_on_the_stated_day_agrees() -> None:
    moscow = value_key(moment("2025-06-02T01:42+03:00"))
    assert not verdict(value_key(day("2025-06-02")), moscow).conflict
    assert not verdict(phrase_key("on Monday"), moscow).conflict


def test_moments_compare_across_zones() -> None:
    istanbul = value_key(moment("2025-06-02T13:00+03:00"))
    assert not verdict(istanbul, value_key(moment("2025-06-02T10:00Z"))).conflict
    outcome = verdict(istanbul, value_key(moment("2025-06-02T14:00+03:00")))
    assert outcome.conflict and "10:00 on Monday 2 June 2025 in UTC" in reason_of(outcome)
    about = value_key(ClaimValue(kind="datetime", approx="about",
                                 when=parse_when("2025-06-02T13:20+03:00")))
    assert not verdict(istanbul, about).conflict


def test_zones_on() -> None:
    at = datetime(2025, 6, 2, 1, 42, tzinfo=timezone(timedelta(hours=3)))
    assert zones_on(at, date(2025, 6, 1), date(2025, 6, 1)) == (
        timedelta(hours=-12), timedelta(hours=1, minutes=15))
    assert zones_on(at, date(2025, 6, 2), date(2025, 6, 2)) == (
        timedelta(hours=1, minutes=30), timedelta(hours=14))
    assert zones_on(at, date(2025, 6, 4), date(2025, 6, 4)) is None


# --- weekday mismatches ------------------------------------------------------------------


def test_weekday_that_does_not_match_the_date_is_flagged() -> None:
    reason = mismatch_text(weekday_mismatch(Reading(day("2025-07-23", "tuesday"))))
    assert reason is not None
    assert "names Tuesday" in reason and "Wednesday 23 July 2025 is not a Tuesday" in reason


def test_matching_weekday_is_not_flagged() -> None:
    assert weekday_mismatch(Reading(day("2025-07-23", "wednesday"))) is None
    assert weekday_mismatch(Reading(day("2025-07-23"))) is None
    assert weekday_mismatch(Reading(day("2025-05-31/2025-06-01", "sunday"))) is None


def test_weekday_of_a_moment_is_checked_in_its_zone_and_elsewhere() -> None:
    reason = mismatch_text(weekday_mismatch(Reading(moment("2025-06-02T01:42+03:00", "sunday"))))
    assert reason is not None
    assert "it can be a Sunday in another time zone" in reason
    assert weekday_mismatch(Reading(moment("2025-06-02T01:42+03:00", "monday"))) is None
    far = mismatch_text(weekday_mismatch(Reading(moment("2025-06-02T12:00+03:00", "friday"))))
    assert far is not None and "not a Friday in any time zone" in far


# --- names -------------------------------------------------------------------------------


def choice(text: str) -> ClaimValue:
    return ClaimValue(kind="choice", choice=text)


def test_names_equal_after_folding_case_spaces_and_diacritics() -> None:
    outcome = verdict(value_key(choice("Ciragan Palace")), value_key(choice("Çırağan  palace")))
    assert not outcome.conflict
    assert verdict(value_key(choice("English")), value_key(choice("Russian"))).conflict


def test_names_equal_through_the_briefing_aliases() -> None:
    aliases = {"ciragan palace": frozenset({"ciragan-palace"}),
               "ciragan sarayi": frozenset({"ciragan-palace"}),
               "dolmabahce palace": frozenset({"dolmabahce-palace"})}
    palace = value_key(choice("Çırağan Sarayı"), aliases)
    assert not verdict(palace, value_key(choice("Çırağan Palace"), aliases)).conflict
    assert verdict(palace, value_key(choice("Dolmabahçe Palace"), aliases)).conflict
