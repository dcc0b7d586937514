"""The registry of finding kinds: a kind is one analysis module and one template fragment,
and everything else that shows findings follows from the registry."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from built_html import read_html
from test_istanbul_site import copy_repo, mkdocs_build

from generator.analyze import analyze
from generator.analyze.kinds import kinds
from generator.pipeline import read_briefings
from generator.render import shared_renderer
from generator.sections import RESERVED_PREFIXES

ROOT = Path(__file__).resolve().parent.parent
TOY = Path(__file__).resolve().parent / "fixtures" / "toy-kind"


def test_a_toy_kind_added_as_two_files_shows_on_the_built_site(tmp_path: Path) -> None:
    """Copy the project, add the toy kind's module and fragment (nothing else), build."""
    root = copy_repo(tmp_path / "repo")
    shutil.copy(TOY / "undated_fact.py", root / "generator" / "analyze" / "undated_fact.py")
    shutil.copy(TOY / "undated-fact.md.j2",
                root / "generator" / "templates" / "findings" / "undated-fact.md.j2")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site" / "istanbul-2025"
    page = read_html(site / "discrepancies" / "index.html")
    anchor = 'id="finding-undated-zelensky-history-books"'
    assert anchor in page
    entry = page[page.index(anchor):][:3000]
    assert "Undated: Statement, undated" in entry  # the fragment's title block
    assert "report it without a date" in entry  # its explain block
    assert re.search(r"Undated facts</td>\s*<td>\d+</td>", page)  # the count table
    timeline = read_html(site / "timeline" / "index.html")
    assert "#finding-undated-zelensky-history-books" in timeline  # the page's marker
    docs = read_html(tmp_path / "site" / "reference" / "discrepancy-rules" / "index.html")
    assert "A fact with no date: readers cannot place it in time." in docs  # the kinds table
    report = subprocess.run([sys.executable, "-m", "generator", "discrepancies", "--format",
                             "json"], cwd=root, capture_output=True, text=True, check=True)
    assert "undated-fact" in {f["kind"] for f in json.loads(report.stdout)}


def test_every_finding_id_starts_with_a_reserved_prefix() -> None:
    """A finding's id is its anchor: no item id can take it."""
    for folder in (ROOT / "briefings", ROOT / "tests" / "fixtures" / "v2" / "briefings"):
        for briefing in read_briefings(folder).briefings:
            analysis = analyze(briefing)
            for finding in analysis.discrepancies + analysis.listed:
                if finding.origin == "detected":
                    assert finding.id.startswith(RESERVED_PREFIXES), finding.id


def test_every_kind_has_its_fragment_and_documentation() -> None:
    env = shared_renderer().env
    for kind in kinds():
        blocks = env.get_template(f"findings/{kind.name}.md.j2").blocks
        assert {"heading", "count", "noun", "doc", "title", "explain"} <= blocks.keys(), kind
        assert kind.ids and kind.reason, kind.name
