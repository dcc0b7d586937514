"""Discrepancy analysis: compares claims across sources (stub until implemented)."""

from __future__ import annotations

from generator.model import Analysis, Briefing


def analyze(briefing: Briefing) -> Analysis:
    """Every discrepancy, single-source claim and coverage gap in a briefing."""
    return Analysis()
