"""Links to facts and footnotes survive edits: anchors come from ids, not from positions.

A reader who shared `…/rounds/round-2/#some-fact` or a footnote link must land on the same
fact and the same citation after editors add facts before it. The test copies the
Istanbul briefing, inserts a new fact (with a new citation) at the top of round 2, and
compares the round page's anchors before and after.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.analyze import analyze
from generator.pipeline import read_briefings
from generator.render import render_briefing

REPO = Path(__file__).resolve().parents[1]
ROUND = "istanbul-2025/rounds/round-2.md"
NEW_FACT = """facts:
  - id: r2-added-first
    kind: event
    text: "A fact added later, before all the others."
    when: "2025-06-01"
    round: round-2
    citations:
      - source: cgtn-2025-06-02
        quote: "a quote no other citation has"
"""


def anchors(briefings: Path) -> tuple[dict[str, str], set[str]]:
    """Round 2's facts (id → the footnote labels after it) and all its footnote labels."""
    reading = read_briefings(briefings)
    assert not reading.problems, reading.problems
    (briefing,) = reading.briefings
    page = next(p for p in render_briefing(briefing, analyze(briefing)) if p.path == ROUND)
    text = str(page.content)
    facts = dict(re.findall(r'^- <span id="([^"]+)"></span>.*?((?:\[\^[^\]]+\])+)', text, re.M))
    labels = set(re.findall(r"^\[\^([^\]]+)\]:", text, re.M))
    return facts, labels


def test_fact_and_footnote_anchors_survive_a_fact_inserted_before_them(tmp_path: Path):
    before_dir = tmp_path / "before"
    shutil.copytree(REPO / "briefings" / "istanbul-2025", before_dir / "istanbul-2025")
    facts_before, labels_before = anchors(before_dir)
    assert len(facts_before) >= 10, facts_before  # the test looks at real facts

    after_dir = tmp_path / "after"
    shutil.copytree(before_dir, after_dir)
    round_file = after_dir / "istanbul-2025" / "rounds" / "round-2.yaml"
    text = round_file.read_text(encoding="utf-8")
    assert text.count("\nfacts:\n") == 1
    round_file.write_text(text.replace("\nfacts:\n", "\n" + NEW_FACT, 1), encoding="utf-8")
    facts_after, labels_after = anchors(after_dir)

    assert "r2-added-first" in facts_after  # the new fact is on the page, first
    assert labels_before <= labels_after, "a footnote anchor changed when a fact was added"
    changed = {i: (facts_before[i], facts_after.get(i)) for i in facts_before
               if facts_after.get(i) != facts_before[i]}
    assert not changed, f"facts whose anchor or footnote links changed: {changed}"
