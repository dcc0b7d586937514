"""The project's own briefing through the whole pipeline, as a reader and a contributor meet it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from built_html import read_html

from generator.analyze import analyze
from generator.findings import text_wording
from generator.names import Names
from generator.pipeline import read_briefings

REPO = Path(__file__).parents[1]
MEMO_CLAIMS = {"memo-received-date-cgtn", "memo-received-date-report"}
ROADMAP_ONLY_IN_REPORT = {"roadmap-ceasefire-30-days", "roadmap-all-prisoners-returned",
                          "roadmap-leaders-meeting"}
ROADMAP_ONLY_IN_CGTN = {"roadmap-reparations"}

NEW_SOURCES = """\
# yaml-language-server: $schema=../../schema/briefing.schema.json
sources:
  - id: wire-x-2025-06-02
    title: Talks in Istanbul end
    publisher: Wire X
    url: https://example.org/wire-x
    published: "2025-06-02T18:00+03:00"
    language: en
    kind: wire-report
  - id: daily-y-2025-06-03
    title: Second round over
    publisher: Daily Y
    url: https://example.org/daily-y
    published: "2025-06-03"
    language: en
    kind: news-report
claims:
  - id: r2-duration-wire-x
    subject: round-2
    property: talks-length
    reported: "about 40 minutes"
    citations: [wire-x-2025-06-02]
  - id: r2-duration-daily-y
    subject: round-2
    property: talks-length
    reported: "nearly two hours"
    citations: [daily-y-2025-06-03]
"""


def copy_repo(target: Path) -> Path:
    """The repository's site inputs, copied so a test can change them."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", "*.egg-info",
                                    "node_modules", ".pytest_cache", ".ruff_cache", "benchmarks")
    shutil.copytree(REPO, target, ignore=ignore)
    return target


def mkdocs_build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=root, capture_output=True, text=True, timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def test_the_project_site_builds_strictly_without_warnings(tmp_path: Path) -> None:
    result = mkdocs_build(REPO, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "site" / "istanbul-2025" / "rounds" / "round-2" / "index.html").exists()


def test_sunday_monday_memorandum_discrepancy_is_detected_and_reviewed() -> None:
    briefing = read_briefings(REPO / "briefings").briefings[0]
    found = [f for f in analyze(briefing).discrepancies if set(f.claims) == MEMO_CLAIMS]
    assert len(found) == 1
    assert (found[0].kind, found[0].origin) == ("conflict", "detected")
    assert found[0].recorded == "memo-received-day"
    assert found[0].rule == "different-days"
    said = text_wording(Names(briefing)).explain(found[0])
    assert "(Sunday 1 June 2025)" in said and "(Monday 2 June 2025)" in said


def test_roadmap_points_reported_by_one_article_only_are_found() -> None:
    briefing = read_briefings(REPO / "briefings").briefings[0]
    gaps = {f.sources[0]: set(f.items) for f in analyze(briefing).coverage_gaps
            if f.subject == "ukraine-roadmap"}
    assert gaps == {"cgtn-2025-06-02": ROADMAP_ONLY_IN_REPORT,
                    "unnamed-publisher-report": ROADMAP_ONLY_IN_CGTN}


def test_a_contributors_conflicting_sources_show_on_the_site(tmp_path: Path) -> None:
    """A new file with two sources whose durations of round 2 disagree: the site says so."""
    root = copy_repo(tmp_path / "repo")
    (root / "briefings" / "istanbul-2025" / "new-sources.yaml").write_text(NEW_SOURCES)
    check = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=root,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    anchor = 'id="conflict-r2-duration-daily-y-r2-duration-wire-x"'
    pages = sorted((tmp_path / "site" / "istanbul-2025" / "discrepancies").rglob("*.html"))
    html = next(read_html(p) for p in pages if anchor in read_html(p))
    entry = html[html.index(anchor):]
    entry = entry[: entry.index('id="conflict-', len(anchor))]  # up to the next discrepancy
    assert "Detected" in entry
    for words in ("Wire X", "Daily Y", "“about 40 minutes”", "“nearly two hours”"):
        assert entry.count(words) >= 2  # in the explanation and in the side-by-side table
    round_page = tmp_path / "site" / "istanbul-2025" / "rounds" / "round-2" / "index.html"
    assert "#conflict-r2-duration-daily-y-r2-duration-wire-x" in read_html(round_page)


@pytest.mark.parametrize("command", [["check"], ["discrepancies"], ["discrepancies",
                                                                    "--format", "json"]])
def test_cli_commands_succeed_on_the_project_briefing(command: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", *command], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout
