"""The repository the site is built from, for the edit buttons (`repo_url`, `edit_uri`).

In CI, mkdocs.yml reads them from the environment (`!ENV BRIEFINGS_REPO_URL`, set by the
workflows from GitHub's). Locally, without it, the plugin asks git for the remote
`origin` and turns an https or ssh address into the https address of the repository;
anything else (no git, no remote, a local path) gives no address and no edit button.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_REMOTE = re.compile(
    r"^(?:https://|ssh://)?(?:[^@/\s]+@)?(?P<host>[\w-]+(?:\.[\w-]+)+)(?::\d+)?[:/]"
    r"(?P<path>[\w.-]+(?:/[\w.-]+)+)$")


def repository_url(folder: Path) -> tuple[str, str] | None:
    """(https address, owner/name) of the remote `origin` of the repository holding
    `folder`, or None."""
    try:
        url = subprocess.run(["git", "-C", str(folder), "remote", "get-url", "origin"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return parse_remote(url)


def parse_remote(url: str) -> tuple[str, str] | None:
    """`git@github.com:o/r.git`, `https://github.com/o/r` … → (`https://github.com/o/r`,
    `o/r`); None for a local path or anything that is not a hosted repository."""
    if url.startswith(("http://", "file:", "/", ".")):
        return None
    match = _REMOTE.match(url.rstrip("/").removesuffix(".git"))
    if match is None:
        return None
    path = match.group("path")
    return f"https://{match.group('host')}/{path}", path
