"""The discrepancy report of `python -m generator discrepancies`: a text table or JSON."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from dataclasses import asdict
from typing import Any

from generator.model import Analysis, Briefing, Finding

COLUMNS = ("briefing", "id", "kind", "status", "subject", "property", "sources", "explanation")
FORMATS = ("table", "json")
WIDTHS = (16, 64, 16, 9, 32, 24, 26, 60)  # widest a column gets: longer cells wrap
SHOWN_SOURCES = 3  # more are counted: "a, b, c +2"


def render_report(results: list[tuple[Briefing, Analysis]], fmt: str) -> str:
    """Every finding of every briefing, as `table` (fixed-width text) or `json`."""
    rows = [(briefing.slug, finding)
            for briefing, analysis in sorted(results, key=lambda pair: pair[0].slug)
            for finding in findings(analysis)]
    if fmt == "json":
        return _json(rows)
    if fmt == "table":
        return _table(rows)
    raise ValueError(f"unknown report format '{fmt}': use one of {', '.join(FORMATS)}")


def findings(analysis: Analysis) -> list[Finding]:
    """Discrepancies, then single-source claims, then coverage gaps, each in analysis order."""
    return [*analysis.discrepancies, *analysis.single_source, *analysis.coverage_gaps,
            *analysis.single_origin]


def finding_dict(slug: str, finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON-ready data, with the briefing it belongs to."""
    return {"briefing": slug, **asdict(finding)}


def _json(rows: list[tuple[str, Finding]]) -> str:
    data = [finding_dict(slug, finding) for slug, finding in rows]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def _table(rows: list[tuple[str, Finding]]) -> str:
    cells = [_cells(slug, finding) for slug, finding in rows]
    widths = [min(limit, max([len(name), *(len(row[n]) for row in cells)]))
              for n, (name, limit) in enumerate(zip(COLUMNS, WIDTHS, strict=True))]
    lines = [_line(COLUMNS, widths), _line(tuple("-" * width for width in widths), widths)]
    for row in cells:
        wrapped = [textwrap.wrap(cell, width) or [""] for cell, width in zip(row, widths,
                                                                           strict=True)]
        height = max(len(column) for column in wrapped)
        if height > 1 and lines[-1].strip("- "):
            lines.append("")
        for n in range(height):
            lines.append(_line(tuple(col[n] if n < len(col) else "" for col in wrapped), widths))
        if height > 1:
            lines.append("")
    if lines[-1]:
        lines.append("")
    lines.append(_summary([finding for _, finding in rows]))
    return "\n".join(lines) + "\n"


def _cells(slug: str, finding: Finding) -> tuple[str, ...]:
    sources = finding.sources[:SHOWN_SOURCES]
    more = len(finding.sources) - len(sources)
    shown = ", ".join(sources) + (f" +{more}" if more > 0 else "")
    return (slug, finding.id, finding.kind, finding.status, finding.subject,
            finding.property or "", shown, finding.explanation)


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
                     ).rstrip()


def _summary(found: list[Finding]) -> str:
    if not found:
        return "No findings."
    counts = Counter(finding.kind for finding in found)
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return f"{len(found)} finding{'s' * (len(found) != 1)}: {parts}."
