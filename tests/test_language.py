"""One table for each fact of language: folding, month and weekday names, time zones and
durations read the same wherever the site or the analysis uses them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from generator import wording
from generator.analyze.names import fold as analysis_fold
from generator.analyze.names import name_key
from generator.folding import LETTERS
from generator.markup import format_value, format_when
from generator.model import ClaimValue, When
from generator.search import fold as search_fold


@pytest.mark.parametrize("letter", sorted(LETTERS))
def test_search_and_analysis_fold_every_letter_alike(letter: str) -> None:
    word = f"a{letter}b"
    assert search_fold(word).casefold() == analysis_fold(word)
    assert search_fold(word).isascii()


@pytest.mark.parametrize(("written", "typed"), [
    ("Straße", "Strasse"), ("Þórshöfn", "Thorshofn"), ("Ðakovo", "Dakovo"),
    ("Çırağan Palace", "Ciragan Palace"), ("Łódź", "Lodz"), ("Ħamrun", "Hamrun")])
def test_a_name_typed_without_its_letters_matches_in_search_and_analysis(
        written: str, typed: str) -> None:
    assert search_fold(written) == typed
    assert name_key(written) == name_key(typed)


def _moment(text: str) -> When:
    moment = datetime.fromisoformat(text)
    return When(text, "minute", moment, moment + timedelta(seconds=59))


@pytest.mark.parametrize(("iso", "zone"), [
    ("2025-06-02T13:00+03:00", "UTC+3"), ("2025-06-02T13:00+05:30", "UTC+5:30"),
    ("2025-06-02T13:00-04:00", "UTC−4"), ("2025-06-02T13:00+00:00", "UTC")])
def test_a_time_zone_is_written_one_way_on_pages_and_in_findings(iso: str, zone: str) -> None:
    moment = datetime.fromisoformat(iso)
    assert format_when(_moment(iso)).endswith(f"13:00 {zone}")
    assert wording.moment(moment).endswith(f"({zone})")
    assert wording.offset_minutes(moment.utcoffset().total_seconds() / 60) == zone


def test_month_and_weekday_names_come_from_one_table() -> None:
    day = date(2025, 6, 1)
    assert wording.day(day) == "Sunday 1 June 2025"
    assert format_when(When("2025-06", "month", date(2025, 6, 1), date(2025, 6, 30))) == (
        "June 2025")
    from generator.analyze import phrases
    from generator.sections import WEEKDAYS
    assert WEEKDAYS == phrases.WEEKDAYS == tuple(d.lower() for d in wording.WEEKDAYS)
    assert phrases.read_phrase("on 1 June 2025") is not None


@pytest.mark.parametrize(("minutes", "text"), [
    (45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (4320, "3 days")])
def test_a_duration_is_written_one_way_on_pages_and_in_findings(minutes: int,
                                                                text: str) -> None:
    assert wording.duration(minutes) == text
    value = ClaimValue(kind="duration", amount=float(minutes))
    assert format_value(value) == text
    key = {"type": "amount", "kind": "duration", "lo": minutes, "hi": minutes,
           "lo_open": False, "hi_open": False, "unit": None}
    assert wording.allows(key) == text
