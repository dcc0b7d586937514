"""The discrepancy report: fixed-width table and JSON."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from test_analyze_detect import claim, make

from generator.analyze import analyze
from generator.analyze.report import COLUMNS, render_report
from generator.model import Analysis, Briefing


def _results() -> list[tuple[Briefing, Analysis]]:  # two briefings, given out of order
    first = make(claim("dur-cgtn", "a little over an hour", "cgtn"),
                 claim("dur-report", "an hour and a half", "report"),
                 claim("delay", "over an hour", "tass", prop="delay"))
    second = replace(make(claim("talks", "on Tuesday", "cgtn", prop="date")), slug="another")
    return [(first, analyze(first)), (second, analyze(second))]


def test_table_has_a_header_and_a_row_per_finding() -> None:
    table = render_report(_results(), "table")
    lines = table.splitlines()
    assert lines[0].split() == list(COLUMNS)
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert "conflict-dur-cgtn-dur-report" in table
    assert "single-source-round-2-delay" in table
    assert lines[-1] == "3 findings: 1 conflict, 2 single-source."
    assert table.index("another") < table.index("conflict-dur-cgtn-dur-report")


def test_table_without_findings() -> None:
    assert render_report([], "table").splitlines()[-1] == "No findings."


def test_json_is_stable_and_complete() -> None:
    text = render_report(_results(), "json")
    assert text == render_report(list(reversed(_results())), "json")
    data = json.loads(text)
    assert [(row["briefing"], row["id"]) for row in data] == [
        ("another", "single-source-round-2-date"),
        ("test", "conflict-dur-cgtn-dur-report"),
        ("test", "single-source-round-2-delay"),
    ]
    conflict = data[1]
    assert conflict["kind"] == "conflict" and conflict["sources"] == ["cgtn", "report"]
    assert conflict["rule"] == "ranges-apart"  # the reason as data, no sentence
    assert [r["claim"] for side in conflict["reason"]["sides"] for r in side] == conflict["claims"]
    assert list(conflict) == sorted(conflict)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="table, json"):
        render_report([], "csv")
