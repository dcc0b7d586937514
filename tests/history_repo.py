"""A small briefing with a real git history: added, corrected, withdrawn, a new conflict.

Used by the diff, history, updates and feed tests. Every commit has a fixed date, and
the build date is fixed through SOURCE_DATE_EPOCH, so no test depends on today's date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "harbour-talks"
BUILD_DATE = "2026-03-08T12:00:00+00:00"  # the "today" of the built site
BUILD_EPOCH = "1772971200"  # BUILD_DATE as seconds since 1970

BRIEFING = """\
briefing:
  title: Harbour talks
  summary: Fictional talks by a harbour, with a history of corrections.
  period: {start: "2026-01-10", end: ongoing}
  last_reviewed: "2026-03-06"
sources:
  - id: wire-a
    title: First wire report
    publisher: Example Wire
    url: https://example.org/a
    published: "2026-01-11"
    language: en
    kind: wire-report
  - id: paper-b
    title: Second paper report
    publisher: Example Paper
    url: https://example.org/b
    published: "2026-01-12"
    language: en
    kind: news-report
actors:
  - {id: north, name: Northland, kind: government}
  - {id: south, name: Southland, kind: government}
rounds:
  - id: round-1
    number: 1
    date: "2026-01-10"
    citations: [wire-a]
"""

FACTS_1 = """\
facts:
  - id: harbour-opened
    text: "The talks opened in the old customs house."
    when: "2026-01-10"
    round: round-1
    actors: [north, south]
    citations: [wire-a]
  - id: ferry-deal
    text: "Both sides agreed to restart the night ferry."
    when: "2026-01-10"
    round: round-1
    citations: [paper-b]
claims:
  - id: length-wire
    subject: round-1
    property: duration
    reported: "about an hour"
    citations: [wire-a]
"""

# Commit 2: harbour-opened corrected, a fact added.
FACTS_2 = FACTS_1.replace("in the old customs house", "in the harbour master's office") \
    .replace("claims:", """\
  - id: lights-fixed
    text: "Northland promised to repair the harbour lights."
    when: "2026-01-10"
    round: round-1
    citations: [wire-a]
claims:""")

# Commit 3: ferry-deal withdrawn (removed, with a `withdrawn` note giving the reason).
FACTS_3 = FACTS_2.replace("""\
  - id: ferry-deal
    text: "Both sides agreed to restart the night ferry."
    when: "2026-01-10"
    round: round-1
    citations: [paper-b]
""", "") + """\
withdrawn:
  - id: ferry-deal
    reason: "The paper retracted its report of a ferry agreement."
"""

# Commit 4: a second source reports another length: a new conflict.
FACTS_4 = FACTS_3.replace("withdrawn:", """\
  - id: length-paper
    subject: round-1
    property: duration
    reported: "three hours"
    citations: [paper-b]
withdrawn:""")

COMMITS = [
    ("2026-02-01T10:00:00+00:00", "Harbour talks: first round", FACTS_1),
    ("2026-03-03T09:30:00+00:00", "Correct where the talks opened; add the harbour lights",
     FACTS_2),
    ("2026-03-05T16:00:00+00:00", "Withdraw the ferry deal", FACTS_3),
    ("2026-03-06T08:15:00+00:00", "Add the paper's length of round 1", FACTS_4),
]


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


def make_history_repo(repo: Path, site: bool = False) -> list[str]:
    """A git repository whose briefings/ went through COMMITS; returns the commit ids.

    With `site`, it also holds the project's mkdocs.yml, docs and theme overrides, so
    `mkdocs build` runs in it (the fixture's docs/index.md lists the briefings).
    """
    folder = repo / "briefings" / SLUG
    folder.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    if site:
        shutil.copytree(ROOT / "tests" / "fixtures" / "site" / "docs" , repo / "docs",
                        ignore=shutil.ignore_patterns("lakeside-talks"))
        shutil.copytree(ROOT / "docs" / "assets", repo / "docs" / "assets")
        shutil.copytree(ROOT / "overrides", repo / "overrides")
        shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    if site:  # the edit buttons' local default comes from this remote (mkdocs.yml)
        git(repo, "remote", "add", "origin", "git@github.com:example-org/harbour-talks.git")
    (folder / "briefing.yaml").write_text(BRIEFING, encoding="utf-8")
    commits = []
    for date, message, facts in COMMITS:
        (folder / "facts.yaml").write_text(facts, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", message, date=date)
        commits.append(git(repo, "rev-parse", "HEAD").strip())
    return commits
