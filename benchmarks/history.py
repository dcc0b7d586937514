"""Benchmark of the history pass: N facts written over C commits, then read back once.

    python benchmarks/history.py [--facts 10000] [--commits 1000]

Builds a git repository with `git fast-import` (quick to make, and the same objects as
commits made one by one): each commit adds facts to one of the round files and corrects
two facts written earlier, so files grow as a real briefing's do and most commits
rewrite a file of a hundred facts. Then it times `generator.history.read_history`
(wall and CPU time) and prints one Markdown row. `run.py --history` runs it too.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.history import read_history

FILES = 100  # round files the facts are spread over
HEADER = """\
briefing:
  title: Synthetic history
  summary: Facts added and corrected over many commits.
  period: {start: "2020-01-01", end: ongoing}
  last_reviewed: "2020-01-01"
"""


def fact(number: int, version: int) -> str:
    text = f"Delegation {number % 37} said point {number} was settled (version {version})."
    return (f"  - id: fact-{number}\n    kind: statement\n    text: \"{text}\"\n"
            f"    when: \"2020-01-{1 + number % 28:02d}\"\n    citations: [source-{number % 50}]\n")


def fast_import_stream(facts: int, commits: int) -> bytes:
    """Commits adding `facts` facts in all, each also correcting two earlier facts."""
    per_commit = max(1, facts // commits)
    versions: dict[int, int] = {}
    by_file: dict[int, list[int]] = {}
    out: list[bytes] = []
    written = 0
    for number in range(commits):
        date = 1_600_000_000 + number * 3600
        changed: set[int] = set()
        for _ in range(per_commit if number < commits - 1 else facts - written):
            if written >= facts:
                break
            by_file.setdefault(written % FILES, []).append(written)
            versions[written] = 0
            changed.add(written % FILES)
            written += 1
        for earlier in (written * 7 % max(1, written), written * 13 % max(1, written)):
            versions[earlier] += 1
            changed.add(earlier % FILES)
        message = f"Commit {number}".encode()
        out.append(b"commit refs/heads/main\n")
        out.append(f"committer Bench <bench@example.org> {date} +0000\n".encode())
        out.append(b"data %d\n%s\n" % (len(message), message))
        if number == 0:
            out.append(_inline("briefings/synthetic/briefing.yaml", HEADER.encode()))
        for file in sorted(changed):
            body = "facts:\n" + "".join(fact(n, versions[n]) for n in by_file[file])
            out.append(_inline(f"briefings/synthetic/rounds/round-{file}.yaml", body.encode()))
    return b"".join(out)


def _inline(path: str, data: bytes) -> bytes:
    return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data)


def measure(facts: int, commits: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="history-bench-") as tmp:
        repo = Path(tmp)
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
        subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], check=True,
                       input=fast_import_stream(facts, commits), env=env)
        subprocess.run(["git", "-C", str(repo), "checkout", "-q", "main"], check=True, env=env)
        size = sum(f.stat().st_size for f in (repo / ".git").rglob("*") if f.is_file())
        git_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, cpu = time.perf_counter(), time.process_time()
        history = read_history(repo / "briefings")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        git_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        git_cpu = (git_after.ru_utime + git_after.ru_stime
                   - git_before.ru_utime - git_before.ru_stime)
        events = sum(len(e) for e in history.events.values())
        items = sum(len(i) for i in history.items.values())
        return {"facts": facts, "commits": history.commits, "items": items, "events": events,
                "git_mb": size / 1e6, "seconds": wall, "cpu_seconds": cpu,
                "git_cpu_seconds": git_cpu}


def row(result: dict[str, float]) -> str:
    return (f"| {result['facts']:,} | {result['commits']:,} | {result['events']:,} | "
            f"{result['git_mb']:.1f} MB | {result['seconds']:.2f} s | "
            f"{result['cpu_seconds']:.2f} s | {result['git_cpu_seconds']:.2f} s | "
            f"{'pass' if result['seconds'] < 5 else 'FAIL'} |")


HEAD = ("| facts | commits | item changes | .git | history pass | CPU (Python) | CPU (git) "
        "| < 5 s |\n|---|---|---|---|---|---|---|---|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=1_000)
    args = parser.parse_args()
    print(HEAD)
    print(row(measure(args.facts, args.commits)))


if __name__ == "__main__":
    main()
