"""Checks on the CI and deploy workflows, the task script and the contributor entry points."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
CHECK = WORKFLOWS / "check.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping. PyYAML (YAML 1.1) reads the key `on` as the boolean True."""
    on = workflow["on"] if "on" in workflow else workflow[True]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict) -> list[str]:
    found = [step["uses"] for step in steps(workflow) if "uses" in step]
    found += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    return found


@pytest.fixture(scope="module")
def check() -> dict:
    return load(CHECK)


@pytest.fixture(scope="module")
def deploy() -> dict:
    return load(DEPLOY)


def all_workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


# --- triggers ---------------------------------------------------------------------------


def test_check_runs_on_pull_requests_and_every_push(check):
    on = triggers(check)
    assert set(on) == {"pull_request", "push"}
    assert not (on["push"] or {}).get("branches"), "check must run on pushes to all branches"


def test_deploy_runs_on_push_to_main_only(deploy):
    on = triggers(deploy)
    assert set(on) <= {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_no_pull_request_target(path):
    assert "pull_request_target" not in triggers(load(path))
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^[^#]*pull_request_target", text, re.MULTILINE)


# --- permissions and concurrency --------------------------------------------------------


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_top_level_permissions_read_only(path):
    assert load(path)["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_can_write_pages():
    writers = []
    for path in all_workflows():
        for name, job in load(path)["jobs"].items():
            perms = job.get("permissions") or {}
            if perms.get("pages") == "write" or perms.get("id-token") == "write":
                writers.append((path.name, name))
    assert writers == [("deploy.yml", "deploy")]


def test_deploy_job(deploy):
    job = deploy["jobs"]["deploy"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["needs"] == "build"
    assert job["if"] == "github.ref == 'refs/heads/main'"
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    (step,) = job["steps"]
    assert step["id"] == "deployment"
    assert step["uses"].startswith("actions/deploy-pages@")


def test_deploy_concurrency_never_cancels(deploy):
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_deploy_build_uploads_pages_artifact(deploy):
    build = deploy["jobs"]["build"]
    actions = [step.get("uses", "") for step in build["steps"]]
    assert any(a.startswith("actions/configure-pages@") for a in actions)
    upload = next(
        s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site"
    assert "mkdocs build --strict" in run_lines({"jobs": {"build": build}})


def test_check_cancels_superseded_pull_request_runs(check):
    concurrency = check["concurrency"]
    assert "github.ref" in concurrency["group"]
    assert "pull_request" in str(concurrency["cancel-in-progress"])


# --- what the check workflow runs --------------------------------------------------------


def test_check_runs_checker_build_and_tests(check):
    run = run_lines(check)
    assert "python -m generator check --format github briefings/" in run
    assert "mkdocs build --strict" in run
    assert re.search(r"^pytest\b", run, re.MULTILINE)
    assert "apt-get install -y chromium" in run
    assert "pip install -e '.[test]'" in run


def summary_step(check: dict) -> dict:
    (step,) = [s for s in steps(check) if "$GITHUB_STEP_SUMMARY" in s.get("run", "")]
    return step


def test_check_summarises_a_pull_requests_briefing_changes(check):
    step = summary_step(check)
    assert step["if"] == "github.event_name == 'pull_request'"
    assert "python -m generator diff HEAD^1 HEAD --format markdown" in step["run"]
    assert ">> \"$GITHUB_STEP_SUMMARY\"" in step["run"]
    assert "${{" not in step["run"], "no expression (fork-controlled text) inside run"
    checkout = next(s for s in steps(check) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # HEAD^1, the base, must be there
    assert checkout["with"]["persist-credentials"] is False
    assert "permissions" not in check["jobs"]["check"]  # the read-only top level applies


def test_the_summary_step_writes_the_markdown_diff_of_a_merge_commit(check, tmp_path):
    """The step's own command, run as the runner would on a pull request's merge commit."""
    from history_repo import git, make_history_repo

    commits = make_history_repo(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "base", commits[2])
    git(tmp_path, "merge", "-q", "--no-ff", "-m", "Merge pull request", commits[3],
        date="2026-03-07T00:00:00Z")
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", "-e", "-c", summary_step(check)["run"]], cwd=tmp_path, env=env,
                   check=True, timeout=120)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Briefing changes")
    assert "1 claim added; new conflict: " in text


@pytest.mark.parametrize("path", [CHECK, DEPLOY], ids=lambda p: p.name)
def test_edit_links_come_from_the_repository_the_site_is_built_in(path):
    env = load(path)["env"]
    assert env["BRIEFINGS_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert env["BRIEFINGS_EDIT_URI"] == "edit/${{ github.event.repository.default_branch }}/docs/"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "repo_url: !ENV BRIEFINGS_REPO_URL" in config
    assert "example/briefings" not in config


def test_deploy_fetches_the_whole_history(deploy):
    checkout = next(s for s in deploy["jobs"]["build"]["steps"]
                    if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the dates of updates come from it


def test_check_uploads_site_preview(check):
    upload = [s for s in steps(check) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(upload) == 1
    assert upload[0]["with"]["path"].rstrip("/") == "site"


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_actions_pinned_to_a_version(path):
    found = uses(load(path))
    assert found
    loose = [u for u in found if not u.startswith("./") and not PINNED.match(u)]
    assert not loose, f"pin these to @vN or a full commit sha: {loose}"


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_pip_cache_keyed_on_pyproject(path):
    setup = [s for s in steps(load(path)) if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup
    for step in setup:
        assert str(step["with"]["python-version"]) == "3.11"
        assert step["with"]["cache"] == "pip"
        assert "pyproject.toml" in step["with"]["cache-dependency-path"]


# --- actionlint -------------------------------------------------------------------------


def actionlint() -> str | None:
    beside_python = Path(sys.executable).parent / "actionlint"
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("actionlint")


def test_actionlint_passes():
    binary = actionlint()
    if binary is None:
        pytest.fail("actionlint is missing: pip install -e '.[test]' installs it")
    result = subprocess.run(
        [binary, "-no-color", *map(str, all_workflows())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- task script and contributor entry points ------------------------------------------


def test_dev_script_is_executable_and_valid_bash():
    dev = ROOT / "dev"
    assert os.access(dev, os.X_OK)
    subprocess.run(["bash", "-n", str(dev)], check=True)


def test_dev_without_a_task_prints_usage():
    result = subprocess.run([str(ROOT / "dev")], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    for task in ("serve", "build", "test", "lint", "bench"):
        assert f"./dev {task}" in result.stderr


def test_ci_runs_dev_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in script
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] in ("./dev test", "exec ./dev test")


def test_readme_quick_start_uses_dev():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./dev test" in readme
    assert "./dev serve" in readme


def test_precommit_runs_ruff_and_checker():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["ruff"]["entry"].startswith("ruff check")
    checker = hooks["briefing-check"]
    assert checker["entry"] == "python -m generator check briefings/"
    assert checker["files"] == "^briefings/"
    assert checker["pass_filenames"] is False


@pytest.mark.parametrize("name", ["correction.yml", "new-source.yml", "new-round.yml"])
def test_issue_forms_are_well_formed(name):
    form = load(ISSUE_FORMS / name)
    assert form["name"] and form["description"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    kinds = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    for item in form["body"]:
        assert item["type"] in kinds
        assert item["attributes"].get("label") or item["type"] == "markdown"
        if item["type"] != "markdown":
            assert "id" in item, item
    assert (ISSUE_FORMS / "config.yml").exists()


# --- the contributor guide's examples follow the format ---------------------------------

GUIDE_SUPPORT = """\
briefing:
  title: "Contributor guide examples"
  summary: "The YAML examples of docs/contributing.md, with the items they refer to."
  period: {start: "2025-05-16", end: "2025-06-02"}
  last_reviewed: "2025-06-03"
sources:
  - id: cgtn-2025-06-02
    title: "Russia, Ukraine hold second round of direct talks in Istanbul"
    publisher: CGTN
    url: unknown
    published: "2025-06-02"
    language: en
    kind: news-report
actors:
  - {id: hakan-fidan, name: Hakan Fidan, kind: person}
  - {id: turkey, name: Turkey, kind: government}
  - {id: interfax, name: Interfax, kind: outlet}
  - {id: russian-delegation, name: Russian delegation, kind: delegation}
  - {id: ukrainian-delegation, name: Ukrainian delegation, kind: delegation}
places:
  - {id: ciragan-palace, name: Çırağan Palace, kind: venue}
"""


def test_contributing_guide_examples_pass_the_checker(tmp_path):
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL) if yaml.safe_load(b)]
    assert len(blocks) >= 5, "expected examples for sources, facts, rounds, discrepancies"
    folder = tmp_path / "briefings" / "guide-examples"
    folder.mkdir(parents=True)
    (folder / "support.yaml").write_text(GUIDE_SUPPORT, encoding="utf-8")
    for number, block in enumerate(blocks):
        (folder / f"example-{number}.yaml").write_text(block, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(tmp_path / "briefings")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
