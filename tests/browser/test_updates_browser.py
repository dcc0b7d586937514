"""Updates and corrections as a reader meets them in Chromium, and the README's pictures
of the Updates page and of a pull request's job summary.

The site is built from the git repository of tests/history_repo.py (fixed commit dates,
fixed build date), so the pictures only change when the pages do. The job summary is
the Markdown `python -m generator diff` writes for GitHub, rendered here locally with
Python-Markdown and a plain GitHub-like style: a local rendering, not GitHub's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from history_repo import BUILD_EPOCH, SLUG, make_history_repo

from .conftest import _open, _serve
from .support import DESKTOP, assert_landed, item_of, save_screenshot

SUMMARY_STYLE = """
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
       color: #1f2328; background: #fff; margin: 0; padding: 16px 24px; width: 880px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h3 { font-size: 1.25em; } h4 { font-size: 1em; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
summary { cursor: pointer; font-weight: 600; }
.frame { border: 1px solid #d1d9e0; border-radius: 6px; padding: 0 16px 8px; }
.label { color: #59636e; font-size: 12px; margin: 8px 0; }
"""


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    repo = tmp_path_factory.mktemp("updates-browser")
    commits = make_history_repo(repo, site=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFINGS_REPO_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return repo, commits


@pytest.fixture(scope="module")
def served(history) -> Iterator:
    with _serve(history[0] / "site") as server:
        yield server


@pytest.fixture
def reader(browser, served):
    context, page = _open(browser, served, DESKTOP)
    yield page
    errors = list(page.errors)
    context.close()
    assert not errors, "the page reported errors:\n" + "\n".join(errors)




def test_a_correction_note_leads_to_the_earlier_wording_in_one_click(reader):
    reader.goto(f"{SLUG}/rounds/round-1/")
    reader.get_by_role("link", name="corrected on 3 March 2026").click()
    where = assert_landed(reader, reader.url.split("#")[1])
    assert where["id"].endswith("-harbour-opened")
    struck = item_of(reader, where["id"]).locator("del")
    assert struck.inner_text() == "The talks opened in the old customs house."
    assert "line-through" in struck.evaluate("e => getComputedStyle(e).textDecorationLine")


def test_updates_page_picture(reader):
    reader.goto(f"{SLUG}/updates/", wait_until="networkidle")
    headings = reader.locator("article h2").all_inner_texts()
    assert headings[:4] == ["6 March 2026", "5 March 2026", "3 March 2026", "1 February 2026"]
    reader.evaluate("document.fonts.ready")
    save_screenshot("updates-desktop.png", reader.screenshot(animations="disabled", caret="hide"))


def test_job_summary_picture(browser, history, tmp_path):
    repo, commits = history
    assert len(commits) == 4  # named HEAD~3 and HEAD, as a reviewer would
    diff = subprocess.run([sys.executable, "-m", "generator", "diff", "HEAD~3", "HEAD",
                           "--format", "markdown"], cwd=repo, capture_output=True, text=True,
                          check=True, timeout=120).stdout
    # GitHub reads Markdown inside <details>; Python-Markdown does when asked (md_in_html).
    body = markdown.markdown(diff.replace("<details", '<details markdown="1"'),
                             extensions=["tables", "md_in_html", "pymdownx.tilde"])
    page_file = tmp_path / "summary.html"
    page_file.write_text(
        f"<!doctype html><html lang=en><meta charset=utf-8><title>Job summary</title>"
        f"<style>{SUMMARY_STYLE}</style><body><p class=label>check summary (rendered "
        f"locally)</p><div class=frame>{body}</div></body></html>", encoding="utf-8")
    context = browser.new_context(viewport={"width": 930, "height": 600})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                  else r.abort())
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        text = page.locator(".frame").inner_text()
        assert "1 fact added to Round 1; 1 fact changed; 1 fact removed" in text
        assert page.locator("del", has_text="The talks opened in the old customs house").count()
        data = page.screenshot(full_page=True, animations="disabled")
    finally:
        context.close()
    save_screenshot("job-summary.png", data)
