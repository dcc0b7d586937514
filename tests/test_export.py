"""The JSON export: every field, every citation, findings; it loads back to the same model."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.analyze import analyze
from generator.export import (
    FILE,
    ExportMemo,
    export_data,
    export_file,
    export_json,
    load_export,
    public_root,
)
from generator.model import Analysis, Briefing
from generator.names import Names
from generator.pipeline import read_briefings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site" / "briefings"
ISTANBUL = Path(__file__).resolve().parent.parent / "briefings"


def read(root: Path) -> list[Briefing]:
    reading = read_briefings(root)
    reading.raise_for_problems()
    return reading.briefings


@pytest.mark.parametrize("root", [FIXTURE, ISTANBUL], ids=["fixture", "istanbul"])
def test_the_export_loads_back_to_the_same_briefing_and_analysis(root: Path) -> None:
    for briefing in read(root):
        analysis = analyze(briefing)
        loaded, findings = load_export(json.loads(export_json(briefing, analysis)))
        assert loaded == dataclasses.replace(briefing, root=Path(public_root(briefing)))
        assert findings == analysis


def test_the_export_holds_every_fact_and_every_citation_of_the_yaml() -> None:
    briefing = read(FIXTURE)[0]
    data = export_data(briefing, analyze(briefing))["briefing"]
    exported = _citations(data)
    written = _citations(_yaml_sections(FIXTURE / briefing.slug))
    assert {f["id"] for f in data["facts"]} == {
        f["id"] for f in _yaml_sections(FIXTURE / briefing.slug)["facts"]}
    for owner, citation in written:
        source = citation if isinstance(citation, str) else citation["source"]
        matches = [c for o, c in exported if o == owner and c["source"] == source]
        assert matches, (owner, source)
        if isinstance(citation, dict):
            assert any(all(c[k] == (_steps(v) if k == "via" else v)
                           for k, v in citation.items()) for c in matches)


def _steps(via: object) -> list[dict[str, object]]:
    """A `via` as written (an id, or a list of ids and descriptions) as exported (a field
    at its empty value left out)."""
    steps = via if isinstance(via, list) else [via]
    return [{"actor": s, "independent": False} if isinstance(s, str)
            else {"independent": False, **s} for s in steps]


def test_the_export_is_stable_and_sorted_by_id() -> None:
    briefing = read(FIXTURE)[0]
    first = export_json(briefing, analyze(briefing))
    assert first == export_json(briefing, analyze(briefing))
    data = json.loads(first)
    for section in ("sources", "actors", "facts", "claims", "positions", "discrepancies"):
        ids = [item["id"] for item in data["briefing"][section]]
        assert ids == sorted(ids), section
    assert data["format"] == "briefing-export" and data["version"] == 3


def test_the_export_holds_the_analysis_findings() -> None:
    briefing = read(FIXTURE)[0]
    analysis = analyze(briefing)
    data = export_data(briefing, analysis)["analysis"]
    assert [f["id"] for f in data["discrepancies"]] == [f.id for f in analysis.discrepancies]
    assert any(f["recorded"] == "round-2-length" for f in data["discrepancies"])


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="briefing-export"):
        load_export({"format": "something-else", "version": 1})
    assert load_export(export_data(read(FIXTURE)[0], Analysis()))[1] == Analysis()


def _yaml_sections(folder: Path) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for path in sorted(folder.rglob("*.yaml")):
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if isinstance(value, list):
                sections.setdefault(key, []).extend(value)
    return sections


def _citations(sections: dict[str, Any]) -> list[tuple[str, Any]]:
    """(owner id, citation) for every citation, nested ones under their parent's id."""
    out: list[tuple[str, Any]] = []
    for items in sections.values():
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict):  # the list of files read
                continue
            out += [(item["id"], c) for c in item.get("citations", [])]
            for part in [*item.get("roles", []), *item.get("members", [])]:
                out += [(item["id"], c) for c in part.get("citations", [])]
            for part in [*item.get("items", []), *item.get("labels", [])]:
                out += [(part["id"], c) for c in part.get("citations", [])]
    return out


def test_the_export_never_writes_infinity() -> None:
    """`quantity: 1e999` once wrote `Infinity`, which is not JSON. The checker bounds
    numbers now; should an infinite one reach the export, it fails instead."""

    briefing = read(FIXTURE)[0]
    claim = next(c for c in briefing.claims.values() if c.value and c.value.amount)
    briefing.claims[claim.id] = dataclasses.replace(
        claim, value=dataclasses.replace(claim.value, amount=float("inf")))
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        export_json(briefing, analyze(briefing))


def test_the_export_names_the_folder_as_the_repository_does_not_the_builders_path() -> None:
    briefing = read(ISTANBUL)[0]
    assert briefing.root.is_absolute()
    text = export_json(briefing, analyze(briefing)).decode()
    assert str(ISTANBUL) not in text
    assert json.loads(text)["briefing"]["root"] == "briefings/istanbul-2025"


def test_an_export_reusing_the_last_ones_items_equals_a_fresh_one(tmp_path: Path) -> None:
    """Under `mkdocs serve` each item keeps its JSON text from the last export while it is
    unchanged (ExportMemo): after edits of words, of a time and of lines, the export is
    byte for byte a fresh one, and shows the edits."""
    shutil.copytree(ISTANBUL, tmp_path / "briefings")
    memo = ExportMemo()
    briefing = read(tmp_path / "briefings")[0]
    assert export_json(briefing, analyze(briefing), memo=memo) == export_json(
        briefing, analyze(briefing))
    facts = sorted((tmp_path / "briefings").rglob("*.yaml"))
    path = next(p for p in facts if "text:" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    edited = text.replace('text: "', 'text: "Edited: ', 1)
    for version, shown in ((edited, True), ("# shifts every line\n" + text, False)):
        path.write_text(version, encoding="utf-8")
        briefing = read(tmp_path / "briefings")[0]
        analysis = analyze(briefing)
        reused = export_json(briefing, analysis, memo=memo)
        assert reused == export_json(briefing, analysis)
        assert (b'"text":"Edited: ' in reused) is shown


def test_the_published_file_is_the_export_gzip_compressed_the_same_every_time() -> None:
    """`export.json.gz` is what a reader downloads: it opens with any gzip reader to the
    very JSON `export_json` writes, and the same export gives the same bytes (no time or
    file name in its header), so a rebuild changes nothing."""
    briefing = read(ISTANBUL)[0]
    analysis = analyze(briefing)
    published = export_file(briefing, analysis)
    assert FILE == "export.json.gz"
    assert gzip.decompress(published) == export_json(briefing, analysis)
    assert published == export_file(briefing, analyze(briefing))
    assert published[:2] == b"\x1f\x8b" and published[4:8] == b"\0\0\0\0"  # mtime 0
    assert len(published) < len(export_json(briefing, analysis)) / 4


def test_names_leave_out_a_long_name_that_is_the_items_own_text() -> None:
    """A fact's long name is its text, a document point's too: the export carries the
    text once (at 50,000 facts the repeat was 8 MB); a long name saying more stays."""
    briefing = read(ISTANBUL)[0]
    names = Names(briefing)
    data = export_data(briefing, analyze(briefing), names)
    fact = briefing.facts["r2-ended"]
    point = next(iter(briefing.documents["ukraine-roadmap"].items))
    for item_id, text in ((fact.id, fact.text), (point.id, point.text)):
        assert names.long(item_id) == text != names.short(item_id)  # what is left out
        assert data["names"][item_id] == {"short": names.short(item_id)}
    source = "cgtn-2025-06-02"
    assert data["names"][source]["long"] == names.long(source) != names.short(source)
    claim = "strike-date-cgtn"
    assert data["names"][claim]["long"] == names.long(claim)  # says more than its text
