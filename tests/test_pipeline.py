"""read_briefings as the other stages use it."""

from __future__ import annotations

import gc
from pathlib import Path

from generator.analyze import analyze
from generator.pipeline import read_briefings

ROOT = Path(__file__).resolve().parent.parent


def test_the_model_holds_no_reference_cycles() -> None:
    """read_briefings freezes what it built (gc.freeze): safe only if, once dropped, the
    model is freed by reference counting alone, leaving nothing for the collector."""
    gc.unfreeze()
    gc.collect()
    reading = read_briefings(ROOT / "briefings")
    assert reading.briefings and not reading.problems
    analyses = [analyze(b) for b in reading.briefings]
    del reading, analyses
    gc.unfreeze()
    assert gc.collect() == 0
