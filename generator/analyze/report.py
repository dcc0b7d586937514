"""The discrepancy report of `python -m generator discrepancies`: a text table or JSON."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from dataclasses import asdict
from typing import Any

from generator.analyze.kinds import kinds
from generator.findings import text_wording
from generator.model import Analysis, Briefing, Finding
from generator.names import Names

COLUMNS = ("briefing", "id", "kind", "status", "subject", "property", "sources", "explanation")
FORMATS = ("table", "json")
WIDTHS = (16, 64, 16, 9, 32, 24, 26, 60)  # widest a column gets: longer cells wrap
SHOWN_SOURCES = 3  # more are counted: "a, b, c +2"


def render_report(results: list[tuple[Briefing, Analysis]], fmt: str) -> str:
    """Every finding of every briefing, as `table` (fixed-width text) or `json`."""
    rows = []
    for briefing, analysis in sorted(results, key=lambda pair: pair[0].slug):
        wording = text_wording(Names(briefing))
        rows += [(briefing.slug, finding, wording.explain(finding))
                 for finding in findings(analysis)]
    if fmt == "json":
        return _json(rows)
    if fmt == "table":
        return _table(rows)
    raise ValueError(f"unknown report format '{fmt}': use one of {', '.join(FORMATS)}")


def findings(analysis: Analysis) -> list[Finding]:
    """Discrepancies (and editors' records), then the other kinds, in analysis order."""
    return analysis.findings


def finding_dict(slug: str, finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON-ready data, with the briefing it belongs to."""
    return {"briefing": slug, **asdict(finding)}


def _json(rows: list[tuple[str, Finding, str]]) -> str:
    data = [finding_dict(slug, finding) for slug, finding, _ in rows]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def _table(rows: list[tuple[str, Finding, str]]) -> str:
    cells = [_cells(slug, finding, text) for slug, finding, text in rows]
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
    lines.append(_summary([finding for _, finding, _ in rows]))
    return "\n".join(lines) + "\n"


def _cells(slug: str, finding: Finding, explanation: str) -> tuple[str, ...]:
    sources = finding.sources[:SHOWN_SOURCES]
    more = len(finding.sources) - len(sources)
    shown = ", ".join(sources) + (f" +{more}" if more > 0 else "")
    return (slug, finding.id, finding.kind, finding.status, finding.subject,
            finding.property or "", shown, explanation)


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
                     ).rstrip()


def _summary(found: list[Finding]) -> str:
    if not found:
        return "No findings."
    counts = Counter(finding.kind for finding in found)
    order = [k.name for k in kinds()]
    parts = ", ".join(f"{counts[kind]} {kind}" for kind in sorted(
        counts, key=lambda k: (order.index(k) if k in order else len(order), k)))
    return f"{len(found)} finding{'s' * (len(found) != 1)}: {parts}."
