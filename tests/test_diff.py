"""`python -m generator diff OLD NEW`: two versions of the briefings compared by id."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from history_repo import SLUG, git, make_history_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("diff-repo")
    return path, make_history_repo(path)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "diff", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def as_json(cwd: Path, old: str, new: str) -> dict:
    result = run(cwd, old, new, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def items(data: dict) -> dict[tuple[str, str], dict]:
    (briefing,) = data["briefings"]
    return {(i["section"], i["id"]): i for i in briefing["items"]}


def test_a_correction_lists_the_old_and_new_wording(repo):
    path, commits = repo
    found = items(as_json(path, commits[0], commits[1]))
    corrected = found[("facts", "harbour-opened")]
    assert corrected["change"] == "changed"
    assert corrected["fields"] == [{
        "field": "text", "old": "The talks opened in the old customs house.",
        "new": "The talks opened in the harbour master's office."}]
    added = found[("facts", "lights-fixed")]
    assert added["change"] == "added" and added["round"] == "round-1"
    assert set(found) == {("facts", "harbour-opened"), ("facts", "lights-fixed")}


def test_a_withdrawn_fact_is_removed_with_the_editors_reason(repo):
    path, commits = repo
    found = items(as_json(path, commits[1], commits[2]))
    removed = found[("facts", "ferry-deal")]
    assert removed["change"] == "removed"
    assert removed["reason"] == "The paper retracted its report of a ferry agreement."
    assert found[("withdrawn", "ferry-deal")]["change"] == "added"


def test_a_new_claim_opens_a_conflict_found_by_the_detection(repo):
    path, commits = repo
    data = as_json(path, commits[2], commits[3])
    assert items(data)[("claims", "length-paper")]["change"] == "added"
    (briefing,) = data["briefings"]
    opened = [f for f in briefing["findings"] if f["change"] == "opened"]
    assert [f["kind"] for f in opened] == ["conflict"]
    assert "length-paper" in opened[0]["id"] and "length-wire" in opened[0]["id"]
    closed = [f for f in briefing["findings"] if f["change"] == "closed"]
    assert [f["kind"] for f in closed] == ["single-source"]  # the wire's length, now two


def test_text_and_markdown_say_what_changed_in_one_line(repo):
    path, commits = repo
    text = run(path, commits[0], "HEAD")
    assert text.returncode == 0, text.stderr
    summary = text.stdout.splitlines()[3]
    assert summary.strip().startswith("1 fact added to Round 1")
    assert "1 fact changed" in summary and "1 fact removed" in summary
    assert "new conflict: " in summary
    assert "text: “The talks opened in the old customs house.” → “The talks opened in the " \
        "harbour master's office.”" in text.stdout
    markdown = run(path, commits[0], "HEAD", "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("## Briefing changes")
    assert "~~“The talks opened in the old customs house.”~~" in markdown.stdout
    assert "| new | conflict |" in markdown.stdout


def test_markdown_escapes_what_contributors_wrote(repo, tmp_path):
    path, _ = repo
    old = tmp_path / "old"
    shutil.copytree(path / "briefings", old)
    new = tmp_path / "new"
    shutil.copytree(path / "briefings", new)
    facts = new / SLUG / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "Northland promised", "<script>alert(1)</script> [x](javascript:alert(2)) promised"),
        encoding="utf-8")
    result = run(path, str(old), str(new), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "<script>" not in result.stdout and "](javascript:" not in result.stdout
    assert "<script>alert(1)</script> [x](javascript:alert(2))" in unescape(result.stdout)


def test_folders_that_match_report_no_change(repo):
    path, _ = repo
    result = run(path, "HEAD", "briefings")
    assert result.returncode == 0
    assert result.stdout == "No change to the briefings between HEAD and briefings.\n"


def test_broken_fact_files_are_reported_like_the_checker(repo, tmp_path):
    path, _ = repo
    broken = tmp_path / "broken"
    shutil.copytree(path / "briefings", broken)
    (broken / SLUG / "facts.yaml").write_text("facts:\n  - id: x\n    text: [unclosed\n",
                                              encoding="utf-8")
    result = run(path, "HEAD", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{SLUG}/facts.yaml:" in result.stderr and ": error: " in result.stderr


def test_an_unknown_revision_is_a_usage_error(repo):
    path, _ = repo
    result = run(path, "no-such-revision", "HEAD")
    assert result.returncode == 2
    assert "'no-such-revision' is neither a folder nor a git revision" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_revision_before_the_briefings_existed_adds_them_all(repo):
    path, commits = repo
    git(path, "checkout", "-q", "--orphan", "empty")
    git(path, "rm", "-rq", "--cached", ".")
    git(path, "commit", "-q", "--allow-empty", "-m", "empty", date="2026-01-01T00:00:00Z")
    try:
        data = as_json(path, "empty", commits[-1])
    finally:
        git(path, "checkout", "-q", "-f", "main")
    (briefing,) = data["briefings"]
    assert briefing["change"] == "added"
    assert ("facts", "lights-fixed") in items(data)
